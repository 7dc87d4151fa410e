import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** One file to write, its path relative to a base folder (always "/"-separated). */
export interface FileEntry {
  rel: string;
  content: string | Buffer;
  /** Unix mode, e.g. 0o755 for shebang scripts. */
  mode?: number;
}

/** Writes entries under `base`, creating folders; one mkdir per distinct folder, then all writes at once. */
export async function writeEntries(base: string, entries: readonly FileEntry[]): Promise<void> {
  const dirs = new Set(entries.map((e) => path.dirname(path.join(base, e.rel))));
  await Promise.all([...dirs].map((d) => fs.mkdir(d, { recursive: true })));
  await Promise.all(entries.map((e) => fs.writeFile(path.join(base, e.rel), e.content, { mode: e.mode ?? 0o644 })));
}

/** The `sha256=<urlsafe base64, no padding>` digest pip writes into RECORD. */
export function recordHash(content: string | Buffer): string {
  const digest = createHash('sha256').update(content).digest('base64');
  return `sha256=${digest.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** Byte length of an entry's content. */
export function byteLength(content: string | Buffer): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.length;
}
