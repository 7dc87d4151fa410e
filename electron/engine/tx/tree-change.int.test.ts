import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { listHistory, pruneHistory } from './history.js';
import { digestTree } from './testing/tree-digest.js';
import { listJournals, loadJournal, saveJournal } from './journal-store.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';
import { runTransaction, type ProgramContext, type TxRequest } from './transaction.js';
import { treeBase, undoTree } from './tree-steps.js';

// The second kind of change: a program (standing in for pip) rewrites a site-packages folder the way pip does —
// unlink before write, stash the old package by rename (`~orch`), add new distributions — and the transaction puts
// every byte back on rollback, by hard links or by copies.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function site(): Promise<{ root: string; sp: string; bin: string; dataDir: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-tree [テスト] & '));
  cleanups.push(() => fs.rm(root, { recursive: true, force: true }));
  const sp = path.join(root, 'venv', 'lib', 'python3.11', 'site-packages');
  const bin = path.join(root, 'venv', 'bin');
  const files: Record<string, string> = {
    'torch/__init__.py': 'version = "2.0.1+cu118"\n',
    'torch/lib/cudnn64_8.dll': 'old cudnn bytes',
    'torch/lib/sub/deep.py': 'x = 1\n',
    'torch-2.0.1+cu118.dist-info/RECORD': 'torch/__init__.py,,\n',
    'torch-2.0.1+cu118.dist-info/METADATA': 'Name: torch\nVersion: 2.0.1+cu118\n',
    'numpy/__init__.py': 'numpy\n',
    'numpy-1.26.0.dist-info/METADATA': 'Name: numpy\n',
    'distutils-precedence.pth': 'import os\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(sp, rel)), { recursive: true });
    await fs.writeFile(path.join(sp, rel), text);
  }
  await fs.mkdir(bin, { recursive: true });
  await fs.writeFile(path.join(bin, 'python'), '#!python');
  await fs.writeFile(path.join(bin, 'torchrun'), 'old torchrun');
  return { root, sp, bin, dataDir: path.join(root, 'data') };
}

/** Every file under a folder with its content (TorchLift's own `.torchlift-*` folders aside). */
const tree = (dir: string): Promise<Record<string, string>> => digestTree(dir, { content: 'text' });

/** What pip does on upgrade: stash by rename, write the new files (unlinking first), add a new dist, remove the stash. */
async function pipLike(s: { sp: string; bin: string }, opts: { stopAfterStash?: boolean } = {}): Promise<void> {
  await fs.rename(path.join(s.sp, 'torch'), path.join(s.sp, '~orch'));
  await fs.rename(path.join(s.sp, 'torch-2.0.1+cu118.dist-info'), path.join(s.sp, '~orch-2.0.1+cu118.dist-info'));
  if (opts.stopAfterStash) return;
  await fs.mkdir(path.join(s.sp, 'torch', 'lib'), { recursive: true });
  await fs.writeFile(path.join(s.sp, 'torch', '__init__.py'), 'version = "2.1.2+cu121"\n');
  await fs.writeFile(path.join(s.sp, 'torch', 'lib', 'cudnn64_8.dll'), 'new cudnn bytes');
  await fs.mkdir(path.join(s.sp, 'torch-2.1.2+cu121.dist-info'));
  await fs.writeFile(path.join(s.sp, 'torch-2.1.2+cu121.dist-info', 'METADATA'), 'Name: torch\nVersion: 2.1.2+cu121\n');
  await fs.mkdir(path.join(s.sp, 'fakedep'));
  await fs.writeFile(path.join(s.sp, 'fakedep', '__init__.py'), 'new package');
  await fs.rm(path.join(s.bin, 'torchrun'));
  await fs.writeFile(path.join(s.bin, 'torchrun'), 'new torchrun');
  await fs.writeFile(path.join(s.bin, 'torchfrtrace'), 'new script');
  // numpy is not a unit, but pip may leave caches in a package folder: a new file there is removed too.
  await fs.writeFile(path.join(s.sp, 'numpy', 'stray.pyc'), 'cache');
  await fs.rm(path.join(s.sp, '~orch'), { recursive: true });
  await fs.rm(path.join(s.sp, '~orch-2.0.1+cu118.dist-info'), { recursive: true });
}

function request(s: { sp: string; bin: string; dataDir: string; root: string }, extra: Partial<TxRequest> & { program?: TxRequest['program'] } = {}): TxRequest {
  return {
    dataDir: s.dataDir, goal: 'files', intent: 'tree test', app: null, targetRoots: [path.join(s.root, 'venv')], files: [],
    trees: [
      { root: s.sp, units: ['torch', 'torch-2.0.1+cu118.dist-info', 'torch-2.1.2+cu121.dist-info', 'fakedep'] },
      { root: s.bin, units: ['torchrun'] },
    ],
    program: { label: 'pip install', run: async (ctx: ProgramContext) => { await ctx.started(process.pid); await pipLike(s); return { ok: true }; } },
    verify: async () => ({ ok: true, log: [] }),
    ...extra,
  };
}

