import fs from 'node:fs/promises';
import path from 'node:path';
import type { JournalFile } from '../../../shared/schemas/tx.js';
import { volumeId } from '../fs/volume.js';
import { backupPath, stagingPath } from './file-names.js';
import { backupDir } from './journal-store.js';

/**
 * Builds a transaction's file list: replace or create, the staging name beside each target, the backup name,
 * and whether the backup moves by rename (backup folder on the target's volume) or by copy + sha256.
 */
export async function describeFiles(args: {
  dataDir: string;
  files: readonly { target: string; source: string; label?: string; produced?: { bytes: number } }[];
  txId: string;
  backupMode: 'auto' | 'copy';
}): Promise<JournalFile[]> {
  const backups = backupDir(args.dataDir, args.txId);
  await fs.mkdir(args.dataDir, { recursive: true });
  // Whether the backup folder shares a target's volume is asked once per folder, not once per file.
  let dataVolume: Promise<number> | null = null;
  const volumes = new Map<string, Promise<boolean>>();
  const sameAsData = (dir: string): Promise<boolean> => {
    let v = volumes.get(dir);
    dataVolume ??= volumeId(args.dataDir);
    if (v === undefined) volumes.set(dir, (v = Promise.all([dataVolume, volumeId(dir)]).then(([a, b]) => a === b)));
    return v;
  };
  return Promise.all(args.files.map(async (spec, index): Promise<JournalFile> => {
    const target = path.resolve(spec.target);
    const action = (await isFile(target)) ? 'replace' : 'create';
    const rename = args.backupMode !== 'copy' && (await sameAsData(path.dirname(target)));
    return {
      target,
      // A produced file's source names an archive entry, not a file to open.
      source: spec.produced ? spec.source : path.resolve(spec.source),
      action,
      before: null,
      after: null,
      staging: stagingPath(target, args.txId),
      backup: action === 'replace' ? backupPath(backups, index, target) : null,
      backupMode: action === 'replace' ? (rename ? 'rename' : 'copy') : null,
      placed: null,
      label: spec.label ?? '',
      ...(spec.produced ? { produced: { bytes: spec.produced.bytes } } : {}),
    };
  }));
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}
