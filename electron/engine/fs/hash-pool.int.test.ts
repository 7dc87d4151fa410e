import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ContentHasher } from './content-hash.js';
import { createHashPool } from './hash-pool.js';

let dir = '';
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-hash-pool-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const xxh = (b: Buffer): string => new ContentHasher().update(b).digest();

test('hashes many files a few at a time: sizes and xxh3-128 as computed in one piece (awkward names, empty and multi-chunk files)', async () => {
  const contents = [Buffer.alloc(0), Buffer.from('cudnn64_8.dll'), Buffer.alloc(9 * 1024 * 1024 + 7, 0x5a), Buffer.alloc(3 * 1024 * 1024, 0x11)];
  const files = await Promise.all(contents.map(async (c, i) => {
    const file = path.join(dir, `ユーザー [A1111] & co ${i}.dll`);
    await fs.writeFile(file, c);
    return file;
  }));
  const pool = createHashPool(2);
  try {
    const digests = await Promise.all(files.map((f) => pool.hash(f)));
    expect(digests).toEqual(contents.map((c) => ({ bytes: c.length, xxh3: xxh(c) })));
  } finally {
    await pool.close();
  }
});

test('a missing file rejects with the errno code and the path; the pool keeps working', async () => {
  const pool = createHashPool(1);
  try {
    const missing = path.join(dir, 'gone.dll');
    await expect(pool.hash(missing)).rejects.toMatchObject({ code: 'ENOENT', path: missing });
    await fs.writeFile(path.join(dir, 'ok.dll'), 'ok');
    expect(await pool.hash(path.join(dir, 'ok.dll'))).toEqual({ bytes: 2, xxh3: xxh(Buffer.from('ok')) });
  } finally {
    await pool.close();
  }
});

test('closing rejects the jobs not answered yet instead of leaving them pending', async () => {
  await fs.writeFile(path.join(dir, 'big.dll'), Buffer.alloc(8 * 1024 * 1024, 1));
  const pool = createHashPool(1);
  const jobs = [1, 2, 3].map(() => pool.hash(path.join(dir, 'big.dll')).then(() => 'done', (e: Error) => e.message));
  await pool.close();
  const results = await Promise.all(jobs);
  // The one running finishes; the two queued are rejected rather than left pending.
  expect(results.filter((r) => r === 'hash pool closed').length).toBe(2);
  await expect(pool.hash(path.join(dir, 'big.dll'))).rejects.toThrow();
});
