import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import type { Refusal } from '../../../shared/schemas/tx.js';
import { dataDirRefusal } from '../data-dir.js';
import { mkdirDurable } from '../fs/durable-mkdir.js';
import { errnoOf } from '../fs/fs-ops.js';
import { isMsg, type Msg } from '../../../shared/i18n/message.js';
import { english, msgOf, type Text } from '../i18n/engine-text.js';
import { operationBusy } from './messages.js';
import { currentOwner, ownerRunning, type ProcessOwner } from './pid-alive.js';

/**
 * One lock for every operation that changes transactions (apply, rollback, prune, recover): an in-process mutex plus
 * `<dataDir>/torchlift.lock`, created with O_EXCL and holding who took it. A lock whose process is gone (or whose
 * pid now belongs to another process, by its start time) is broken; a live one is waited for briefly, then refused.
 */

/** How long an operation waits for another one before it is refused. */
export const LOCK_WAIT_MS = 5000;
/** A lock file without readable content (its writer died between create and write) counts as stale after this. */
const EMPTY_STALE_MS = 10_000;

/** What the lock file holds. */
export interface LockInfo extends ProcessOwner {
  what: string;
  /** What the holder does, as a message (engine.json `opWhat`), so a refusal quoting it reads in any language. */
  whatMsg?: Msg | null;
  startedAt: string;
  threadId: number;
  token: string;
}

/** The outcome of a locked operation: its value, or a refusal (busy, or the data folder unusable). */
export type Locked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** The lock file of a data folder. */
export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'torchlift.lock');
}

let heldHere = false;
let holderWhat: Text = '';
const wakers: (() => void)[] = [];
/** Work to start once the lock is released (background freeing must not slow the release down). */
const afterRelease: (() => void)[] = [];

/**
 * Runs `fn` once this process no longer holds the operation lock (at once when it does not hold it). Background
 * housekeeping such as freeing a rollback's replaced files starts here, so it never contends with the lock's release.
 */
export function whenUnlocked(fn: () => void): void {
  if (heldHere) afterRelease.push(fn);
  else fn();
}

/** Runs `body` while holding the lock; waits at most `waitMs` for another operation (this process or another) to end. */
export async function withOpLock<T>(args: { dataDir: string; what: Text; waitMs?: number }, body: () => Promise<T>): Promise<Locked<T>> {
  const deadline = Date.now() + (args.waitMs ?? LOCK_WAIT_MS);
  if (!(await takeLocal(deadline))) return { ok: false, refusal: busyRefusal({ pid: process.pid, hostname: os.hostname(), what: holderWhat, file: lockPath(args.dataDir) }) };
  holderWhat = args.what;
  try {
    const taken = await takeFile(args.dataDir, args.what, deadline);
    if (!taken.ok) return taken;
    try {
      return { ok: true, value: await body() };
    } finally {
      await releaseFile(args.dataDir, taken.value);
    }
  } finally {
    heldHere = false;
    for (const run of afterRelease.splice(0)) run();
    for (const wake of wakers.splice(0)) wake();
  }
}

async function takeLocal(deadline: number): Promise<boolean> {
  while (heldHere) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  heldHere = true;
  return true;
}

async function takeFile(dataDir: string, what: Text, deadline: number): Promise<Locked<string>> {
  const file = lockPath(dataDir);
  const info: LockInfo = { ...currentOwner(), what: english(what), whatMsg: msgOf(what), startedAt: new Date().toISOString(), threadId, token: randomBytes(8).toString('hex') };
  try {
    await mkdirDurable(dataDir);
  } catch (error) {
    return { ok: false, refusal: dataDirRefusal({ dir: dataDir, code: errnoOf(error) ?? 'UNKNOWN' }) };
  }
  for (;;) {
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(info), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { ok: true, value: info.token };
    } catch (error) {
      const code = errnoOf(error);
      if (code !== 'EEXIST') return { ok: false, refusal: dataDirRefusal({ dir: dataDir, code: code ?? 'UNKNOWN' }) };
    }
    const current = await readLock(file);
    if (current !== null && isStale(current)) {
      await breakLock(file, current.raw);
      continue;
    }
    if (Date.now() >= deadline) {
      const owner = current?.info ?? { pid: 0, hostname: os.hostname(), what: '' };
      return { ok: false, refusal: busyRefusal({ ...owner, file }) };
    }
    await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
}

async function readLock(file: string): Promise<{ raw: string; info: LockInfo | null; mtimeMs: number } | null> {
  try {
    const [raw, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { raw, info: parseLock(raw), mtimeMs: stat.mtimeMs };
  } catch {
    return null;
  }
}

/** The lock file's content, or null when it is not a lock (empty, torn). Pure. */
export function parseLock(raw: string): LockInfo | null {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid !== 'number' || typeof v.hostname !== 'string' || typeof v.token !== 'string') return null;
    return { pid: v.pid, hostname: v.hostname, procStart: v.procStart ?? null, what: v.what ?? '', whatMsg: isMsg(v.whatMsg) ? v.whatMsg : null, startedAt: v.startedAt ?? '', threadId: v.threadId ?? 0, token: v.token };
  } catch {
    return null;
  }
}

function isStale(lock: { info: LockInfo | null; mtimeMs: number }): boolean {
  const info = lock.info;
  if (info === null) return Date.now() - lock.mtimeMs > EMPTY_STALE_MS;
  if (info.hostname !== os.hostname()) return false;
  if (info.pid === process.pid) {
    // This process holds no file lock now (the in-process mutex is ours): another thread, or a leftover of ours / of a dead process with our pid.
    return info.threadId === threadId || info.procStart !== currentOwner().procStart;
  }
  return !ownerRunning(info);
}

/** Moves a stale lock aside and deletes it; if what was moved is not the stale lock after all (taken meanwhile), puts it back. */
async function breakLock(file: string, staleRaw: string): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch {
    return;
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => staleRaw);
  if (moved !== staleRaw) await fs.link(aside, file).catch(() => undefined);
  await fs.rm(aside, { force: true });
}

async function releaseFile(dataDir: string, token: string): Promise<void> {
  const file = lockPath(dataDir);
  const current = await readLock(file);
  if (current?.info?.token === token) await fs.rm(file, { force: true });
}

function busyRefusal(a: { pid: number; hostname: string; what: Text; whatMsg?: Msg | null; file: string }): Refusal {
  return operationBusy({ pid: a.pid, host: a.hostname === os.hostname() ? null : a.hostname, doing: a.whatMsg ?? a.what, file: a.file });
}
