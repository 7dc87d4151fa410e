import { afterEach, expect, test } from 'vitest';
import { errnoError, nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction } from './transaction.js';

// Issue 11, defect 8: a disk-full rollback reason read `A file operation on "a file" failed`: a write on an open
// handle carries no path. The fs layer now names the file it was writing.
let fx: TxFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

test('the disk fills up while staging: the rollback reason names the file being written', async () => {
  fx = await makeTxFixture({ count: 3, bytes: 5000 });
  const before = await snapshot(fx.libDir);
  let writes = 0;
  const ops: FsOps = { ...nodeFsOps, write: (h, b, n, p) => (++writes > 2 ? Promise.reject(errnoError('ENOSPC', 'no space left on device')) : nodeFsOps.write(h, b, n, p)) };
  const outcome = await runTransaction({
    dataDir: fx.dataDir, goal: 'dll-swap', intent: 'disk full', app: null, targetRoots: [fx.libDir], files: fx.files, ops,
    verify: async () => ({ ok: true, log: [] }),
  });
  expect(outcome.kind).toBe('rolled-back');
  const reason = outcome.kind === 'rolled-back' ? outcome.reason : '';
  expect(reason).toContain('the disk is full');
  expect(reason).not.toContain('"a file"');
  expect(reason).toContain(fx.libDir);
  expect(reason).toMatch(/torchlift-new-/);
  expect(await snapshot(fx.libDir)).toEqual(before);
});
