import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { errnoError, nodeFsOps, type FsOps } from './fs-ops.js';
import { kernelCopyAllowed, kernelCopyToNew } from './kernel-copy.js';

let dir = '';
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-kernel-copy-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('copies byte for byte into a new file (spaces, &, brackets, Japanese) and returns the size', async () => {
  const content = Buffer.alloc(5 * 1024 * 1024 + 3);
  for (let i = 0; i < content.length; i += 1) content[i] = (i * 31) & 0xff;
  const from = path.join(dir, 'cuDNN アーカイブ [8.9] & bin.dll');
  const to = path.join(dir, 'torch lib.dll.torchlift-new-x');
  await fs.writeFile(from, content);
  expect(await kernelCopyToNew({ from, to })).toBe(content.length);
  expect((await fs.readFile(to)).equals(content)).toBe(true);
});

test('never overwrites: an existing target fails with EEXIST and keeps its content', async () => {
  await fs.writeFile(path.join(dir, 'a'), 'new');
  await fs.writeFile(path.join(dir, 'b'), 'existing');
  await expect(kernelCopyToNew({ from: path.join(dir, 'a'), to: path.join(dir, 'b') })).rejects.toMatchObject({ code: 'EEXIST' });
  expect(await fs.readFile(path.join(dir, 'b'), 'utf8')).toBe('existing');
});

test('creates the file through ops.open, so an injected read-only drive fails as before', async () => {
  await fs.writeFile(path.join(dir, 'a'), 'new');
  const ops: FsOps = { ...nodeFsOps, open: (f, flags) => (flags === 'wx' ? Promise.reject(errnoError('EROFS', f)) : nodeFsOps.open(f, flags)) };
  await expect(kernelCopyToNew({ from: path.join(dir, 'a'), to: path.join(dir, 'b'), ops })).rejects.toMatchObject({ code: 'EROFS' });
  await expect(fs.stat(path.join(dir, 'b'))).rejects.toMatchObject({ code: 'ENOENT' });
});

test('an injected writer turns the kernel copy off, so every byte goes through it', () => {
  expect(kernelCopyAllowed(nodeFsOps)).toBe(true);
  expect(kernelCopyAllowed({ ...nodeFsOps, rename: async () => undefined })).toBe(true);
  expect(kernelCopyAllowed({ ...nodeFsOps, write: async () => 0 })).toBe(false);
});
