import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { errnoError, nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { listJournals } from './journal-store.js';
import { rollbackTransaction } from './rollback-tx.js';
import { remountReadOnly, tryMountTmpfs, unmount } from './testing/mounts.js';
import { expectedAfter, makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction, type TxRequest } from './transaction.js';

// Real small volumes where this process may mount them (root on Linux); otherwise the same checks with injected errors.
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function onVolume(bytes: number): Promise<{ fx: TxFixture; mounted: boolean }> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-vol-'));
  cleanups.push(() => fs.rm(base, { recursive: true, force: true }));
  const mounted = await tryMountTmpfs(base, bytes);
  if (mounted) cleanups.push(() => unmount(base));
  const fx = await makeTxFixture({ base, bytes: 40_000 });
  // The data folder (journal, backups) stays on the ordinary disk: a different volume from the tmpfs.
  fx.dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-vol-data-'));
  const dataDir = fx.dataDir;
  cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
  return { fx, mounted };
}

const request = (fx: TxFixture, extra: Partial<TxRequest> = {}): TxRequest => ({
  dataDir: fx.dataDir, goal: 'files', intent: 'volume test', app: fx.root, targetRoots: [fx.libDir], files: fx.files,
  verify: async () => ({ ok: true, log: [] }), renameDeadlineMs: 200, ...extra,
});

test('across volumes the backups are copied and sha256-checked; rollback copies them back byte for byte', async () => {
  const { fx, mounted } = await onVolume(4 * 1024 * 1024);
  const before = await snapshot(fx.libDir);
  const outcome = await runTransaction(request(fx, mounted ? {} : { backupMode: 'copy' }));
  expect(outcome.kind).toBe('committed');
  expect((await listJournals(fx.dataDir))[0]?.files.every((f) => f.backupMode === 'copy')).toBe(true);
  expect(await snapshot(fx.libDir)).toEqual(await expectedAfter(fx));
  expect(await rollbackTransaction({ dataDir: fx.dataDir, id: 'last' })).toMatchObject({ kind: 'rolled-back' });
  expect(await snapshot(fx.libDir)).toEqual(before);
});

test('a full disk is refused before anything is touched, with the numbers', async () => {
  const { fx, mounted } = await onVolume(320 * 1024);
  const before = await snapshot(fx.libDir);
  const ops: FsOps | undefined = mounted ? undefined : { ...nodeFsOps, freeBytes: async () => 50_000 };
  const outcome = await runTransaction(request(fx, { ops }));
  expect(outcome.kind).toBe('refused');
  const refusal = outcome.kind === 'refused' ? outcome.refusals.find((r) => r.code === 'not-enough-space') : undefined;
  expect(refusal?.message).toMatch(/\d+(\.\d+)? (KB|MB) needed, \d+(\.\d+)? KB free/);
  expect(await snapshot(fx.libDir)).toEqual(before);
});

test('a read-only target is refused before anything is touched', async () => {
  const { fx, mounted } = await onVolume(4 * 1024 * 1024);
  const readOnly = mounted && (await remountReadOnly(path.dirname(fx.root)));
  const ops: FsOps | undefined = readOnly ? undefined : { ...nodeFsOps, open: (f, flags) => (flags === 'wx' ? Promise.reject(errnoError('EROFS', f)) : nodeFsOps.open(f, flags)) };
  const before = await snapshot(fx.libDir);
  const outcome = await runTransaction(request(fx, { ops }));
  expect(outcome).toMatchObject({ kind: 'refused', refusals: [{ code: 'target-not-writable', message: expect.stringContaining('read-only') }] });
  expect(await snapshot(fx.libDir)).toEqual(before);
});
