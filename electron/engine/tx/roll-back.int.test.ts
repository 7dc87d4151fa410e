import fs from 'node:fs/promises';
import { afterEach, expect, test } from 'vitest';
import { removalsSettled } from '../fs/deferred-removal.js';
import { displacedDir, txDir } from './journal-store.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';
import { makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction } from './transaction.js';

let fx: TxFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

async function committed(): Promise<{ f: TxFixture; txId: string; before: Record<string, string> }> {
  const f = await makeTxFixture({ withCreate: true });
  fx = f;
  const before = await snapshot(f.libDir);
  const outcome = await runTransaction({
    dataDir: f.dataDir, goal: 'files', intent: 'test', app: null, targetRoots: [f.libDir], files: f.files, verify: async () => ({ ok: true, log: [] }),
  });
  if (outcome.kind !== 'committed') throw new Error(JSON.stringify(outcome));
  return { f, txId: outcome.txId, before };
}

test('a rollback sets the replaced new files aside and deletes them once closed: nothing left but the journal', async () => {
  const { f, txId, before } = await committed();
  expect(await rollbackTransaction({ dataDir: f.dataDir, id: 'last' })).toMatchObject({ kind: 'rolled-back', files: 4 });
  expect(await snapshot(f.libDir)).toEqual(before);
  await removalsSettled();
  expect(await fs.readdir(txDir(f.dataDir, txId))).toEqual(['journal.json']);
});

test('recovery sweeps set-aside files a closed rollback left behind (the process stopped before deleting them)', async () => {
  const { f, txId } = await committed();
  await rollbackTransaction({ dataDir: f.dataDir, id: 'last' });
  await removalsSettled();
  await fs.mkdir(displacedDir(f.dataDir, txId));
  await fs.writeFile(`${displacedDir(f.dataDir, txId)}/000-cudnn_part064_8.dll`, 'left behind');
  expect(await recoverAll({ dataDir: f.dataDir })).toEqual([]);
  await removalsSettled();
  expect(await fs.readdir(txDir(f.dataDir, txId))).toEqual(['journal.json']);
});