describe('a transaction whose change a program makes', () => {
  test('commit keeps the program\'s result; a manual rollback restores every file byte for byte and removes every added one', async () => {
    const s = await site();
    const [spBefore, binBefore] = [await tree(s.sp), await tree(s.bin)];
    const outcome = await runTransaction(request(s));
    expect(outcome.kind).toBe('committed');
    expect((await tree(s.sp))['torch/__init__.py']).toContain('2.1.2');
    const [journal] = await listJournals(s.dataDir);
    expect(journal?.trees[0]?.mode).toBe('link');
    expect(journal?.trees[0]?.units.find((u) => u.path === 'torch')?.existed).toBe(true);
    expect(journal?.trees[0]?.afterMarker).toContain('torch-2.1.2+cu121.dist-info');
    // The snapshot now holds the old bytes on its own: history counts them.
    expect((await listHistory(s.dataDir))[0]?.backupBytes).toBeGreaterThan(20);
    expect(await rollbackTransaction({ dataDir: s.dataDir, id: 'last' })).toMatchObject({ kind: 'rolled-back' });
    expect(await tree(s.sp)).toEqual(spBefore);
    expect(await tree(s.bin)).toEqual(binBefore);
  });

  test('a failed verification rolls back automatically, also with copies instead of links', async () => {
    const s = await site();
    const before = await tree(path.join(s.root, 'venv'));
    const realLink = fs.link;
    // A volume that refuses hard links (FAT32, some network shares).
    (fs as { link: typeof fs.link }).link = async () => { throw Object.assign(new Error('no links here'), { code: 'EPERM' }); };
    try {
      const outcome = await runTransaction(request(s, { verify: async () => ({ ok: false, reason: 'import torch failed', log: [] }) }));
      expect(outcome).toMatchObject({ kind: 'rolled-back', reason: expect.stringContaining('import torch failed') });
    } finally {
      (fs as { link: typeof fs.link }).link = realLink;
    }
    const [journal] = await listJournals(s.dataDir);
    expect(journal?.trees[0]?.mode).toBe('copy');
    expect(await tree(path.join(s.root, 'venv'))).toEqual(before);
  });

  test('a program that fails halfway (pip stopped after stashing) is undone: the stash is gone, the old package back', async () => {
    const s = await site();
    const before = await tree(path.join(s.root, 'venv'));
    const outcome = await runTransaction(request(s, {
      program: { label: 'pip', run: async (ctx) => { await ctx.started(process.pid); await pipLike(s, { stopAfterStash: true }); return { ok: false, reason: 'pip exited with 1' }; } },
    }));
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: 'pip exited with 1' });
    expect(await tree(path.join(s.root, 'venv'))).toEqual(before);
  });

  test('an interrupted rollback (killed between units) is finished by running it again: recovery is idempotent', async () => {
    const s = await site();
    const before = await tree(path.join(s.root, 'venv'));
    expect((await runTransaction(request(s))).kind).toBe('committed');
    const [journal] = await listJournals(s.dataDir);
    if (!journal) throw new Error('no journal');
    // Half a rollback: the first unit put back, then "a crash"; the journal says rolling-back.
    const t0 = journal.trees[0]!;
    await fs.mkdir(t0.displaced, { recursive: true });
    await fs.rename(path.join(s.sp, 'torch'), path.join(t0.displaced, 'x-torch'));
    await fs.rename(path.join(t0.snapshot, 'torch'), path.join(s.sp, 'torch'));
    await saveJournal(s.dataDir, { ...journal, state: 'rolling-back', pid: 999_999, events: [...journal.events, { at: 'x', state: 'rolling-back', note: 'user' }] });
    const notes = await recoverAll({ dataDir: s.dataDir });
    expect(notes[0]?.action).toBe('rolled-back');
    expect(await tree(path.join(s.root, 'venv'))).toEqual(before);
    // A second undo changes nothing.
    await undoTree(t0, true);
    expect(await tree(path.join(s.root, 'venv'))).toEqual(before);
  });

  test('a later pip run makes a manual rollback refuse ("changed since"); pruning removes journal and snapshot together', async () => {
    const s = await site();
    expect((await runTransaction(request(s))).kind).toBe('committed');
    await fs.mkdir(path.join(s.sp, 'other-1.0.dist-info'));
    const refused = await rollbackTransaction({ dataDir: s.dataDir, id: 'last' });
    expect(refused).toMatchObject({ kind: 'refused', refusals: [{ code: 'changed-since' }] });
    const [journal] = await listJournals(s.dataDir);
    const pruned = await pruneHistory({ dataDir: s.dataDir });
    expect(pruned).toMatchObject({ ok: true, pruned: [journal?.id] });
    await expect(fs.access(treeBase(s.sp, journal?.id ?? ''))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await loadJournal(s.dataDir, journal?.id ?? '')).toBeNull();
  });

  test('a tampered journal that points a unit outside its root, or moves its snapshot, is reported and never acted on', async () => {
    const s = await site();
    const victim = path.join(s.root, 'victim');
    await fs.mkdir(victim);
    await fs.writeFile(path.join(victim, 'keep.txt'), 'precious');
    expect((await runTransaction(request(s))).kind).toBe('committed');
    const [journal] = await listJournals(s.dataDir);
    if (!journal) throw new Error('no journal');
    const t0 = journal.trees[0]!;
    for (const tampered of [
      { ...journal, state: 'applying' as const, pid: 999_999, trees: [{ ...t0, units: [{ path: '../../../../../victim', existed: false }] }] },
      { ...journal, state: 'applying' as const, pid: 999_999, trees: [{ ...t0, snapshot: victim }] },
    ]) {
      await saveJournal(s.dataDir, tampered);
      const notes = await recoverAll({ dataDir: s.dataDir });
      expect(notes[0]?.action).toBe('failed');
      expect(await fs.readFile(path.join(victim, 'keep.txt'), 'utf8')).toBe('precious');
    }
  });
});
