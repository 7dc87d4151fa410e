import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { errnoError, nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { listHistory, pruneHistory } from './history.js';
import { listJournals } from './journal-store.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';
import { expectedAfter, makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction, type TxRequest, type VerifyOutcome } from './transaction.js';

let fx: TxFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

async function fixture(opts: Parameters<typeof makeTxFixture>[0] = {}): Promise<TxFixture> {
  fx = await makeTxFixture(opts);
  return fx;
}

const passes = async (): Promise<VerifyOutcome> => ({ ok: true, log: ['import ok'] });
const fails = async (): Promise<VerifyOutcome> => ({ ok: false, reason: 'import torch failed: OSError: [WinError 126]', log: ['FAIL import'] });

function request(f: TxFixture, extra: Partial<TxRequest> = {}): TxRequest {
  return { dataDir: f.dataDir, goal: 'files', intent: 'test swap', app: f.root, targetRoots: [f.libDir], files: f.files, verify: passes, renameDeadlineMs: 200, ...extra };
}

describe('runTransaction on real files (paths with spaces, &, [ ], Japanese)', () => {
  for (const backupMode of ['auto', 'copy'] as const) {
    test(`success commits, keeps backups, and a manual rollback restores every byte (${backupMode} backups)`, async () => {
      const f = await fixture({ withCreate: true });
      const before = await snapshot(f.libDir);
      const after = await expectedAfter(f);
      const outcome = await runTransaction(request(f, { backupMode }));
      expect(outcome.kind).toBe('committed');
      expect(await snapshot(f.libDir)).toEqual(after);
      const [journal] = await listJournals(f.dataDir);
      expect(journal?.state).toBe('committed');
      expect(journal?.files.every((x) => x.after !== null && /^[0-9a-f]{32}$/.test(x.after.xxh3 ?? ''))).toBe(true);
      // Old files moving by rename are identified by size, inode and mtime (never re-read); copied ones are hashed.
      const replaced = journal?.files.filter((x) => x.action === 'replace') ?? [];
      expect(replaced.length).toBeGreaterThan(0);
      for (const x of replaced) {
        if (backupMode === 'copy') expect(x.before?.xxh3).toMatch(/^[0-9a-f]{32}$/);
        else expect(x.before).toMatchObject({ ino: expect.any(Number), mtimeMs: expect.any(Number) });
      }
      expect(journal?.files.find((x) => x.action === 'replace')?.backupMode).toBe(backupMode === 'copy' ? 'copy' : 'rename');
      const [entry] = await listHistory(f.dataDir);
      expect(entry).toMatchObject({ status: 'committed', rollbackAvailable: true });
      expect(entry?.backupBytes).toBeGreaterThan(9000);
      const rolled = await rollbackTransaction({ dataDir: f.dataDir, id: 'last' });
      expect(rolled).toMatchObject({ kind: 'rolled-back', files: 4 });
      expect(await snapshot(f.libDir)).toEqual(before);
      expect((await listHistory(f.dataDir))[0]).toMatchObject({ status: 'rolled-back', rollbackAvailable: false, backupBytes: 0 });
      expect(await rollbackTransaction({ dataDir: f.dataDir, id: outcome.kind === 'committed' ? outcome.txId : '' })).toMatchObject({ kind: 'refused', refusals: [{ code: 'not-committed' }] });
    });

    test(`a failed verification rolls back automatically: sha256 of every file as before (${backupMode} backups)`, async () => {
      const f = await fixture({ withCreate: true });
      const before = await snapshot(f.libDir);
      const outcome = await runTransaction(request(f, { backupMode, verify: fails }));
      expect(outcome).toMatchObject({ kind: 'rolled-back', reason: expect.stringContaining('WinError 126') });
      expect(await snapshot(f.libDir)).toEqual(before);
      const [journal] = await listJournals(f.dataDir);
      expect(journal?.state).toBe('rolled-back');
      expect(journal?.verifyLog).toContain('FAIL import');
    });
  }

  test('a rollback is refused when a file changed since the commit', async () => {
    const f = await fixture();
    expect((await runTransaction(request(f))).kind).toBe('committed');
    await fs.writeFile(f.files[0]!.target, 'reinstalled by pip');
    const r = await rollbackTransaction({ dataDir: f.dataDir, id: 'last' });
    expect(r).toMatchObject({ kind: 'refused', refusals: [{ code: 'changed-since' }] });
  });

  test('pruning frees the backups and the journals together: nothing accumulates, nothing is left to roll back', async () => {
    const f = await fixture();
    await runTransaction(request(f));
    const id = (await listHistory(f.dataDir))[0]!.id;
    const pruned = await pruneHistory({ dataDir: f.dataDir });
    if (!pruned.ok) throw new Error(pruned.refusal.message);
    expect(pruned.pruned).toEqual([id]);
    expect(pruned.freedBytes).toBeGreaterThan(9000);
    expect(await listHistory(f.dataDir)).toEqual([]);
    expect(await fs.readdir(path.join(f.dataDir, 'transactions'))).toEqual([]);
    expect(await rollbackTransaction({ dataDir: f.dataDir, id })).toMatchObject({ kind: 'refused', refusals: [{ code: 'transaction-not-found' }] });
  });
});

describe('refusals before anything is touched', () => {
  async function expectRefused(f: TxFixture, extra: Partial<TxRequest>, code: string): Promise<string> {
    const before = await snapshot(f.libDir);
    const outcome = await runTransaction(request(f, extra));
    expect(outcome.kind).toBe('refused');
    const refusal = outcome.kind === 'refused' ? outcome.refusals.find((r) => r.code === code) : undefined;
    expect(refusal, JSON.stringify(outcome)).toBeDefined();
    expect(refusal?.fix.length).toBeGreaterThan(10);
    expect(await snapshot(f.libDir)).toEqual(before);
    expect(await listJournals(f.dataDir)).toEqual([]);
    return `${refusal?.message ?? ''} ${refusal?.fix ?? ''}`;
  }

  test('a file in use (open for write fails with EBUSY) names the fix: close the web UI', async () => {
    const f = await fixture();
    const locked = f.files[1]!.target;
    const ops: FsOps = { ...nodeFsOps, open: (file, flags) => (file === locked && flags === 'r+' ? Promise.reject(errnoError('EBUSY', file)) : nodeFsOps.open(file, flags)) };
    expect(await expectRefused(f, { ops }, 'file-in-use')).toContain('Close the web UI that runs from this venv');
  });

  test('permission denied on the target folder', async () => {
    const f = await fixture();
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) await fs.chmod(f.libDir, 0o555);
    const ops: FsOps = asRoot
      ? { ...nodeFsOps, open: (file, flags) => (path.dirname(file) === f.libDir && flags === 'wx' ? Promise.reject(errnoError('EACCES', file)) : nodeFsOps.open(file, flags)) }
      : nodeFsOps;
    try {
      expect(await expectRefused(f, { ops }, 'target-not-writable')).toContain('EACCES');
    } finally {
      await fs.chmod(f.libDir, 0o755);
    }
  });

  test('a path outside the declared targets', async () => {
    const f = await fixture();
    const outside = path.join(f.root, 'elsewhere.dll');
    await fs.writeFile(outside, 'x');
    const msg = await expectRefused(f, { files: [...f.files, { target: outside, source: f.files[0]!.source }] }, 'outside-targets');
    expect(msg).toContain('elsewhere.dll');
  });

  test('not enough free space, with the numbers', async () => {
    const f = await fixture();
    const ops: FsOps = { ...nodeFsOps, freeBytes: async () => 5000 };
    expect(await expectRefused(f, { ops }, 'not-enough-space')).toMatch(/needed, 4\.9 KB free/);
  });
});

