import fs from 'node:fs/promises';
import path from 'node:path';
import { nodeFsOps, withPath, type FsOps } from './fs-ops.js';
import { fsyncDir } from './fsync.js';

/**
 * Writes a JSON file so that a crash leaves either the old or the new content, never a torn one:
 * write a temp file beside it, fsync it, rename over the target, fsync the folder. `ops.open` lets tests fail it.
 */
export async function writeJsonAtomic(file: string, value: unknown, ops: FsOps = nodeFsOps): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await ops.open(temp, 'w').catch((error: unknown) => Promise.reject(withPath(error, file)));
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await handle.sync();
  } catch (error) {
    // A full disk while writing the journal names the journal, not "a file".
    throw withPath(error, file);
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
  await fsyncDir(dir);
}

/** Reads a JSON file; null when it is missing or not valid JSON (callers validate the shape). */
export async function readJsonOrNull(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
