import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { journalPath, listJournals } from './journal-store.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';
import { makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction, type TxRequest } from './transaction.js';

// Symlinks inside the venv must not let a transaction reach files outside it; a journal edited on disk is not obeyed.
let fx: TxFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

/** site-packages/nvidia/cudnn → <root>/elsewhere/cudnn, holding lib/libcudnn.so.8 (what the reviewer found). */
async function linkedCudnn(): Promise<{ f: TxFixture; sitePackages: string; root: string; target: string; outside: string; req: TxRequest }> {
  const f = await makeTxFixture({ count: 1 });
  fx = f;
  const sitePackages = path.dirname(path.dirname(f.libDir));
  const outside = path.join(f.root, 'elsewhere', 'cudnn');
  await fs.mkdir(path.join(outside, 'lib'), { recursive: true });
  await fs.writeFile(path.join(outside, 'lib', 'libcudnn.so.8'), 'SYSTEM CUDNN');
  await fs.mkdir(path.join(sitePackages, 'nvidia'), { recursive: true });
  await fs.symlink(outside, path.join(sitePackages, 'nvidia', 'cudnn'));
  const root = path.join(sitePackages, 'nvidia', 'cudnn', 'lib');
  const target = path.join(root, 'libcudnn.so.8');
  const req: TxRequest = {
    dataDir: f.dataDir, goal: 'files', intent: 'link test', app: null, targetRoots: [f.libDir, root], confinedTo: sitePackages,
    files: [{ target, source: f.files[0]!.source }], verify: async () => ({ ok: true, log: [] }),
  };
  return { f, sitePackages, root, target, outside, req };
}

test('a symlinked site-packages/nvidia/cudnn is refused by name; the real file outside the venv is untouched', async () => {
  const { f, outside, req, sitePackages } = await linkedCudnn();
  const outcome = await runTransaction(req);
  expect(outcome.kind).toBe('refused');
  const refusal = outcome.kind === 'refused' ? outcome.refusals[0] : undefined;
  expect(refusal?.code).toBe('target-behind-link');
  expect(refusal?.message).toContain(path.join(sitePackages, 'nvidia', 'cudnn'));
  expect(refusal?.message).toContain(outside);
  expect(refusal?.fix).toContain('Replace the link');
  expect(await fs.readFile(path.join(outside, 'lib', 'libcudnn.so.8'), 'utf8')).toBe('SYSTEM CUDNN');
  expect(await listJournals(f.dataDir)).toEqual([]);
});

test('a folder link below a declared root is refused even without a confining folder', async () => {
  const f = await makeTxFixture({ count: 1 });
  fx = f;
  const outside = path.join(f.root, 'elsewhere');
  await fs.mkdir(outside, { recursive: true });
  await fs.writeFile(path.join(outside, 'cudnn64_8.dll'), 'OUTSIDE');
  await fs.symlink(outside, path.join(f.libDir, 'sub'));
  const outcome = await runTransaction({
    dataDir: f.dataDir, goal: 'files', intent: 't', app: null, targetRoots: [f.libDir],
    files: [{ target: path.join(f.libDir, 'sub', 'cudnn64_8.dll'), source: f.files[0]!.source }], verify: async () => ({ ok: true, log: [] }),
  });
  expect(outcome).toMatchObject({ kind: 'refused', refusals: [{ code: 'target-behind-link', message: expect.stringContaining(path.join(f.libDir, 'sub')) }] });
  expect(await fs.readFile(path.join(outside, 'cudnn64_8.dll'), 'utf8')).toBe('OUTSIDE');
});

test('a target that is itself a symlink is never replaced (lstat, not stat)', async () => {
  const f = await makeTxFixture({ count: 2 });
  fx = f;
  const real = path.join(f.root, 'real-cudnn.dll');
  await fs.writeFile(real, 'REAL');
  await fs.rm(f.files[1]!.target);
  await fs.symlink(real, f.files[1]!.target);
  const outcome = await runTransaction({
    dataDir: f.dataDir, goal: 'files', intent: 't', app: null, targetRoots: [f.libDir], files: f.files, verify: async () => ({ ok: true, log: [] }),
  });
  expect(outcome).toMatchObject({ kind: 'refused', refusals: [{ code: 'target-is-link' }] });
  expect(await fs.readFile(real, 'utf8')).toBe('REAL');
  expect((await fs.lstat(f.files[1]!.target)).isSymbolicLink()).toBe(true);
});

test('a journal whose backup path was edited to point outside its backup folder is neither rolled back nor recovered', async () => {
  const f = await makeTxFixture({ count: 2 });
  fx = f;
  const outcome = await runTransaction({
    dataDir: f.dataDir, goal: 'files', intent: 't', app: null, targetRoots: [f.libDir], files: f.files, verify: async () => ({ ok: true, log: [] }),
  });
  if (outcome.kind !== 'committed') throw new Error(JSON.stringify(outcome));
  const victim = path.join(f.root, 'victim.txt');
  await fs.writeFile(victim, 'precious');
  const file = journalPath(f.dataDir, outcome.txId);
  const journal = JSON.parse(await fs.readFile(file, 'utf8')) as { state: string; files: { backup: string | null }[] };
  journal.files[0]!.backup = victim;
  await fs.writeFile(file, JSON.stringify(journal));
  const after = await snapshot(f.libDir);
  expect(await rollbackTransaction({ dataDir: f.dataDir, id: 'last' })).toMatchObject({ kind: 'refused', refusals: [{ code: 'journal-untrusted', message: expect.stringContaining('victim.txt') }] });
  journal.state = 'applied';
  await fs.writeFile(file, JSON.stringify(journal));
  const notes = await recoverAll({ dataDir: f.dataDir });
  expect(notes).toMatchObject([{ action: 'failed', note: expect.stringContaining('does not hold up') }]);
  expect(await fs.readFile(victim, 'utf8')).toBe('precious');
  expect(await snapshot(f.libDir)).toEqual(after);
});
