import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { JournalFile } from '../../../shared/schemas/tx.js';
import { ContentHasher } from '../fs/content-hash.js';
import { backupPath, stagingPath } from './file-names.js';
import { backupDir, newJournal, saveJournal } from './journal-store.js';
import { recoverAll } from './recover.js';
import { rollbackTransaction } from './rollback-tx.js';

// Issue 8 (4): the CUDA goals' journals name no install (app: null), so what they may touch is derived again from the
// machine — a toolkit version folder in a place toolkits are installed (cuda-install), cuDNN files in a folder that is
// a toolkit (cudnn-overlay) — and a journal whose toolkit path was edited makes neither recover nor rollback write
// (or delete) anywhere else.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

interface Lab { root: string; dataDir: string; env: NodeJS.ProcessEnv; userToolkit: string; victim: string; listing: () => Promise<string[]> }

async function lab(): Promise<Lab> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-tk-bind-'));
  cleanups.push(() => fs.rm(root, { recursive: true, force: true }));
  const local = path.join(root, 'home', 'AppData', 'Local');
  const victim = path.join(root, 'victim');
  await fs.mkdir(path.join(victim, 'bin'), { recursive: true });
  await fs.writeFile(path.join(victim, 'precious.dll'), 'keep me');
  await fs.writeFile(path.join(victim, 'bin', 'cudnn64_9.dll'), 'keep me too');
  const listing = async (): Promise<string[]> => {
    const names = (await fs.readdir(victim, { recursive: true })).map(String).sort();
    return Promise.all(names.map(async (n) => `${n} ${(await fs.stat(path.join(victim, n))).isFile() ? await fs.readFile(path.join(victim, n), 'utf8') : 'dir'}`));
  };
  return {
    root, dataDir: path.join(root, 'data'), victim, listing, userToolkit: path.join(local, 'TorchLift', 'CUDA', 'v12.8'),
    env: { ...process.env, TORCHLIFT_PLATFORM: 'windows', LOCALAPPDATA: local, TORCHLIFT_SYSTEM_ROOT: path.join(root, 'sys') },
  };
}

/** A journal of `goal` that created (or replaced) `file` under `toolkit`; written in `state` by a process that is gone. */
async function journalFor(l: Lab, args: { id: string; goal: string; toolkit: string; file: string; state: 'applying' | 'committed'; action?: 'create' | 'replace' }): Promise<void> {
  const target = path.join(args.toolkit, ...args.file.split('/'));
  const action = args.action ?? 'create';
  const f: JournalFile = {
    target, source: `/archives/x.zip#${args.file}`, action, before: action === 'replace' ? { bytes: 4 } : null,
    after: { bytes: 7, xxh3: new ContentHasher().update(Buffer.from('keep me')).digest() },
    staging: stagingPath(target, args.id), backup: action === 'replace' ? backupPath(backupDir(l.dataDir, args.id), 0, target) : null,
    backupMode: action === 'replace' ? 'rename' : null, placed: null, label: args.file,
  };
  const journal = newJournal({ id: args.id, goal: args.goal, intent: 'x', app: null, targetRoots: [args.toolkit], files: [f] });
  const at = new Date().toISOString();
  const events = [...journal.events, { at, state: 'applying' as const, note: 'placing' }, ...(args.state === 'committed' ? [{ at, state: 'committed' as const, note: 'committed' }] : [])];
  await saveJournal(l.dataDir, { ...journal, state: args.state, events, pid: 999_999 });
  if (action === 'replace') {
    await fs.mkdir(backupDir(l.dataDir, args.id), { recursive: true });
    await fs.writeFile(f.backup ?? '', 'evil');
  }
}

