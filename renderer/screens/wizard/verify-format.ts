import type { VerifyReport } from '../../../shared/schemas/tx.js';

/** "1.8× faster", "1.3× slower" or "no measurable change" (within 5%) in the UI language; "not measured" without both timings. */
export function speedupText(report: Pick<VerifyReport, 'beforeMs' | 'afterMs'>, t: (k: string, o?: Record<string, unknown>) => string): string {
  const { beforeMs: before, afterMs: after } = report;
  if (before === null || after === null || before <= 0 || after <= 0) return t('verify.notMeasured');
  const ratio = before / after;
  if (ratio >= 1.05) return t('verify.faster', { ratio: ratio.toFixed(1) });
  if (ratio <= 0.95) return t('verify.slower', { ratio: (1 / ratio).toFixed(1) });
  return t('verify.same');
}
