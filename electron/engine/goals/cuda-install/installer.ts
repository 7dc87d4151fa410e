import fs from 'node:fs/promises';
import path from 'node:path';
import type { DetectContext } from '../../detect/detect-context.js';
import { run, type RunResult } from '../../process/run.js';
import { assertNoDriver } from './plan.js';

/** How the installer ended and the tail of its log (shown as progress and kept with the result). */
export interface InstallerRun {
  exitCode: number | null;
  logTail: string[];
  result: RunResult;
}

const HOUR = 3_600_000;

/**
 * Runs NVIDIA's installer once. Windows: one elevated helper (a .cmd that runs the installer and writes its exit code
 * to a file, started with PowerShell's RunAs: one UAC prompt; CreateProcess alone fails with error 740). Linux: the
 * runfile through sh. Simulated machines (a Windows layout on Linux) run the stand-in through sh.
 */
export async function runInstaller(args: { ctx: DetectContext; installer: string; installerArgs: readonly string[]; logDir: string; onLine?: (line: string) => void }): Promise<InstallerRun> {
  assertNoDriver(args.installerArgs);
  await fs.mkdir(args.logDir, { recursive: true });
  const onStdout = (line: string): void => args.onLine?.(line);
  let result: RunResult;
  if (process.platform === 'win32' && args.ctx.platform === 'windows') {
    result = await runElevatedWindows(args);
  } else {
    result = await run('sh', [args.installer, ...args.installerArgs], { name: 'cuda-installer', env: args.ctx.env, timeoutMs: HOUR, onStdout, onStderr: onStdout });
  }
  return { exitCode: result.exitCode, logTail: await logTail(args.logDir), result };
}

/** PowerShell single-quoted string. */
const psQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

async function runElevatedWindows(args: { ctx: DetectContext; installer: string; installerArgs: readonly string[]; logDir: string }): Promise<RunResult> {
  const status = path.join(args.logDir, 'installer-exit-code.txt');
  await fs.rm(status, { force: true });
  const quoted = [args.installer, ...args.installerArgs].map((a) => `"${a.replace(/"/g, '')}"`).join(' ');
  const helper = path.join(args.logDir, 'torchlift-cuda-install.cmd');
  await fs.writeFile(helper, `@echo off\r\n${quoted}\r\n(echo %ERRORLEVEL%) > "${status}"\r\n`, 'utf8');
  const script = `Start-Process -FilePath 'cmd.exe' -ArgumentList @('/c', ${psQuote(`"${helper}"`)}) -Verb RunAs -Wait -WindowStyle Hidden`;
  const ps = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { name: 'elevated-installer', env: args.ctx.env, timeoutMs: HOUR });
  let code: number | null = null;
  try {
    code = Number.parseInt((await fs.readFile(status, 'utf8')).trim(), 10);
  } catch {
    code = null;
  }
  // No status file: the UAC prompt was declined (or PowerShell failed before the helper ran).
  return { ...ps, exitCode: code ?? ps.exitCode, ok: code === 0, stderr: code === null ? `${ps.stderr}\nThe administrator prompt was declined or the helper did not run.` : ps.stderr };
}

/** The last lines of NVIDIA's setup log (LOG.setup.exe.log), where the log folder has one. */
async function logTail(dir: string): Promise<string[]> {
  try {
    const text = await fs.readFile(path.join(dir, 'LOG.setup.exe.log'), 'utf8');
    return text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(-20);
  } catch {
    return [];
  }
}
