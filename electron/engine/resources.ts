import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped `resources/` folder. TORCHLIFT_RESOURCES overrides it; otherwise walk up from this file
 * (works from TS source and from dist/) to the first folder that holds both `resources/` and `package.json`.
 */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env, from: string = import.meta.url): string {
  const forced = env.TORCHLIFT_RESOURCES;
  if (forced !== undefined && forced !== '') return path.resolve(forced);
  let dir = path.dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (isDir(candidate) && fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`resources/ not found above ${from}; set TORCHLIFT_RESOURCES`);
    dir = parent;
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
