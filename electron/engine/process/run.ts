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
  /** The most output kept per stream (default 64 MiB); a program printing more is stopped (`outputCapped`). */
  maxOutputBytes?: number;
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
  /** Set when the program could not be started at all (ENOENT, EACCES…); never for a crash (see `signal`). */
  spawnError: string | null;
  /** True when the program printed more than `maxOutputBytes` and was stopped; its output is cut there. */
  outputCapped?: boolean;
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
    maxBuffer: options.maxOutputBytes ?? 64 * 1024 * 1024,
  });
  if (subprocess.pid !== undefined) options.onSpawn?.(subprocess.pid);
  // execa's timeout kills the program but still waits for its pipes to close; a child that keeps stdout open,
  // or a process stuck in the kernel (nvidia-smi on a wedged driver), would make that wait endless. Bound it.
  let timer: NodeJS.Timeout | undefined;
  // Just after execa's own timeout (which marks the result timed out and ends the program), end the whole tree:
  // a child still holding the pipes would otherwise keep the run waiting until the `hung` bound below.
  const treeTimer = setTimeout(() => killTree(subprocess.pid), timeoutMs + 100);
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), timeoutMs + 3_000);
  });
  const settled = await Promise.race([subprocess, hung]);
  clearTimeout(timer);
  clearTimeout(treeTimer);
  if (settled === 'hung') {
    abandon(subprocess);
    return {
      name: options.name, command, args, ok: false, exitCode: null, signal: 'SIGKILL', stdout: '', stderr: '',
      durationMs: Math.round(performance.now() - started), timedOut: true, isCanceled: false, spawnError: null,
    };
  }
  const result = settled;
  // A timeout or cancel ends the whole tree, not just the program: a child that closed its pipes
  // (`exec 1>&- 2>&-; sleep 200`) lets the program's end be seen at once and would otherwise live on.
  const capped = result.isMaxBuffer === true;
  if (result.timedOut || result.isCanceled || capped) killTree(subprocess.pid);
  // Killed by a signal (a crash: SIGSEGV, SIGABRT) is not "could not be started": only a spawn failure has neither.
  const spawnError = result.failed && result.exitCode === undefined && result.signal === undefined && !result.timedOut && !result.isCanceled && !capped
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
    ...(capped ? { outputCapped: true } : {}),
  };
}

/** Describes a failed run in one line for a user-facing message. */
export function describeFailure(r: RunResult): string {
  if (r.spawnError) return `${r.name} could not be started (${r.spawnError})`;
  if (r.timedOut) return `${r.name} did not answer within the time limit`;
  if (r.outputCapped) return `${r.name} printed more output than expected and was stopped`;
  if (r.exitCode === null && r.signal) return `${r.name} crashed (${r.signal})`;
  const firstLine = (r.stderr.trim() || r.stdout.trim()).split(/\r?\n/)[0] ?? '';
  return `${r.name} exited with code ${r.exitCode ?? r.signal ?? '?'}${firstLine ? `: ${firstLine}` : ''}`;
}

/**
 * Ends a program and every process it started: its process group on POSIX (it was started as the group's leader),
 * `taskkill /T /F` on Windows (the tree by parent pid). Safe to call when they are already gone.
 */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    // The runner's own helper: argument array, no shell; its failure (tree already gone) is of no interest.
    execa('taskkill', ['/T', '/F', '/PID', String(pid)], { reject: false, windowsHide: true, stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' }).catch(() => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/** Kills a hung program with its whole tree and stops waiting for its pipes. */
function abandon(subprocess: ReturnType<typeof execa>): void {
  killTree(subprocess.pid);
  try {
    subprocess.kill('SIGKILL');
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
