import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
type Entry = { version?: string; optionalDependencies?: Record<string, string>; dependencies?: Record<string, string> };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Entry> };

/** Where Node would find `name` from the package at `at` (its own node_modules, then each parent's). */
function resolveEntry(at: string, name: string): string | null {
  let base = at;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return null;
    const i = base.lastIndexOf('/node_modules/');
    base = i === -1 ? '' : base.slice(0, i);
  }
}

describe('package-lock.json', () => {
  // `npm ci` rejects a lockfile that lacks another platform's optional package ("Missing: @rollup/rollup-android-arm-eabi
  // from lock file"); a lockfile written where only this platform's binaries were fetched has exactly that gap.
  it('has an entry for every optional dependency of every locked package (all platforms), so npm ci accepts it', () => {
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) if (!resolveEntry(at, name)) missing.push(`${at || '(root)'} → ${name}`);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(lock.packages)).toEqual(expect.arrayContaining(['node_modules/@rollup/rollup-win32-x64-msvc', 'node_modules/@esbuild/win32-x64']));
  });

  it('pins the Electron version electron-builder packages', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(lock.packages['node_modules/electron']?.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
