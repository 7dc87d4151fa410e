import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { pruneHistory } from './history.js';
import { journalPath, listJournals } from './journal-store.js';
import { lockPath, withOpLock } from './op-lock.js';
import { processStartTime } from './pid-alive.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';
import { makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction, type TxRequest } from './transaction.js';

// One lock for apply, rollback, prune and recover: no interleaving in one process or across processes; stale locks
// (dead pid, or a pid reused by another process) are broken; a live one is refused after a short wait.
let fx: TxFixture | null = null;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await fx?.cleanup();
  fx = null;
});

async function fixture(): Promise<TxFixture> {
  fx = await makeTxFixture({ count: 3, withCreate: true });
  return fx;
}

function request(f: TxFixture, extra: Partial<TxRequest> = {}): TxRequest {
  return { dataDir: f.dataDir, goal: 'files', intent: 'lock test', app: null, targetRoots: [f.libDir], files: f.files, verify: async () => ({ ok: true, log: [] }), ...extra };
}

async function livingChild(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child.pid ?? 0;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid ?? 0;
}

async function writeLock(dataDir: string, info: Record<string, unknown>): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(lockPath(dataDir), JSON.stringify({ hostname: os.hostname(), what: 'applying dll-swap', startedAt: 'x', threadId: 0, token: 't', ...info }));
}

test('two applies started together run one after the other: the second is described and checked after the first commits', async () => {
  const f = await fixture();
  const [a, b] = await Promise.all([runTransaction(request(f)), runTransaction(request(f))]);
  expect([a.kind, b.kind]).toEqual(['committed', 'committed']);
  const [first, second] = await listJournals(f.dataDir);
  const committedAt = first?.events.find((e) => e.state === 'committed')?.at ?? '';
  expect(second?.createdAt.localeCompare(committedAt)).toBeGreaterThanOrEqual(0);
  // The second saw the first's zlibwapi.dll in place: it replaces it (with a backup) instead of "creating" it again.
  expect(second?.files.find((x) => x.target.endsWith('zlibwapi.dll'))?.action).toBe('replace');
});

test('a live lock held by another process is refused after the wait, naming its pid; nothing is touched', async () => {
  const f = await fixture();
  const pid = await livingChild();
  await writeLock(f.dataDir, { pid, procStart: processStartTime(pid) });
  const before = await snapshot(f.libDir);
  const outcome = await runTransaction(request(f, { lockWaitMs: 300 }));
  expect(outcome).toMatchObject({ kind: 'refused', refusals: [{ code: 'operation-in-progress', message: expect.stringContaining(`pid ${pid}`), fix: expect.stringContaining('close the other TorchLift window') }] });
  expect(await snapshot(f.libDir)).toEqual(before);
  expect(await pruneHistory({ dataDir: f.dataDir, lockWaitMs: 100 })).toMatchObject({ ok: false, refusal: { code: 'operation-in-progress' } });
});

test('stale locks are broken: a dead pid, and a live pid whose start time shows it is another process (pid reuse)', async () => {
  const f = await fixture();
  await writeLock(f.dataDir, { pid: await deadPid(), procStart: null });
  expect((await runTransaction(request(f, { lockWaitMs: 300 }))).kind).toBe('committed');
  const pid = await livingChild();
  const reused = processStartTime(pid) === null ? null : `${Number(processStartTime(pid)) + 12345}`;
  await writeLock(f.dataDir, { pid, procStart: reused });
  const rolled = await rollbackTransaction({ dataDir: f.dataDir, id: 'last', lockWaitMs: 300 });
  // Where the OS tells start times (Linux), the reused pid is recognised; elsewhere a live pid must be waited for.
  expect(rolled.kind).toBe(reused === null ? 'refused' : 'rolled-back');
  if (reused !== null) expect(await fs.readdir(f.dataDir)).not.toContain('torchlift.lock');
});

test('recovery does not skip a journal forever because its pid now belongs to another process', async () => {
  const f = await fixture();
  const before = await snapshot(f.libDir);
  const outcome = await runTransaction(request(f, { verify: async () => ({ ok: false, reason: 'x', log: [] }) }));
  if (outcome.kind !== 'rolled-back') throw new Error(JSON.stringify(outcome));
  const pid = await livingChild();
  const file = journalPath(f.dataDir, outcome.txId);
  const journal = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  const start = processStartTime(pid);
  await fs.writeFile(file, JSON.stringify({ ...journal, state: 'preparing', pid, procStart: start === null ? null : `${Number(start) + 1}` }));
  const notes = await recoverAll({ dataDir: f.dataDir });
  expect(notes[0]?.action).toBe(start === null ? 'skipped' : 'rolled-back');
  expect(await snapshot(f.libDir)).toEqual(before);
  if (start !== null) expect((await listJournals(f.dataDir))[0]).toMatchObject({ state: 'rolled-back', pid: process.pid, procStart: processStartTime(process.pid) });
});

test('prune waits for a rollback in progress: it never writes a stale journal back nor deletes backups mid-rollback', async () => {
  const f = await fixture();
  const before = await snapshot(f.libDir);
  expect((await runTransaction(request(f))).kind).toBe('committed');
  let pruning: Promise<unknown> | null = null;
  // The moment the rollback writes `rolling-back`, a prune starts and gets 150 ms to read the committed journal and act.
  const ops: FsOps = {
    ...nodeFsOps,
    open: async (file, flags) => {
      if (pruning === null && flags === 'w' && path.basename(file).startsWith('.journal.json')) {
        pruning = pruneHistory({ dataDir: f.dataDir });
        await new Promise((r) => setTimeout(r, 150));
      }
      return nodeFsOps.open(file, flags);
    },
  };
  expect(await rollbackTransaction({ dataDir: f.dataDir, id: 'last', ops })).toMatchObject({ kind: 'rolled-back' });
  expect(await pruning).toMatchObject({ ok: true });
  expect(await snapshot(f.libDir)).toEqual(before);
  // The prune ran after the rollback (it waited for the lock) and removed the closed transaction whole.
  expect(await listJournals(f.dataDir)).toEqual([]);
});

test('in one process, an operation waits for the one running and is refused after the deadline', async () => {
  const f = await fixture();
  let release = (): void => undefined;
  const held = withOpLock({ dataDir: f.dataDir, what: 'a long apply' }, () => new Promise<void>((r) => { release = r; }));
  const waited = await rollbackTransaction({ dataDir: f.dataDir, id: 'last', lockWaitMs: 150 });
  expect(waited).toMatchObject({ kind: 'refused', refusals: [{ code: 'operation-in-progress', message: expect.stringContaining('a long apply') }] });
  release();
  expect(await held).toMatchObject({ ok: true });
  await expect(fs.access(lockPath(f.dataDir))).rejects.toMatchObject({ code: 'ENOENT' });
});
