import { errnoOf } from '../fs/fs-ops.js';

/** True while another process with this id exists (EPERM: it exists but belongs to someone else). Our own pid: false. */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}
