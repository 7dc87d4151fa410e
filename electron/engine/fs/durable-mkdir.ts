import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './fsync.js';

/**
 * mkdir -p that survives a power loss: every folder it creates is fsynced in its parent (and the parents of
 * those), so a file later renamed into the new folder cannot vanish with an entry that never reached the disk.
 * A folder that already exists costs one mkdir call.
 */
export async function mkdirDurable(dir: string): Promise<void> {
  const target = path.resolve(dir);
  const first = await fs.mkdir(target, { recursive: true });
  if (first === undefined) return;
  // Created: `first` … `target`. Their parents: dirname(first) … dirname(target); fsync the deepest first.
  const parents: string[] = [];
  for (let d = path.dirname(target); ; d = path.dirname(d)) {
    parents.push(d);
    if (d === path.dirname(first) || d === path.dirname(d)) break;
  }
  for (const p of parents) await fsyncDir(p);
}
