import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { checkDataDir } from './data-dir.js';

let root = '';
afterEach(async () => {
  if (root) {
    await fs.chmod(path.join(root, 'read-only'), 0o755).catch(() => undefined);
    await fs.rm(root, { recursive: true, force: true });
  }
  root = '';
});

test('the data folder: a missing one is created; a file (or a file above it) is refused naming TORCHLIFT_DATA_DIR', async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-data-dir-'));
  const fresh = path.join(root, 'ユーザー', 'torchlift data [x] & y');
  expect(await checkDataDir(fresh, { write: true })).toBeNull();
  expect((await fs.stat(fresh)).isDirectory()).toBe(true);
  const file = path.join(root, 'a file');
  await fs.writeFile(file, 'x');
  for (const dir of [file, path.join(file, 'below')]) {
    const r = await checkDataDir(dir, { write: true });
    expect(r).toMatchObject({ code: 'data-dir-unusable', message: expect.stringContaining('is a file'), fix: expect.stringContaining('TORCHLIFT_DATA_DIR') });
    expect(r?.message).toContain(dir);
    expect(await checkDataDir(dir, { write: false })).toMatchObject({ code: 'data-dir-unusable' });
  }
  expect(await checkDataDir(path.join(root, 'not yet'), { write: false })).toBeNull();
  expect(await fs.readdir(root)).not.toContain('not yet');
});

test('a folder that cannot be written to is refused (when the process is not root)', async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-data-dir-'));
  const ro = path.join(root, 'read-only');
  await fs.mkdir(ro);
  await fs.chmod(ro, 0o555);
  const r = await checkDataDir(ro, { write: true });
  if (process.getuid?.() === 0) expect(r).toBeNull();
  else expect(r).toMatchObject({ code: 'data-dir-unusable', message: expect.stringContaining('cannot be written to') });
});

test('any number of concurrent checks in one process give the same answer as one alone (the probe is unique per call)', async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-data-dir-'));
  const dir = path.join(root, 'data');
  const answers = await Promise.all(Array.from({ length: 200 }, () => checkDataDir(dir, { write: true })));
  expect(answers.filter((a) => a !== null)).toEqual([]);
  expect(await fs.readdir(dir)).toEqual([]);
});
