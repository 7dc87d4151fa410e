import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface Licence {
  name: string;
  version: string;
  license: string;
}

interface Manifest {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The licences of the packages TorchLift ships: its production dependencies and theirs, as installed (resolved the
 * way Node resolves them from each package), sorted by name. Packages that are not installed (other platforms'
 * optional binaries) are left out.
 */
export function bundledLicences(root: string): Licence[] {
  const seen = new Map<string, Licence>();
  const queue: Array<{ from: string; name: string }> = [];
  const top = readManifest(path.join(root, 'package.json'));
  for (const name of Object.keys(top?.dependencies ?? {})) queue.push({ from: root, name });
  while (queue.length > 0 && seen.size < 2000) {
    const { from, name } = queue.shift()!;
    const dir = packageDir(from, name);
    if (!dir) continue;
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (!manifest) continue;
    const key = `${name}@${manifest.version ?? '?'}`;
    if (seen.has(key)) continue;
    const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'see package');
    seen.set(key, { name, version: manifest.version ?? '?', license });
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) queue.push({ from: dir, name: dep });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

function packageDir(from: string, name: string): string | null {
  // Walk node_modules folders upward the way Node does (package.json "exports" may hide package.json from require).
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    return path.dirname(createRequire(path.join(from, 'package.json')).resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}