describe('failures during apply roll back automatically', () => {
  test('a rename that is locked briefly (antivirus) is retried and succeeds', async () => {
    const f = await fixture();
    let failures = 0;
    const ops: FsOps = { ...nodeFsOps, rename: (a, b) => (b === f.files[1]!.target && failures++ < 2 ? Promise.reject(errnoError('EPERM', a)) : nodeFsOps.rename(a, b)) };
    expect((await runTransaction(request(f, { ops }))).kind).toBe('committed');
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(await snapshot(f.libDir)).toEqual(await expectedAfter(f));
  });

  test('a file that stays locked past the deadline: rolled back, told to close the web UI', async () => {
    const f = await fixture();
    const before = await snapshot(f.libDir);
    const locked = f.files[2]!.target;
    const ops: FsOps = { ...nodeFsOps, rename: (a, b) => (a === locked ? Promise.reject(errnoError('EBUSY', a)) : nodeFsOps.rename(a, b)) };
    const outcome = await runTransaction(request(f, { ops }));
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: expect.stringContaining('close the web UI') });
    expect(await snapshot(f.libDir)).toEqual(before);
  });

  test('a rollback blocked by a lock stays open; recover finishes it once the lock is gone', async () => {
    const f = await fixture();
    const before = await snapshot(f.libDir);
    const locked = f.files[2]!.target;
    const ops: FsOps = { ...nodeFsOps, rename: (a, b) => (b === locked ? Promise.reject(errnoError('EBUSY', a)) : nodeFsOps.rename(a, b)) };
    const outcome = await runTransaction(request(f, { ops }));
    expect(outcome).toMatchObject({ kind: 'rollback-incomplete', reason: expect.stringContaining('torchlift recover') });
    expect((await listJournals(f.dataDir))[0]?.state).toBe('rolling-back');
    const notes = await recoverAll({ dataDir: f.dataDir });
    expect(notes).toMatchObject([{ action: 'rolled-back' }]);
    expect(await snapshot(f.libDir)).toEqual(before);
    expect((await listHistory(f.dataDir))[0]).toMatchObject({ status: 'recovered', journalState: 'rolled-back' });
  });

  test('the disk fills up while staging (injected ENOSPC writer): rolled back, nothing left behind', async () => {
    const f = await fixture();
    const before = await snapshot(f.libDir);
    let writes = 0;
    const ops: FsOps = { ...nodeFsOps, write: (h, b, n, p) => (++writes > 2 ? Promise.reject(errnoError('ENOSPC', 'no space left on device')) : nodeFsOps.write(h, b, n, p)) };
    const outcome = await runTransaction(request(f, { ops }));
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: expect.stringContaining('the disk is full') });
    expect(await snapshot(f.libDir)).toEqual(before);
  });
});
