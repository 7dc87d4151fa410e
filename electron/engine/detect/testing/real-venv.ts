import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Debian's python3 (has python3-torch, a real CPU torch 1.13.1 that reports 1.13.0a0). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Throws a clear error when SYSTEM_PYTHON cannot import torch (tests that need it must fail, not skip). */
export function assertSystemTorch(): void {
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', 'import torch']);
  } catch (e) {
    throw new Error(`${SYSTEM_PYTHON} cannot import torch (Debian python3-torch must be installed for this test): ${String(e)}`);
  }
}

/** A venv made by the real `python -m venv`; with system site-packages it sees Debian's python3-torch. Returns its python. */
export function makeRealVenv(dir: string, systemSite: boolean): string {
  execFileSync(SYSTEM_PYTHON, ['-m', 'venv', '--without-pip', ...(systemSite ? ['--system-site-packages'] : []), dir]);
  return path.join(dir, 'bin', 'python');
}
