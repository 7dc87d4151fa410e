import fs from 'node:fs/promises';
import path from 'node:path';
import { inspectArchive, type CheckedArchive } from '../../archive/archive.js';
import { filesUnder } from '../cuda-install/staged-tree.js';
import { cudnnArchiveCudaMajor, cudnnArchiveVersion } from '../dll-swap/cudnn-archive.js';
import { majorOf } from '../../../../shared/versions.js';

/** One cuDNN file and where it goes in a toolkit (relative path), from an archive entry or a folder. */
export interface OverlayItem {
  /** Archive entry name, or the source file for a folder. */
  entry: string;
  /** `bin/cudnn64_9.dll`, `include/cudnn_version.h`, `lib/x64/cudnn.lib`, `lib64/libcudnn.so.9` … */
  rel: string;
  bytes: number;
}

/** A recognised cuDNN source: an archive (checked) or a folder (unpacked zip, or the exe installer's CUDNN\v9.x). */
export interface CudnnSource {
  kind: 'archive' | 'folder';
  path: string;
  archive: CheckedArchive | null;
  items: OverlayItem[];
  /** CUDA major it is built for (from the name or the installer's per-CUDA subfolder); null when it cannot be told. */
  builtFor: number | null;
  /** cuDNN version from the name (archives) or the header (folders). */
  version: string | null;
}

/**
 * Maps a cuDNN layout onto a toolkit: `bin/` or `bin/x64/` → the toolkit's DLL folder, `include/` or `include/x64/` →
 * include, `lib/x64/` → lib/x64 (Windows); `include/`, `lib/` → include, lib64 (Linux). The exe installer's
 * `bin/<cuda maj.min>[/x64]/` folders are read for the toolkit's CUDA major only. Other files (LICENSE) are left out.
 */
export function mapCudnnPath(rel: string, ctx: { windows: boolean; binDir: string; libDir: string; cudaMajor: number | null }): string | null {
  const parts = rel.split('/');
  const [area, ...rest] = parts;
  if (area === undefined || rest.length === 0) return null;
  let tail = rest;
  // CUDNN\v9.x\bin\12.6\x64\… (exe installer): keep only the toolkit's CUDA major.
  if (tail.length > 1 && /^\d+\.\d+$/.test(tail[0]!)) {
    if (ctx.cudaMajor !== null && majorOf(tail[0]!) !== ctx.cudaMajor) return null;
    tail = tail.slice(1);
  }
  if (tail.length > 1 && tail[0] === 'x64') tail = tail.slice(1);
  const name = tail.join('/');
  if (area === 'bin' && ctx.windows && /\.dll$/i.test(name) && !name.includes('/')) return `${ctx.binDir}/${name}`;
  if (area === 'include' && /\.h$/i.test(name) && !name.includes('/')) return `include/${name}`;
  if (area === 'lib' && ctx.windows && /\.lib$/i.test(name) && !name.includes('/')) return `lib/x64/${name}`;
  if (area === 'lib' && !ctx.windows && /^libcudnn/.test(name) && !name.includes('/')) return `${ctx.libDir}/${name}`;
  return null;
}

/** Reads a source (archive file or folder) and lists what it would place. Throws ArchiveRefusal for a hostile archive. */
export async function readCudnnSource(source: string, ctx: { windows: boolean; binDir: string; libDir: string; cudaMajor: number | null }): Promise<CudnnSource> {
  const st = await fs.stat(source);
  if (st.isDirectory()) {
    const files = await listFiles(source);
    const items: OverlayItem[] = [];
    for (const f of files) {
      const rel = mapCudnnPath(f.rel, ctx);
      if (rel !== null) items.push({ entry: path.join(source, ...f.rel.split('/')), rel, bytes: f.bytes });
    }
    const sub = files.map((f) => /^bin\/(\d+)\.\d+\//.exec(f.rel)?.[1]).find((m) => m !== undefined);
    const builtFor = cudnnArchiveCudaMajor(path.basename(source)) ?? (sub !== undefined && ctx.cudaMajor !== null ? (items.length > 0 ? ctx.cudaMajor : Number(sub)) : null);
    return { kind: 'folder', path: source, archive: null, items, builtFor, version: cudnnArchiveVersion(path.basename(source)) };
  }
  const archive = await inspectArchive(source);
  const items: OverlayItem[] = [];
  for (const e of archive.entries) {
    if (e.kind !== 'file') continue;
    // Archives hold one root folder (cudnn-<platform>-<ver>_cudaN-archive/); the layout starts below it.
    const inner = e.path.split('/').slice(1).join('/');
    const rel = mapCudnnPath(inner, ctx);
    if (rel !== null) items.push({ entry: e.name, rel, bytes: e.size });
  }
  const top = archive.entries[0]?.path.split('/')[0] ?? path.basename(source);
  return { kind: 'archive', path: source, archive, items, builtFor: cudnnArchiveCudaMajor(top) ?? cudnnArchiveCudaMajor(path.basename(source)), version: cudnnArchiveVersion(top) ?? cudnnArchiveVersion(path.basename(source)) };
}

async function listFiles(root: string): Promise<{ rel: string; bytes: number }[]> {
  return Promise.all((await filesUnder(root)).map(async (rel) => ({ rel, bytes: (await fs.stat(path.join(root, ...rel.split('/')))).size })));
}
