import { resolveContext } from '../../detect/detect-context.js';
import type { ProbeOutput } from '../../detect/probe-output.js';
import { probeAnswered, runProbe } from '../../detect/probe-runner.js';
import { et } from '../../i18n/engine-text.js';
import { cudnnVersionFromInt } from '../../parsers/cudnn-header.js';
import type { VerifyCheck } from '../../../../shared/schemas/tx.js';
import type { VerifyOutcome } from '../../tx/transaction.js';

/** How long the verification may take: the first import after a swap re-scans every DLL (antivirus). */
export const VERIFY_TIMEOUT_MS = 180_000;

/**
 * Judges `probe.py --verify` output: import torch, CUDA available, a matmul, a cuDNN convolution, and
 * torch.backends.cudnn.version() equal to the new cuDNN (when one was swapped in). Pure.
 */
export function judgeVerify(output: ProbeOutput, expectedCudnn: number | null): VerifyOutcome {
  const steps = output.verify?.steps ?? [];
  const log = steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.name}${s.ms !== null ? ` (${s.ms} ms)` : ''}${s.error ? `: ${s.error.type}: ${s.error.message}` : ''}`);
  log.push(...output.warnings.map((w) => `warning: ${w.category}: ${w.message}`));
  // Each step ✓/✗ with its detail, typed for the job (the log lines above stay for the journal and the log file).
  const checks: VerifyCheck[] = steps.map((s) => ({
    name: s.name, ok: s.ok,
    detail: [s.name === 'cudnn-version' ? cudnnText(s.value) : null, s.ms !== null ? `${s.ms} ms` : null, s.error ? `${s.error.type}: ${s.error.message}` : null]
      .filter((d) => d !== null).join(' · '),
  }));
  // Reasons are English (the journal keeps them); the API translates them on the way out (localizeReason).
  if (steps.length === 0) return { ok: false, reason: et('en', 'verify.no-checks'), log, checks };
  const failed = steps.find((s) => !s.ok);
  if (failed) {
    const error = failed.error ? `${failed.error.type}: ${failed.error.message}` : 'no detail';
    const reason = failed.name === 'import' ? et('en', 'verify.import-failed', { error }) : et('en', 'verify.step-failed', { step: failed.name, error });
    return { ok: false, reason, log, checks };
  }
  const cudnn = steps.find((s) => s.name === 'cudnn-version')?.value;
  if (expectedCudnn !== null && cudnn !== expectedCudnn) {
    const reason = et('en', 'verify.cudnn-mismatch', { actual: String(cudnn), expected: expectedCudnn });
    const marked = checks.map((c) => (c.name === 'cudnn-version' ? { ...c, ok: false, detail: reason } : c));
    return { ok: false, reason, log, checks: marked.some((c) => !c.ok) ? marked : [...marked, { name: 'cudnn-version', ok: false, detail: reason }] };
  }
  return { ok: true, log, checks };
}

/** "cuDNN 8.9.7" for torch.backends.cudnn.version()'s 8907; null when there is no number. */
function cudnnText(value: unknown): string | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? `cuDNN ${cudnnVersionFromInt(value)}` : null;
}

/** Runs the probe in verify mode in the install's Python and judges it. */
export async function verifyDllSwap(args: { python: string; app: string; env: NodeJS.ProcessEnv; expectedCudnn: number | null }): Promise<VerifyOutcome> {
  const run = await runProbe({ python: args.python, ctx: resolveContext({ env: args.env }), mode: 'verify', cwd: args.app, timeoutMs: VERIFY_TIMEOUT_MS });
  const stderr = run.stderr.trim() ? run.stderr.trim().split(/\r?\n/).slice(-20) : [];
  if (!probeAnswered(run)) return { ok: false, reason: run.message, log: stderr, checks: [{ name: 'probe', ok: false, detail: run.message }] };
  const verdict = judgeVerify(run.output, args.expectedCudnn);
  return { ...verdict, log: [...verdict.log, ...stderr] };
}