describe('CUDA goal journals are bound to toolkit folders (issue 8)', () => {
  test('an interrupted user-mode install is rolled back in its toolkit folder; the same journal pointed at another folder is refused and nothing there changes', async () => {
    const l = await lab();
    // Untampered: the placed file is removed by recovery.
    await fs.mkdir(path.join(l.userToolkit, 'bin'), { recursive: true });
    await fs.writeFile(path.join(l.userToolkit, 'bin', 'nvcc.exe'), 'keep me');
    await journalFor(l, { id: '20261205-080000-aaaaaa', goal: 'cuda-install', toolkit: l.userToolkit, file: 'bin/nvcc.exe', state: 'applying' });
    expect(await recoverAll({ dataDir: l.dataDir, env: l.env })).toMatchObject([{ action: 'rolled-back' }]);
    await expect(fs.access(path.join(l.userToolkit, 'bin', 'nvcc.exe'))).rejects.toMatchObject({ code: 'ENOENT' });

    // Tampered: toolkit path, roots and target rewritten to the victim, consistent with each other.
    const before = await l.listing();
    await journalFor(l, { id: '20261205-080001-bbbbbb', goal: 'cuda-install', toolkit: l.victim, file: 'precious.dll', state: 'applying' });
    for (let run = 0; run < 2; run += 1) {
      const notes = await recoverAll({ dataDir: l.dataDir, env: l.env });
      expect(notes).toMatchObject([{ action: 'failed', note: expect.stringContaining('is not a CUDA version folder in a place toolkits are installed') }]);
      expect(await l.listing()).toEqual(before);
    }
  });

  test('a version-named folder outside the toolkit places, a file outside the root, and a manual rollback of a tampered committed install are refused', async () => {
    const l = await lab();
    const fake = path.join(l.root, 'elsewhere', 'v12.8');
    await fs.mkdir(fake, { recursive: true });
    await fs.writeFile(path.join(fake, 'version.json'), 'keep me');
    await journalFor(l, { id: '20261205-080002-cccccc', goal: 'cuda-install', toolkit: fake, file: 'version.json', state: 'committed' });
    const rolled = await rollbackTransaction({ dataDir: l.dataDir, id: 'last', env: l.env });
    expect(rolled).toMatchObject({ kind: 'refused', refusals: [{ code: 'journal-untrusted' }] });
    expect(await fs.readFile(path.join(fake, 'version.json'), 'utf8')).toBe('keep me');

    const before = await l.listing();
    await journalFor(l, { id: '20261205-080003-dddddd', goal: 'cuda-install', toolkit: l.userToolkit, file: '../../../../../../victim/precious.dll', state: 'applying' });
    expect(await recoverAll({ dataDir: l.dataDir, env: l.env })).toMatchObject([{ action: 'failed' }]);
    expect(await l.listing()).toEqual(before);
  });

  test('a cuDNN overlay journal may only touch cuDNN files in a folder that is a toolkit', async () => {
    const l = await lab();
    const before = await l.listing();
    // The victim is not a toolkit (no nvcc, no version.json): the overlay's "replaced" file is not put back there.
    await journalFor(l, { id: '20261205-080004-eeeeee', goal: 'cudnn-overlay', toolkit: l.victim, file: 'bin/cudnn64_9.dll', state: 'applying', action: 'replace' });
    expect(await recoverAll({ dataDir: l.dataDir, env: l.env })).toMatchObject([{ action: 'failed', note: expect.stringContaining('is not a CUDA toolkit') }]);
    expect(await l.listing()).toEqual(before);

    // A real toolkit, but a file the overlay never writes.
    const toolkit = path.join(l.root, 'sys', 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', 'v12.1');
    await fs.mkdir(path.join(toolkit, 'bin'), { recursive: true });
    await fs.writeFile(path.join(toolkit, 'bin', 'nvcc.exe'), 'nvcc');
    await fs.writeFile(path.join(toolkit, 'bin', 'cublas64_12.dll'), 'keep me');
    await journalFor(l, { id: '20261205-080005-ffffff', goal: 'cudnn-overlay', toolkit, file: 'bin/cublas64_12.dll', state: 'applying' });
    const notes = await recoverAll({ dataDir: l.dataDir, env: l.env });
    expect(notes.find((n) => n.txId === '20261205-080005-ffffff')).toMatchObject({ action: 'failed', note: expect.stringContaining('is not a cuDNN file') });
    expect(await fs.readFile(path.join(toolkit, 'bin', 'cublas64_12.dll'), 'utf8')).toBe('keep me');

    // The overlay's own files in that toolkit are recovered as usual.
    await fs.writeFile(path.join(toolkit, 'bin', 'cudnn64_9.dll'), 'keep me');
    await journalFor(l, { id: '20261205-080006-abcabc', goal: 'cudnn-overlay', toolkit, file: 'bin/cudnn64_9.dll', state: 'applying' });
    const again = await recoverAll({ dataDir: l.dataDir, env: l.env });
    expect(again.find((n) => n.txId === '20261205-080006-abcabc')).toMatchObject({ action: 'rolled-back' });
    await expect(fs.access(path.join(toolkit, 'bin', 'cudnn64_9.dll'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
