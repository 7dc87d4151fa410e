import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { afterEach, expect, test } from 'vitest';
import { errnoError, nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { describeFiles } from './describe-files.js';
import { ContentHasher } from '../fs/content-hash.js';
import { stageFiles, type StageEvent } from './stage-files.js';
import { makeTxFixture, type TxFixture } from './testing/tx-fixture.js';

let fx: TxFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

const sha = async (file: string): Promise<string> => createHash('sha256').update(await fs.readFile(file)).digest('hex');

async function described(backupMode: 'auto' | 'copy') {
  fx = await makeTxFixture({ count: 4, withCreate: true, bytes: 50_000 });
  return describeFiles({ dataDir: fx.dataDir, files: fx.files, txId: 'stage-test', backupMode });
}

for (const [label, ops, backupMode] of [
  ['kernel copies, sources hashed beside them', nodeFsOps, 'auto'],
  ['an injected writer (user-space copy)', { ...nodeFsOps, write: (h, b, n, p) => nodeFsOps.write(h, b, n, p) } as FsOps, 'auto'],
  ['copy backups (across volumes)', nodeFsOps, 'copy'],
] as const) {
  test(`staging records the new content's xxh3-128 (and the old file's identity or hash) and leaves targets untouched: ${label}`, async () => {
    const files = await described(backupMode);
    const oldHashes = await Promise.all(files.map((f) => (f.action === 'replace' ? sha(f.target) : null)));
    const events: StageEvent[] = [];
    const staged = await stageFiles(files, { ops, onEvent: (e) => events.push(e) });
    for (const [i, f] of staged.entries()) {
      expect(f.after).toEqual({ bytes: (await fs.stat(f.source)).size, xxh3: new ContentHasher().update(await fs.readFile(f.source)).digest(), ino: (await fs.stat(f.staging)).ino });
      expect(await sha(f.staging)).toBe(await sha(f.source));
      if (f.action !== 'replace') expect(f.before).toBeNull();
      else if (backupMode === 'copy') expect(f.before?.xxh3).toBe(new ContentHasher().update(await fs.readFile(f.target)).digest());
      else expect(f.before).toEqual({ bytes: (await fs.stat(f.target)).size, ino: (await fs.stat(f.target)).ino, mtimeMs: (await fs.stat(f.target)).mtimeMs });
      if (f.action === 'replace') expect(await sha(f.target)).toBe(oldHashes[i]);
      if (backupMode === 'copy' && f.backup !== null) expect(await sha(f.backup)).toBe(oldHashes[i]);
    }
    expect(events.filter((e) => e.state === 'staged').map((e) => e.index).sort()).toEqual([0, 1, 2, 3, 4]);
  });
}

test('a failure is reported as itself (errno and path) once everything started has settled', async () => {
  const files = await described('auto');
  await fs.rm(files[2]!.source);
  await expect(stageFiles(files, { ops: nodeFsOps })).rejects.toMatchObject({ code: 'ENOENT', path: files[2]!.source });
});

test('an injected disk-full writer fails staging with ENOSPC', async () => {
  const files = await described('auto');
  let writes = 0;
  const ops: FsOps = { ...nodeFsOps, write: (h, b, n, p) => (++writes > 2 ? Promise.reject(errnoError('ENOSPC', 'full')) : nodeFsOps.write(h, b, n, p)) };
  await expect(stageFiles(files, { ops })).rejects.toMatchObject({ code: 'ENOSPC' });
});
