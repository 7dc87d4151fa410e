import fs from 'node:fs/promises';
import { xxh3 } from '@node-rs/xxhash';

/*
 * The journal's content identity: xxh3-128 (a native, maintained implementation), over 4 MiB chunks. Each chunk is
 * hashed with xxh128 and the final digest is xxh128 of the chunk digests plus the length, so a file can be hashed in
 * one streaming pass with constant memory. This is an identity check (did the bytes change?), not a security
 * boundary: published checksums (wheel downloads, NVIDIA archives) stay sha256/md5 (see download/).
 */

/** The algorithm's name as recorded in journals. */
export const CONTENT_HASH = 'xxh3-128';

/** The chunk size the digest is defined over (also the read size). */
export const HASH_CHUNK = 4 * 1024 * 1024;

const EMPTY = Buffer.alloc(0);

/** Streaming content hash: feed bytes in any slices; the digest only depends on the bytes. */
export class ContentHasher {
  private readonly digests: Buffer[] = [];
  // A partial chunk is gathered in one buffer (small slices — 16 KiB from inflate — are copied once, never re-joined).
  // It grows by doubling up to one chunk: a toolkit's thousands of 8 KB headers each cost a few KiB, not 4 MiB.
  private pending: Buffer = EMPTY;
  private pendingLength = 0;
  private total = 0;

  update(bytes: Uint8Array): this {
    this.total += bytes.length;
    let data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if (this.pendingLength > 0) {
      const take = Math.min(HASH_CHUNK - this.pendingLength, data.length);
      this.reserve(this.pendingLength + take);
      data.copy(this.pending, this.pendingLength, 0, take);
      this.pendingLength += take;
      data = data.subarray(take);
      if (this.pendingLength < HASH_CHUNK) return this;
      this.push(this.pending);
      this.pendingLength = 0;
    }
    while (data.length >= HASH_CHUNK) {
      this.push(data.subarray(0, HASH_CHUNK));
      data = data.subarray(HASH_CHUNK);
    }
    if (data.length > 0) {
      this.reserve(data.length);
      data.copy(this.pending, 0);
      this.pendingLength = data.length;
    }
    return this;
  }

  /** 32 hex digits. */
  digest(): string {
    if (this.pendingLength > 0 || this.total === 0) this.push(this.pending.subarray(0, this.pendingLength));
    this.pendingLength = 0;
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(this.total));
    return hex128(xxh3.xxh128(Buffer.concat([...this.digests, length])));
  }

  /** Room for `n` pending bytes (n ≤ HASH_CHUNK), keeping what is pending. */
  private reserve(n: number): void {
    if (n <= this.pending.length) return;
    let size = Math.max(64 * 1024, this.pending.length);
    while (size < n) size *= 2;
    const grown = Buffer.allocUnsafe(Math.min(size, HASH_CHUNK));
    this.pending.copy(grown, 0, 0, this.pendingLength);
    this.pending = grown;
  }

  private push(chunk: Uint8Array): void {
    const d = Buffer.alloc(16);
    const v = xxh3.xxh128(chunk);
    d.writeBigUInt64LE(v & 0xffffffffffffffffn, 0);
    d.writeBigUInt64LE(v >> 64n, 8);
    this.digests.push(d);
  }
}

/** Size and content hash of a file, read in 4 MiB chunks (the hashing itself runs at memory speed). */
export async function hashFile(file: string, onBytes?: (done: number) => void): Promise<{ bytes: number; xxh3: string }> {
  const handle = await fs.open(file, 'r');
  try {
    const hasher = new ContentHasher();
    let current = Buffer.allocUnsafe(HASH_CHUNK);
    let spare = Buffer.allocUnsafe(HASH_CHUNK);
    let position = 0;
    let read = (await handle.read(current, 0, HASH_CHUNK, 0)).bytesRead;
    while (read > 0) {
      const next = handle.read(spare, 0, HASH_CHUNK, position + read);
      hasher.update(current.subarray(0, read));
      position += read;
      onBytes?.(position);
      read = (await next).bytesRead;
      [current, spare] = [spare, current];
    }
    return { bytes: position, xxh3: hasher.digest() };
  } finally {
    await handle.close();
  }
}

function hex128(v: bigint): string {
  return v.toString(16).padStart(32, '0');
}
