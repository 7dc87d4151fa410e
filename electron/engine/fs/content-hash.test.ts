import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentHasher, HASH_CHUNK, hashFile } from './content-hash.js';

describe('content hash (xxh3-128 over 4 MiB chunks)', () => {
  const data = randomBytes(HASH_CHUNK * 2 + 12345);
  const whole = new ContentHasher().update(data).digest();

  it('does not depend on how the bytes are sliced', () => {
    const h = new ContentHasher();
    for (let i = 0; i < data.length; i += 777_777) h.update(data.subarray(i, i + 777_777));
    expect(h.digest()).toBe(whole);
    // Inflate's 16 KiB slices (gathered in one buffer, issue 8) and odd slices that straddle the 4 MiB chunks.
    const small = new ContentHasher();
    for (let i = 0; i < data.length; i += 16_384) small.update(data.subarray(i, i + 16_384));
    expect(small.digest()).toBe(whole);
    const odd = new ContentHasher();
    for (let i = 0, n = 1; i < data.length; i += n, n = (n * 7 + 13) % 3_000_001) odd.update(data.subarray(i, i + n));
    expect(odd.digest()).toBe(whole);
    expect(whole).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes with one flipped byte, and with the length (trailing zeros)', () => {
    const flipped = Buffer.from(data);
    flipped[HASH_CHUNK + 5] = (flipped[HASH_CHUNK + 5] ?? 0) ^ 1;
    expect(new ContentHasher().update(flipped).digest()).not.toBe(whole);
    expect(new ContentHasher().update(Buffer.alloc(3)).digest()).not.toBe(new ContentHasher().update(Buffer.alloc(4)).digest());
    expect(new ContentHasher().digest()).not.toBe(new ContentHasher().update(Buffer.alloc(1)).digest());
  });

  it('hashFile gives the same digest as hashing the bytes', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-hash-')), 'f.bin');
    fs.writeFileSync(file, data);
    expect(await hashFile(file)).toEqual({ bytes: data.length, xxh3: whole });
  });
});
