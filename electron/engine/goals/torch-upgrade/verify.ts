import path from 'node:path';
import type { VerifyCheck, VerifyReport } from '../../../../shared/schemas/tx.js';
import { run } from '../../process/run.js';
import { resourcesDir } from '../../resources.js';

/** What the check script reports: each check, and the timed workload in ms (null where it could not run). */
export interface CheckRun {
  checks: VerifyCheck[];
  ms: number | null;
  device: string | null;
  /** The workload size used (pass it to the "after" run). */
  size: number | null;
  /** Set when the script itself could not run (no interpreter, a hang, garbage output). */
  failure: string | null;
}

/**
 * Runs resources/probe/upgrade_check.py in the install's own Python: with `expect`, every check (imports, versions
 * equal the plan, torch.version.cuda, CUDA available where there is an NVIDIA GPU, a matmul, a cuDNN convolution,
 * torchvision.ops.nms, an xformers attention forward) plus the timed workload; without, only the workload (the
 * "before" run). Never writes bytecode into the install (its files must stay exactly as snapshotted).
 */
export async function runUpgradeCheck(args: {
  python: string;
  env: NodeJS.ProcessEnv;
  expect?: { torch: string; torchvision: string | null; torchaudio: string | null; xformers: string | null; cuda: string | null };
  needCuda: boolean;
  xformersRemoved?: boolean;
  size?: number | null;
  cwd?: string;
}): Promise<CheckRun> {
  const script = path.join(resourcesDir(args.env), 'probe', 'upgrade_check.py');
  const payload = JSON.stringify({ expect: args.expect ?? {}, needCuda: args.needCuda, checks: args.expect !== undefined, xformersRemoved: args.xformersRemoved === true, size: args.size ?? null });
  const env = { ...args.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1', PYTHONNOUSERSITE: '1' };
  const r = await run(args.python, ['-B', script, payload], { name: 'upgrade check', env, cwd: args.cwd, timeoutMs: 5 * 60_000 });
  const last = r.stdout.trim().split(/\r?\n/).at(-1) ?? '';
  try {
    const parsed = JSON.parse(last) as { checks?: VerifyCheck[]; ms?: number | null; device?: string | null; size?: number | null };
    return { checks: parsed.checks ?? [], ms: typeof parsed.ms === 'number' ? parsed.ms : null, device: parsed.device ?? null, size: typeof parsed.size === 'number' ? parsed.size : null, failure: null };
  } catch {
    const why = r.timedOut ? 'the check did not finish within 5 minutes' : (r.stderr.trim().split(/\r?\n/).at(-1) ?? `exit code ${r.exitCode ?? '?'}`);
    return { checks: [], ms: null, device: null, size: null, failure: why };
  }
}

/**
 * How the same workload's time changed (VerifyReport.change): faster / slower by a ratio ≥ 1 (one decimal), 'same'
 * within 10% (a small workload's noise), 'not-measured' without both timings. The one judgement; the UI only words it.
 */
export function workloadChange(before: number | null, after: number | null): NonNullable<VerifyReport['change']> {
  if (before === null || after === null || before <= 0 || after <= 0) return { kind: 'not-measured', ratio: null };
  const ratio = before / after;
  if (ratio >= 1.1) return { kind: 'faster', ratio: Math.round(ratio * 10) / 10 };
  if (ratio <= 0.9) return { kind: 'slower', ratio: Math.round((1 / ratio) * 10) / 10 };
  return { kind: 'same', ratio: null };
}

/** "1.8× faster" / "no measurable change" / "could not be measured" — in English for the journal; the UI words `change`. */
export function speedupText(before: number | null, after: number | null): string {
  const change = workloadChange(before, after);
  if (change.kind === 'faster' || change.kind === 'slower') return `${(change.ratio ?? 1).toFixed(1)}× ${change.kind}`;
  return change.kind === 'same' ? 'no measurable change' : 'could not be measured';
}
