import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { removalsSettled } from '../../fs/deferred-removal.js';

/**
 * Every entry under a folder with its content's sha256 (folders as '', links by target) — TorchLift's own
 * `.torchlift-<id>` folders beside a root aside (snapshots and set-aside files, removed in the background once a
 * rollback is closed; awaited first). Two digests are equal exactly when the trees are byte-identical.
 */
export async function digestTree(dir: string, opts: { content?: 'sha256' | 'text' } = {}): Promise<Record<string, string>> {
  await removalsSettled();
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      if (e.name.startsWith('.torchlift-')) continue;
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = `link:${await fs.readlink(p)}`;
      else if (e.isDirectory()) {
        out[`${rel}/`] = '';
        await walk(p);
      } else {
        const bytes = await fs.readFile(p);
        out[rel] = opts.content === 'text' ? bytes.toString('utf8') : createHash('sha256').update(bytes).digest('hex');
      }
    }
  };
  await walk(dir);
  return out;
}
