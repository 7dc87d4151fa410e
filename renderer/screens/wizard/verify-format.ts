import type { VerifyReport } from '../../../shared/schemas/tx.js';

/**
 * The engine's verdict on the timing (VerifyReport.change) in the UI language: "1.8× faster", "1.3× slower", "no
 * measurable change", or "not measured". The judgement (thresholds, ratio) is the engine's; this only words it.
 */
export function speedupText(report: Pick<VerifyReport, 'change'>, t: (k: string, o?: Record<string, unknown>) => string): string {
  const change = report.change;
  if (!change || change.kind === 'not-measured') return t('verify.notMeasured');
  if (change.kind === 'same' || change.ratio === null) return t('verify.same');
  return t(change.kind === 'faster' ? 'verify.faster' : 'verify.slower', { ratio: change.ratio.toFixed(1) });
}
