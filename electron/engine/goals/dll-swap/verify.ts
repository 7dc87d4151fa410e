import { resolveContext } from '../../detect/detect-context.js';
import type { ProbeOutput } from '../../detect/probe-output.js';
import { probeAnswered, runProbe } from '../../detect/probe-runner.js';
import type { VerifyCheck } from '../../../../shared/schemas/tx.js';
import { em, english } from '../../i18n/engine-text.js';
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
  // Reasons are messages: the journal stores them with their English, every host renders them in its language.
  const checks = steps.map((s) => verifyCheck(s, expectedCudnn));
  if (steps.length === 0) return { ok: false, reason: em('verify.no-checks'), log, checks };
  const failed = steps.find((s) => !s.ok);
  if (failed) {
    const error = failed.error ? `${failed.error.type}: ${failed.error.message}` : 'no detail';
    const reason = failed.name === 'import' ? em('verify.import-failed', { error }) : em('verify.step-failed', { step: failed.name, error });
    return { ok: false, reason, log, checks };
  }
  const mismatch = checks.find((c) => c.name === 'cudnn-version' && !c.ok)?.detailMsg;
  if (mismatch) return { ok: false, reason: mismatch, log, checks };
  if (expectedCudnn !== null && !checks.some((c) => c.name === 'cudnn-version')) {
    return { ok: false, reason: em('verify.cudnn-mismatch', { actual: 'undefined', expected: expectedCudnn }), log, checks };
  }
  return { ok: true, log, checks };
}

/** One probe step as a structured check: ok, and what it found (raw error text, or a message where the engine judged it). */
function verifyCheck(step: NonNullable<ProbeOutput['verify']>['steps'][number], expectedCudnn: number | null): VerifyCheck {
  if (!step.ok) return { name: step.name, ok: false, detail: step.error ? `${step.error.type}: ${step.error.message}` : '' };
  if (step.name === 'cudnn-version' && expectedCudnn !== null && step.value !== expectedCudnn) {
    const detailMsg = em('verify.cudnn-mismatch', { actual: String(step.value), expected: expectedCudnn });
    return { name: step.name, ok: false, detail: english(detailMsg), detailMsg };
  }
  const value = step.value === undefined || step.value === null ? '' : String(step.value);
  const ms = step.ms === null ? '' : `${step.ms} ms`;
  return { name: step.name, ok: true, detail: [value, ms].filter(Boolean).join(', ') };
}

/** Runs the probe in verify mode in the install's Python and judges it. */
export async function verifyDllSwap(args: { python: string; app: string; env: NodeJS.ProcessEnv; expectedCudnn: number | null }): Promise<VerifyOutcome> {
  const run = await runProbe({ python: args.python, ctx: resolveContext({ env: args.env }), mode: 'verify', cwd: args.app, timeoutMs: VERIFY_TIMEOUT_MS });
  const stderr = run.stderr.trim() ? run.stderr.trim().split(/\r?\n/).slice(-20) : [];
  if (!probeAnswered(run)) return { ok: false, reason: run.message, log: stderr };
  const verdict = judgeVerify(run.output, args.expectedCudnn);
  return { ...verdict, log: [...verdict.log, ...stderr] };
}
