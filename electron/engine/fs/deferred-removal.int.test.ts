import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { linkAside, removalsSettled, removeLater } from './deferred-removal.js';

let dir = '';
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-deferred-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('linkAside gives the file a second name (same inode) in a new folder; replacing the original keeps the content there', async () => {
  const file = path.join(dir, 'torch lib [ja] ユーザー', 'cudnn64_8.dll');
  const aside = path.join(dir, 'tx', 'displaced', '000-cudnn64_8.dll');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, 'new content');
  expect(await linkAside(file, aside)).toBe(true);
  expect((await fs.stat(aside)).ino).toBe((await fs.stat(file)).ino);
  await fs.writeFile(`${file}.old`, 'old content');
  await fs.rename(`${file}.old`, file);
  expect(await fs.readFile(aside, 'utf8')).toBe('new content');
  expect(await linkAside(file, aside)).toBe(true);
  expect(await fs.readFile(aside, 'utf8')).toBe('old content');
});

test('linkAside of a file that is gone changes nothing and says so', async () => {
  expect(await linkAside(path.join(dir, 'gone.dll'), path.join(dir, 'aside', 'gone.dll'))).toBe(false);
});

test('removeLater deletes a folder in the background; removalsSettled waits for it; a missing folder is no error', async () => {
  const target = path.join(dir, 'displaced');
  await fs.mkdir(target);
  await fs.writeFile(path.join(target, 'a.dll'), Buffer.alloc(1024 * 1024));
  removeLater(target);
  removeLater(path.join(dir, 'never existed'));
  await removalsSettled();
  await expect(fs.stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
});
