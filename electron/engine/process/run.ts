import { execa } from 'execa';

/** Options for one process run. Arguments are always an array: never a shell string. */
export interface RunOptions {
  /** A short name for logs and errors, e.g. "nvidia-smi". */
  name: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this many milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Exit codes that count as success (default [0]). Others still return; `ok` is false. */
  successExitCodes?: readonly number[];
  input?: string;
  cancelSignal?: AbortSignal;
  onStdout?: (line: string) => void;
  onStderr?: (line: string) => void;
  /** Called with the child's pid as soon as it exists (a transaction records it before the program changes files). */
  onSpawn?: (pid: number) => void;
}

/** A flat record of what happened; a run never throws for the program's own failure. */
export interface RunResult {
  name: string;
  command: string;
  args: readonly string[];
  ok: boolean;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  isCanceled: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES…). */
  spawnError: string | null;
}

/** The one process runner every tool call goes through (STYLE P5). */
export async function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const successCodes = options.successExitCodes ?? [0];
  const timeoutMs = options.timeoutMs ?? 15_000;
  // POSIX: the program leads its own process group, so a hang can be ended with every child it started.
  const ownGroup = process.platform !== 'win32';
  const subprocess = execa(command, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.env === undefined ? true : false,
    timeout: timeoutMs,
    forceKillAfterDelay: 2_000,
    detached: ownGroup,
    input: options.input,
    cancelSignal: options.cancelSignal,
    reject: false,
    stripFinalNewline: false,
    windowsHide: true,
    encoding: 'utf8',
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    stdout: options.onStdout ? ['pipe', lineSink(options.onStdout)] : 'pipe',
    stderr: options.onStderr ? ['pipe', lineSink(options.onStderr)] : 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (subprocess.pid !== undefined) options.onSpawn?.(subprocess.pid);
  // execa's timeout kills the program but still waits for its pipes to close; a child that keeps stdout open,
  // or a process stuck in the kernel (nvidia-smi on a wedged driver), would make that wait endless. Bound it.
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), timeoutMs + 3_000);
  });
  const settled = await Promise.race([subprocess, hung]);
  clearTimeout(timer);
  if (settled === 'hung') {
    abandon(subprocess, ownGroup);
    return {
      name: options.name, command, args, ok: false, exitCode: null, signal: 'SIGKILL', stdout: '', stderr: '',
      durationMs: Math.round(performance.now() - started), timedOut: true, isCanceled: false, spawnError: null,
    };
  }
  const result = settled;
  const spawnError = result.failed && result.exitCode === undefined && !result.timedOut && !result.isCanceled
    ? ((result.cause instanceof Error ? result.cause.message : result.shortMessage) ?? null)
    : null;
  const exitCode = result.exitCode ?? null;
  return {
    name: options.name,
    command,
    args,
    ok: exitCode !== null && successCodes.includes(exitCode) && !result.timedOut,
    exitCode,
    signal: result.signal ?? null,
    stdout: asText(result.stdout),
    stderr: asText(result.stderr),
    durationMs: Math.round(performance.now() - started),
    timedOut: result.timedOut,
    isCanceled: result.isCanceled,
    spawnError,
  };
}

/** Describes a failed run in one line for a user-facing message. */
export function describeFailure(r: RunResult): string {
  if (r.spawnError) return `${r.name} could not be started (${r.spawnError})`;
  if (r.timedOut) return `${r.name} did not answer within the time limit`;
  const firstLine = (r.stderr.trim() || r.stdout.trim()).split(/\r?\n/)[0] ?? '';
  return `${r.name} exited with code ${r.exitCode ?? r.signal ?? '?'}${firstLine ? `: ${firstLine}` : ''}`;
}

/** Kills a hung program (its whole process group on POSIX) and stops waiting for its pipes. */
function abandon(subprocess: ReturnType<typeof execa>, ownGroup: boolean): void {
  const pid = subprocess.pid;
  try {
    if (ownGroup && pid !== undefined) process.kill(-pid, 'SIGKILL');
    else subprocess.kill('SIGKILL');
  } catch {
    // Already gone.
  }
  subprocess.stdout?.destroy();
  subprocess.stderr?.destroy();
  subprocess.catch(() => undefined);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function lineSink(onLine: (line: string) => void) {
  return function* (line: unknown) {
    onLine(String(line));
    yield line;
  };
}
