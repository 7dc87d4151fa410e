import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped `resources/` folder. TORCHLIFT_RESOURCES overrides it; otherwise walk up from this file
 * (works from TS source, from dist/ and from a packaged app) to the first folder that holds both `resources/` and
 * `package.json`. In a packaged app that folder is inside `app.asar`, which only Electron's own fs can read: the
 * copy in `app.asar.unpacked` (electron-builder's asarUnpack) is returned instead, so the Python probe and any other
 * program can open the files.
 */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env, from: string = import.meta.url): string {
  const forced = env.TORCHLIFT_RESOURCES;
  if (forced !== undefined && forced !== '') return path.resolve(forced);
  return outsideAsar(bundledResourcesDir(from));
}

/** `resources/` beside the app's package.json, as the code sees it (inside `app.asar` when packaged). */
export function bundledResourcesDir(from: string = import.meta.url): string {
  let dir = path.dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (isDir(candidate) && fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`resources/ not found above ${from}; set TORCHLIFT_RESOURCES`);
    dir = parent;
  }
}

/** A path inside `…/app.asar/…` mapped to its `…/app.asar.unpacked/…` twin when that exists; other paths unchanged. */
export function outsideAsar(p: string): string {
  const parts = p.split(/[\\/]/);
  const i = parts.lastIndexOf('app.asar');
  if (i === -1 || i === parts.length - 1) return p;
  const sep = p.includes('\\') && !p.includes('/') ? '\\' : path.sep;
  const unpacked = [...parts.slice(0, i), 'app.asar.unpacked', ...parts.slice(i + 1)].join(sep);
  return fs.existsSync(unpacked) ? unpacked : p;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
