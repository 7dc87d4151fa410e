import path from 'node:path';
import { getEnv, homeDir, systemRoot, type DetectContext } from './detect-context.js';
import { isDir, listDir } from './fs-safe.js';
import { looksLikeInstall } from './install-kind.js';

/** Folder names never worth descending into while looking for installs. */
const SKIP = new Set([
  'node_modules', 'appdata', 'library', 'windows', 'program files', 'program files (x86)', 'programdata',
  '$recycle.bin', 'system volume information', 'site-packages', '__pycache__', 'venv', 'models', 'outputs',
  'proc', 'sys', 'dev', 'snap', 'usr', 'bin', 'lib', 'etc', 'var',
]);

/** Where installs are looked for: TORCHLIFT_SEARCH_ROOTS (path.delimiter-separated; '' disables), else common places. */
export async function searchRoots(ctx: DetectContext): Promise<string[]> {
  const forced = getEnv(ctx.env, 'TORCHLIFT_SEARCH_ROOTS');
  if (forced !== undefined) return forced.split(path.delimiter).filter((r) => r.trim() !== '');
  const home = homeDir(ctx);
  const roots = home ? [home, ...['Desktop', 'Documents', 'Downloads'].map((n) => path.join(home, n))] : [];
  const sys = systemRoot(ctx);
  if (ctx.platform === 'windows') {
    const drives = process.platform === 'win32' && !getEnv(ctx.env, 'TORCHLIFT_SYSTEM_ROOT')
      ? 'CDEFGH'.split('').map((l) => `${l}:\\`)
      : [sys];
    roots.push(...drives);
  } else {
    roots.push(path.join(sys, 'workspace'), path.join(sys, 'opt'));
  }
  const exists = await Promise.all(roots.map((r) => isDir(r)));
  return roots.filter((_, i) => exists[i]);
}

/**
 * Scans each root and two levels below it with readdir only, calling onFound for every folder whose
 * top-level names look like an install (without descending into it). Hidden and system folders are skipped.
 */
export async function discoverInstalls(args: { roots: readonly string[]; onFound: (dir: string) => void }): Promise<void> {
  const seen = new Set<string>();
  const visit = async (dir: string, depth: number): Promise<void> => {
    const key = path.resolve(dir);
    if (seen.has(key)) return;
    seen.add(key);
    const entries = await listDir(dir);
    const names = new Set(entries.map((e) => e.name));
    if (looksLikeInstall(names) || (names.has('webui') && names.has('system'))) {
      args.onFound(dir);
      return;
    }
    if (depth >= 2) return;
    const children = entries.filter((e) => (e.isDirectory() || e.isSymbolicLink())
      && !e.name.startsWith('.') && !SKIP.has(e.name.toLowerCase()));
    await Promise.all(children.map((c) => visit(path.join(dir, c.name), depth + 1)));
  };
  await Promise.all(args.roots.map((r) => visit(r, 0)));
}
