import { setTimeout as sleep } from 'node:timers/promises';
import { errnoOf, nodeFsOps, type FsOps } from './fs-ops.js';

/** What a rename came to: done, a lock that outlasted the deadline, another volume, or another error. */
export type RenameOutcome =
  | { kind: 'ok' }
  | { kind: 'locked'; code: string; message: string }
  | { kind: 'cross-device' }
  | { kind: 'failed'; code: string; message: string };

/** Errors a Windows rename gives while antivirus or a running program holds the file: worth retrying. */
export const LOCK_CODES: readonly string[] = ['EPERM', 'EBUSY', 'EACCES'];

/**
 * Renames with retries on EPERM/EBUSY/EACCES until `deadlineMs` (antivirus scanners let go within a second
 * or two; a running web UI does not). EXDEV is reported, not retried: the caller copies instead.
 */
export async function renameWithRetry(args: {
  from: string;
  to: string;
  ops?: FsOps;
  deadlineMs?: number;
}): Promise<RenameOutcome> {
  const ops = args.ops ?? nodeFsOps;
  const deadline = Date.now() + (args.deadlineMs ?? 3000);
  let delay = 10;
  for (;;) {
    try {
      await ops.rename(args.from, args.to);
      return { kind: 'ok' };
    } catch (error) {
      const code = errnoOf(error) ?? 'UNKNOWN';
      const message = error instanceof Error ? error.message : String(error);
      if (code === 'EXDEV') return { kind: 'cross-device' };
      if (!LOCK_CODES.includes(code)) return { kind: 'failed', code, message };
      if (Date.now() + delay > deadline) return { kind: 'locked', code, message };
      await sleep(delay);
      delay = Math.min(delay * 2, 250);
    }
  }
}
