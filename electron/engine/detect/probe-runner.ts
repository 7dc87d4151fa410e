import path from 'node:path';
import { resourcesDir } from '../resources.js';
import { run } from '../process/run.js';
import type { DetectContext } from './detect-context.js';
import { isFile } from './fs-safe.js';
import { extractProbeOutput, type ProbeOutput } from './probe-output.js';

/** Default probe time limit: the first torch import on Windows (antivirus scanning DLLs) can take tens of seconds. */
export const PROBE_TIMEOUT_MS = 60_000;

/** The outcome of one probe run. */
export type ProbeRun =
  | { state: 'ok' | 'import-failed'; output: ProbeOutput; durationMs: number; stderr: string }
  | { state: 'no-python' | 'timeout' | 'failed'; message: string; durationMs: number; stderr: string };

/** True when the probe produced a result (torch imported or its import error was caught). */
export function probeAnswered(r: ProbeRun): r is Extract<ProbeRun, { output: ProbeOutput }> {
  return 'output' in r;
}

/** The shipped probe script. */
export function probeScriptPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(resourcesDir(env), 'probe', 'probe.py');
}

/**
 * Runs resources/probe/probe.py in the given interpreter (`--verify` in verify mode) and reads its one JSON result.
 * Never throws for the interpreter's failure: a missing interpreter, a hang or garbage output are states.
 */
export async function runProbe(args: {
  python: string; ctx: DetectContext; mode?: 'info' | 'verify'; timeoutMs?: number; cwd?: string;
}): Promise<ProbeRun> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (!(await isFile(args.python))) {
    return { state: 'no-python', message: `the interpreter ${args.python} does not exist`, durationMs: elapsed(), stderr: '' };
  }
  const script = probeScriptPath(args.ctx.env);
  const env = { ...args.ctx.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', PYTHONUTF8: '1' };
  const r = await run(args.python, [script, ...(args.mode === 'verify' ? ['--verify'] : [])], {
    name: 'python probe', env, cwd: args.cwd, timeoutMs: args.timeoutMs ?? PROBE_TIMEOUT_MS,
  });
  const stderr = r.stderr.slice(-4000);
  if (r.spawnError !== null) {
    return { state: 'no-python', message: `the interpreter ${args.python} could not be started (${r.spawnError})`, durationMs: r.durationMs, stderr };
  }
  if (r.timedOut) {
    const s = Math.round((args.timeoutMs ?? PROBE_TIMEOUT_MS) / 1000);
    return { state: 'timeout', message: `importing torch did not finish within ${s} s`, durationMs: r.durationMs, stderr };
  }
  const extracted = extractProbeOutput(r.stdout);
  if (!extracted.ok) {
    const last = stderr.trim().split(/\r?\n/).slice(-1)[0] ?? '';
    const code = r.exitCode ?? r.signal ?? '?';
    return { state: 'failed', message: `${extracted.reason} (exit ${code})${last ? `: ${last}` : ''}`, durationMs: r.durationMs, stderr };
  }
  const output = extracted.output;
  if (output.fatal) {
    return { state: 'failed', message: `the probe failed: ${output.fatal.type}: ${output.fatal.message}`, durationMs: r.durationMs, stderr };
  }
  return { state: output.importError ? 'import-failed' : 'ok', output, durationMs: r.durationMs, stderr };
}
