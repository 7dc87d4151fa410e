import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TxFileSpec } from '../transaction.js';

/** A throw-away machine for transaction tests: a lib folder with old files, a source folder with new ones. */
export interface TxFixture {
  root: string;
  libDir: string;
  srcDir: string;
  dataDir: string;
  files: TxFileSpec[];
  cleanup(): Promise<void>;
}

/** Awkward path parts on purpose: spaces, &, brackets, Japanese. */
export const AWKWARD = path.join('ユーザー', 'stable diffusion [A1111] & co', 'venv', 'Lib', 'site-packages', 'torch', 'lib');

/**
 * Creates `count` old files in lib/ and matching new files in src/ (distinct content), plus one new-only file
 * when `withCreate`. Sizes vary so partial copies are visible.
 */
export async function makeTxFixture(opts: { count?: number; withCreate?: boolean; base?: string; bytes?: number } = {}): Promise<TxFixture> {
  const root = await fs.mkdtemp(path.join(opts.base ?? os.tmpdir(), 'tl-tx-'));
  const libDir = path.join(root, AWKWARD);
  const srcDir = path.join(root, 'downloads', 'cudnn archive (8.9.7)', 'bin');
  const dataDir = path.join(root, 'torchlift data');
  await fs.mkdir(libDir, { recursive: true });
  await fs.mkdir(srcDir, { recursive: true });
  const files: TxFileSpec[] = [];
  const count = opts.count ?? 3;
  for (let i = 0; i < count; i += 1) {
    const name = `cudnn_part${i}64_8.dll`;
    await fs.writeFile(path.join(libDir, name), content(`OLD ${name}`, (opts.bytes ?? 3000) + i * 517));
    await fs.writeFile(path.join(srcDir, name), content(`NEW ${name}`, (opts.bytes ?? 3000) + i * 731 + 11));
    files.push({ target: path.join(libDir, name), source: path.join(srcDir, name) });
  }
  if (opts.withCreate) {
    await fs.writeFile(path.join(srcDir, 'zlibwapi.dll'), content('NEW zlibwapi', 1200));
    files.push({ target: path.join(libDir, 'zlibwapi.dll'), source: path.join(srcDir, 'zlibwapi.dll') });
  }
  return { root, libDir, srcDir, dataDir, files, cleanup: () => fs.rm(root, { recursive: true, force: true }) };
}

function content(head: string, bytes: number): Buffer {
  const b = Buffer.alloc(bytes, 0x2e);
  b.write(`${head}\n`);
  return b;
}

/** name → sha256 of every entry in a folder (subfolders marked), to compare whole folders byte for byte. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    out[entry.name] = entry.isDirectory() ? 'DIR' : createHash('sha256').update(await fs.readFile(path.join(dir, entry.name))).digest('hex');
  }
  return out;
}

/** The folder as it will be after a successful swap: every target with its source's bytes. */
export async function expectedAfter(fx: TxFixture): Promise<Record<string, string>> {
  const out = await snapshot(fx.libDir);
  for (const f of fx.files) out[path.basename(f.target)] = createHash('sha256').update(await fs.readFile(f.source)).digest('hex');
  return out;
}
