import type { Refusal } from '../../../shared/schemas/tx.js';

/** Every user-facing refusal and failure text of the transaction engine, built in one place (STYLE P8). */

/** "1.23 GB" / "512 MB" / "900 KB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

/** Not enough free space, with the numbers. */
export function noSpace(args: { path: string; neededBytes: number; freeBytes: number }): Refusal {
  const missing = args.neededBytes - args.freeBytes;
  return {
    code: 'not-enough-space',
    message: `Not enough free space on the drive of "${args.path}": ${formatBytes(args.neededBytes)} needed, ${formatBytes(args.freeBytes)} free.`,
    fix: `Free at least ${formatBytes(missing)} on that drive (empty the Recycle Bin, move old models or outputs), or prune old TorchLift backups with "torchlift history --prune".`,
  };
}

/** A folder the transaction must write to is not writable. */
export function notWritable(args: { dir: string; code: string }): Refusal {
  const readOnly = args.code === 'EROFS';
  return {
    code: 'target-not-writable',
    message: readOnly
      ? `"${args.dir}" is on a read-only drive (${args.code}): TorchLift cannot change files there.`
      : `TorchLift may not write to "${args.dir}" (${args.code}).`,
    fix: readOnly
      ? 'Remount the drive read-write (or copy the install to a writable drive), then try again.'
      : 'Run TorchLift as the user who owns the install (on Windows, installs under Program Files need "Run as administrator"), or give your user write permission on that folder.',
  };
}

/** A file is held open by a running program (Windows: a loaded DLL cannot be replaced). */
export function fileInUse(args: { file: string; code: string }): Refusal {
  return {
    code: 'file-in-use',
    message: `"${args.file}" is in use by another program (${args.code}) and cannot be replaced.`,
    fix: 'Close the web UI that runs from this venv (and any Python or terminal using it), then try again.',
  };
}

/** A file the transaction would change lies outside the folders it declared. */
export function outsideTargets(args: { file: string; roots: string[] }): Refusal {
  return {
    code: 'outside-targets',
    message: `"${args.file}" is outside the folders this change may touch (${args.roots.join(', ')}).`,
    fix: 'This is a safety stop: TorchLift only changes files inside the install\'s torch/lib and nvidia library folders. Check the --app and source folders you passed.',
  };
}

/** A source file the plan needs is missing or unreadable. */
export function sourceMissing(args: { file: string; code: string }): Refusal {
  return {
    code: 'source-missing',
    message: `The new file "${args.file}" cannot be read (${args.code}).`,
    fix: 'Check that the CUDA toolkit / cuDNN folder is complete (unpack the archive again), then try again.',
  };
}

/** Another TorchLift process is changing the same install. */
export function busy(args: { txId: string; pid: number }): Refusal {
  return {
    code: 'transaction-in-progress',
    message: `Another TorchLift (process ${args.pid}) is changing this install right now (transaction ${args.txId}).`,
    fix: 'Wait for it to finish, or close the other TorchLift window, then try again.',
  };
}

/** Why a file operation failed during apply, in plain words (for "rolled back: <reason>"). */
export function describeFsFailure(args: { action: string; file: string; code: string }): string {
  const what: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
    EROFS: 'the drive is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied (or the file is in use)',
    EBUSY: 'the file is in use: close the web UI that runs from this venv',
  };
  return `${args.action} "${args.file}" failed: ${what[args.code] ?? args.code}`;
}
