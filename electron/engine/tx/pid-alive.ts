import { readFileSync } from 'node:fs';
import os from 'node:os';
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

/** Who runs (or ran) an operation: enough to tell a live process from a reused pid after a crash. */
export interface ProcessOwner {
  pid: number;
  hostname: string;
  /** The process's start time as the OS reports it (Linux: /proc/<pid>/stat field 22); null where unknown. */
  procStart: string | null;
}

/** A process's start time in clock ticks since boot (Linux), or null (other systems, gone, unreadable). */
export function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return parseProcStatStart(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Field 22 (starttime) of a /proc/<pid>/stat line; the command name in ( ) may hold spaces and parentheses. Pure. */
export function parseProcStatStart(stat: string): string | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
  const start = fields[19];
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

/** This process as an owner. */
export function currentOwner(): ProcessOwner {
  return { pid: process.pid, hostname: os.hostname(), procStart: processStartTime(process.pid) };
}

/**
 * True while the owner's process still runs on this machine: same host, the pid alive, and (where the OS tells)
 * the same start time — a pid reused by an unrelated process after a crash does not count.
 */
export function ownerRunning(owner: { pid: number; hostname: string; procStart?: string | null }): boolean {
  if (owner.hostname !== os.hostname() || !isAlive(owner.pid)) return false;
  const now = owner.procStart ? processStartTime(owner.pid) : null;
  return !(owner.procStart && now !== null && now !== owner.procStart);
}
