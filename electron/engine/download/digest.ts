import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import type { Expected } from './cache.js';
import { DownloadError } from './errors.js';

/** sha256 always (it is returned and recorded), md5 only when the publisher gave one (CUDA installers). */
export class Digests {
  private sha256: Hash = createHash('sha256');
  private md5: Hash | null;

  constructor(private readonly wantMd5: boolean) {
    this.md5 = wantMd5 ? createHash('md5') : null;
  }

  /** Starts over (the partial was truncated). */
  reset(): void {
    this.sha256 = createHash('sha256');
    this.md5 = this.wantMd5 ? createHash('md5') : null;
  }

  update(chunk: Buffer): void {
    this.sha256.update(chunk);
    this.md5?.update(chunk);
  }

  finish(): { sha256: string; md5: string | null } {
    return { sha256: this.sha256.digest('hex'), md5: this.md5?.digest('hex') ?? null };
  }
}

/** Feeds the first `bytes` of a file into the digests (rebuilding the hash state of a partial download once). */
export async function hashPrefix(file: string, bytes: number, digests: Digests, onBytes?: (done: number) => void): Promise<void> {
  if (bytes <= 0) return;
  let done = 0;
  for await (const chunk of fs.createReadStream(file, { start: 0, end: bytes - 1, highWaterMark: 4 * 1024 * 1024 })) {
    digests.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onBytes?.(done);
  }
}

/**
 * Refuses content that does not match what was published: names the file, where it came from, and both digests.
 * Checks the size first (cheapest to explain), then sha256, then md5.
 */
export function checkDigests(args: { name: string; url: string; expected: Expected; bytes: number; sha256: string; md5: string | null; local?: boolean }): void {
  const { name, url, expected } = args;
  const tail = args.local ? 'it was left as it is and not used' : 'the file was discarded';
  if (expected.bytes !== undefined && expected.bytes !== args.bytes) {
    throw new DownloadError('size-mismatch', `${name} from ${url} has ${args.bytes} bytes, but ${expected.bytes} were published; ${tail}`, { name, url, expected: expected.bytes, actual: args.bytes });
  }
  if (expected.sha256 !== undefined && expected.sha256.toLowerCase() !== args.sha256) {
    throw new DownloadError('checksum-mismatch', `${name} from ${url} does not match its published checksum (sha256 expected ${expected.sha256.toLowerCase()}, got ${args.sha256}); ${tail}`, { name, url, algo: 'sha256', expected: expected.sha256.toLowerCase(), actual: args.sha256 });
  }
  if (expected.md5 !== undefined && expected.md5.toLowerCase() !== args.md5) {
    throw new DownloadError('checksum-mismatch', `${name} from ${url} does not match its published checksum (md5 expected ${expected.md5.toLowerCase()}, got ${args.md5 ?? '?'}); ${tail}`, { name, url, algo: 'md5', expected: expected.md5.toLowerCase(), actual: args.md5 ?? '?' });
  }
}
