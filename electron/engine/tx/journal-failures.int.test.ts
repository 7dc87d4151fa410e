import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { errnoError, nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { backupDir, listJournals } from './journal-store.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';
import { makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction, type TxRequest } from './transaction.js';

// A journal that cannot be written mid-rollback, backups made durable early, and rollback after a copy-mode restore.
let fx: TxFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

async function fixture(): Promise<TxFixture> {
  fx = await makeTxFixture({ count: 3, withCreate: true });
  return fx;
}

function request(f: TxFixture, extra: Partial<TxRequest> = {}): TxRequest {
  return { dataDir: f.dataDir, goal: 'files', intent: 'journal test', app: null, targetRoots: [f.libDir], files: f.files, renameDeadlineMs: 100, verify: async () => ({ ok: true, log: [] }), ...extra };
}

/** Ops where files[2] is locked (apply fails there) and, from then on, journal writes fail `failures` times with ENOSPC. */
function lockedThenDiskFull(f: TxFixture, failures: number): FsOps {
  let broken = false;
  let left = failures;
  return {
    ...nodeFsOps,
    rename: (a, b) => {
      if (a === f.files[2]!.target) {
        broken = true;
        return Promise.reject(errnoError('EBUSY', a));
      }
      return nodeFsOps.rename(a, b);
    },
    open: (file, flags) => {
      if (broken && left > 0 && flags === 'w' && path.basename(file).startsWith('.journal.json')) {
        left -= 1;
        return Promise.reject(errnoError('ENOSPC', 'no space left on device'));
      }
      return nodeFsOps.open(file, flags);
    },
  };
}

test('the rolling-back journal cannot be written (ENOSPC): the files are restored anyway, the outcome says why, recover closes it', async () => {
  const f = await fixture();
  const before = await snapshot(f.libDir);
  const outcome = await runTransaction(request(f, { ops: lockedThenDiskFull(f, 99) }));
  expect(outcome).toMatchObject({ kind: 'rollback-incomplete', reason: expect.stringContaining('journal could not be written') });
  expect(outcome.kind === 'rollback-incomplete' ? outcome.reason : '').toContain('ENOSPC');
  expect(await snapshot(f.libDir)).toEqual(before);
  expect((await listJournals(f.dataDir))[0]?.state).toBe('applying');
  expect(await recoverAll({ dataDir: f.dataDir })).toMatchObject([{ action: 'rolled-back' }]);
  expect(await snapshot(f.libDir)).toEqual(before);
  expect((await listJournals(f.dataDir))[0]?.state).toBe('rolled-back');
});

test('a journal write that fails once is retried: the rollback completes and is recorded', async () => {
  const f = await fixture();
  const before = await snapshot(f.libDir);
  const outcome = await runTransaction(request(f, { ops: lockedThenDiskFull(f, 1) }));
  expect(outcome).toMatchObject({ kind: 'rolled-back', reason: expect.stringContaining('in use') });
  expect(await snapshot(f.libDir)).toEqual(before);
  expect((await listJournals(f.dataDir))[0]?.state).toBe('rolled-back');
});

test('a user rollback whose journal cannot be written changes nothing (a committed swap is never half undone)', async () => {
  const f = await fixture();
  expect((await runTransaction(request(f))).kind).toBe('committed');
  const after = await snapshot(f.libDir);
  const ops: FsOps = { ...nodeFsOps, open: (file, flags) => (flags === 'w' ? Promise.reject(errnoError('EIO', file)) : nodeFsOps.open(file, flags)) };
  expect(await rollbackTransaction({ dataDir: f.dataDir, id: 'last', ops })).toMatchObject({ kind: 'refused', refusals: [{ code: 'rollback-incomplete', message: expect.stringContaining('nothing was changed') }] });
  expect(await snapshot(f.libDir)).toEqual(after);
  expect((await listJournals(f.dataDir))[0]?.state).toBe('committed');
});

test('the backup folder exists (durably) before staging starts, not only when the first original is moved', async () => {
  const f = await fixture();
  let seen: boolean | null = null;
  const outcome = await runTransaction(request(f, {
    onProgress: (p) => {
      if (p.kind === 'state' && p.state === 'preparing' && seen === null) seen = existsSync(backupDir(f.dataDir, p.txId));
    },
  }));
  expect(outcome.kind).toBe('committed');
  expect(seen).toBe(true);
});

test('an older transaction can still be rolled back after a later one was restored by copy (new inode, same bytes)', async () => {
  const f = await fixture();
  const before = await snapshot(f.libDir);
  expect((await runTransaction(request(f))).kind).toBe('committed');
  // What a copy-mode restore leaves: the same bytes under a new inode and mtime.
  for (const file of f.files) {
    await fs.copyFile(file.target, `${file.target}.copy`);
    await fs.rename(`${file.target}.copy`, file.target);
  }
  expect(await rollbackTransaction({ dataDir: f.dataDir, id: 'last' })).toMatchObject({ kind: 'rolled-back' });
  expect(await snapshot(f.libDir)).toEqual(before);
});
