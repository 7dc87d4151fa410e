import type { Text } from '../../i18n/engine-text.js';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TxOutcome } from '../../../../shared/schemas/tx.js';
import { mkdirDurable } from '../../fs/durable-mkdir.js';
import { runTransaction, type TxProgress, type VerifyOutcome } from '../../tx/transaction.js';

/** Every file under a folder, as `/`-separated relative paths, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(path.join(d, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  await walk(dir, '');
  return out.sort();
}

/**
 * Moves a staged tree (files extracted and checked beforehand) into `target` as ONE transaction of the engine: every
 * file replaced is backed up, every new one is created, all verified together, rolled back together. Folders the
 * tree needs are created first (durably); those this call created are removed again when the transaction does not
 * commit, so a refused or rolled-back install leaves the target exactly as it was.
 */
export async function placeStagedTree(args: {
  dataDir: string;
  goal: string;
  intent: Text;
  stagingDir: string;
  target: string;
  /** Explicit sources (relative target path → source file); default: every file under stagingDir. */
  files?: readonly { rel: string; source: string }[];
  verify: (log: (line: string) => void) => Promise<VerifyOutcome>;
  onProgress?: (p: TxProgress) => void;
  backupMode?: 'auto' | 'copy';
}): Promise<TxOutcome> {
  const pairs = args.files ?? (await filesUnder(args.stagingDir)).map((rel) => ({ rel, source: path.join(args.stagingDir, ...rel.split('/')) }));
  const rels = pairs.map((p) => p.rel);
  const dirs = [...new Set(rels.map((r) => path.dirname(path.join(args.target, ...r.split('/')))))].sort();
  const created: string[] = [];
  for (const dir of dirs) {
    for (const missing of await missingUnder(args.target, dir)) {
      await mkdirDurable(missing);
      created.push(missing);
    }
  }
  const outcome = await runTransaction({
    dataDir: args.dataDir, goal: args.goal, intent: args.intent, app: null, targetRoots: [args.target],
    files: pairs.map((p) => ({ target: path.join(args.target, ...p.rel.split('/')), source: p.source, label: p.rel })),
    verify: args.verify, onProgress: args.onProgress, backupMode: args.backupMode,
  });
  if (outcome.kind !== 'committed') await removeEmptyDirs(created);
  return outcome;
}

/** The folders from `target` (inclusive) down to `dir` that do not exist yet, outermost first. */
async function missingUnder(target: string, dir: string): Promise<string[]> {
  const chain: string[] = [];
  let at = path.resolve(dir);
  const stop = path.dirname(path.resolve(target));
  while (at !== stop && at.length >= stop.length) {
    chain.unshift(at);
    at = path.dirname(at);
  }
  const out: string[] = [];
  for (const d of chain) {
    try {
      await fs.stat(d);
    } catch {
      out.push(d);
    }
  }
  return out;
}

/** Removes the given folders, deepest first, where they are empty (a folder holding anything is kept). */
export async function removeEmptyDirs(dirs: readonly string[]): Promise<void> {
  for (const d of [...new Set(dirs)].sort((a, b) => b.length - a.length)) {
    await fs.rmdir(d).catch(() => undefined);
  }
}
