import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createScenario, type Scenario } from '../../../e2e/scenarios/index.js';
import { ContentHasher } from '../fs/content-hash.js';
import { backupPath, stagingPath } from './file-names.js';
import { backupDir, journalPath, listJournals, newJournal, saveJournal, transactionsDir, txDir } from './journal-store.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';

// Issue 11, defects 2 and 3: a journal is trusted only as far as the folders it lives in. A tampered journal is
// reported and never acted on — not by recovery (which runs at every start), not by a manual rollback.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function tmp(): Promise<string> {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-trust-'));
  cleanups.push(() => fs.rm(d, { recursive: true, force: true }));
  return d;
}

/** A folder that must come through untouched, with a listing of everything in it. */
async function victim(root: string): Promise<{ dir: string; listing: () => Promise<string[]> }> {
  const dir = path.join(root, 'victim');
  await fs.mkdir(path.join(dir, 'backup'), { recursive: true });
  await fs.writeFile(path.join(dir, 'precious.dll'), 'keep me');
  await fs.writeFile(path.join(dir, 'backup', 'mine.txt'), 'mine');
  const listing = async (): Promise<string[]> => (await fs.readdir(dir, { recursive: true })).map(String).sort();
  return { dir, listing };
}

describe('a journal whose id is not its folder name (defect 2)', () => {
  test('recovery reports it and touches nothing: no write and no delete outside the data folder, on every run', async () => {
    const root = await tmp();
    const dataDir = path.join(root, 'data', 'deep');
    const v = await victim(root);
    const before = await v.listing();
    const folder = '20261205-000000-abcdef';
    const journal = newJournal({ id: folder, goal: 'dll-swap', intent: 'x', app: null, targetRoots: [v.dir], files: [] });
    await fs.mkdir(txDir(dataDir, folder), { recursive: true });
    await fs.writeFile(journalPath(dataDir, folder), JSON.stringify({ ...journal, id: '../../../victim', state: 'applying', pid: 999_999 }));
    for (let run = 0; run < 2; run += 1) {
      const notes = await recoverAll({ dataDir });
      expect(notes).toMatchObject([{ action: 'failed', note: expect.stringContaining('holds a journal for another transaction') }]);
      expect(await v.listing()).toEqual(before);
      await expect(fs.access(path.join(v.dir, 'journal.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect(await listJournals(dataDir)).toEqual([]);
  });

  test('a kill between creating a transaction folder and its first journal leaves nothing recovery must act on, and the leftover is swept', async () => {
    const dataDir = path.join(await tmp(), 'data');
    const id = '20261205-000001-abcdef';
    const leftover = path.join(transactionsDir(dataDir), `.new-${id}`);
    await fs.mkdir(leftover, { recursive: true });
    expect(await listJournals(dataDir)).toEqual([]);
    expect(await recoverAll({ dataDir })).toEqual([]);
    await expect(fs.access(leftover)).rejects.toMatchObject({ code: 'ENOENT' });
    // The first save makes the folder appear whole, journal inside.
    await saveJournal(dataDir, newJournal({ id, goal: 'files', intent: 'x', app: null, targetRoots: [dataDir], files: [] }));
    expect((await listJournals(dataDir)).map((j) => j.id)).toEqual([id]);
  });
});

describe('an edited but self-consistent journal (defect 3)', () => {
  let scenario: Scenario | null = null;
  afterEach(async () => {
    await scenario?.cleanup();
    scenario = null;
  });

  /**
   * A dll-swap journal for the scenario's install whose targets, roots, confinement and after-hash were all rewritten
   * to `victim` (consistent with each other, so every check of the journal against itself passes).
   */
  async function tampered(dataDir: string, v: string, state: 'committed' | 'applying'): Promise<string> {
    const s = scenario as Scenario;
    const id = '20261205-000002-abcdef';
    const target = path.join(v, 'precious.dll');
    const journal = newJournal({
      id, goal: 'dll-swap', intent: 'DLL swap', app: s.apps[0] ?? '', targetRoots: [v], confinedTo: v,
      files: [{
        target, source: path.join(v, 'evil.dll'), action: 'replace', before: { bytes: 4 }, after: { bytes: 7, xxh3: new ContentHasher().update(Buffer.from('keep me')).digest() },
        staging: stagingPath(target, id), backup: backupPath(backupDir(dataDir, id), 0, target), backupMode: 'rename', placed: null, label: '',
      }],
    });
    await saveJournal(dataDir, { ...journal, state, pid: 999_999 });
    await fs.mkdir(backupDir(dataDir, id), { recursive: true });
    await fs.writeFile(backupPath(backupDir(dataDir, id), 0, target), 'evil');
    return id;
  }

  test('rollback --last refuses it (the install is re-derived, not read back) and recovery leaves the unrelated folder alone', async () => {
    scenario = await createScenario('rtx4070-a1111');
    const root = await tmp();
    const v = await victim(root);
    const before = await v.listing();
    const dataDir = path.join(root, 'data');
    await tampered(dataDir, v.dir, 'committed');
    const rolled = await rollbackTransaction({ dataDir, id: 'last' });
    expect(rolled).toMatchObject({ kind: 'refused', refusals: [{ code: 'journal-untrusted' }] });
    expect(rolled.kind === 'refused' ? rolled.refusals[0]?.message : '').toMatch(/is not inside the install/);
    expect(await fs.readFile(path.join(v.dir, 'precious.dll'), 'utf8')).toBe('keep me');

    await fs.rm(dataDir, { recursive: true, force: true });
    await tampered(dataDir, v.dir, 'applying');
    const notes = await recoverAll({ dataDir, env: scenario.env });
    expect(notes).toMatchObject([{ action: 'failed' }]);
    expect(await v.listing()).toEqual(before);
    expect(await fs.readFile(path.join(v.dir, 'precious.dll'), 'utf8')).toBe('keep me');
  });
});
