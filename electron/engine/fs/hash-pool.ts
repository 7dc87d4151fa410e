import os from 'node:os';
import { hashFile } from './content-hash.js';
import type { FileDigest } from './hash-copy.js';

/**
 * Hashes files (xxh3-128) a few at a time. xxh3 runs at memory speed in native code, so the hashing itself stays on
 * this thread; the reads go through libuv's thread pool and overlap with the kernel copies of the staging step.
 */
export interface HashPool {
  /** The size and content hash of a file; rejects with the file system's error (code and path kept). */
  hash(file: string, onBytes?: (done: number) => void): Promise<FileDigest>;
  /** Stops taking jobs; jobs not started yet are rejected. Idempotent. */
  close(): Promise<void>;
}

/** The default number of files read at once: one per core, at most 4. */
export function defaultHashWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** A pool hashing up to `size` files at once, in the order given. */
export function createHashPool(size: number = defaultHashWorkers()): HashPool {
  const queue: { file: string; onBytes: ((done: number) => void) | undefined; resolve: (d: FileDigest) => void; reject: (e: Error) => void }[] = [];
  const running = new Set<Promise<void>>();
  let closed = false;
  const pump = (): void => {
    while (!closed && running.size < size && queue.length > 0) {
      const job = queue.shift();
      if (!job) break;
      const p: Promise<void> = hashFile(job.file, job.onBytes).then((d) => job.resolve(d), (e: unknown) => job.reject(e instanceof Error ? e : new Error(String(e))))
        .finally(() => {
          running.delete(p);
          pump();
        });
      running.add(p);
    }
  };
  return {
    hash: (file, onBytes) => new Promise<FileDigest>((resolve, reject) => {
      if (closed) return reject(new Error('hash pool closed'));
      queue.push({ file, onBytes, resolve, reject });
      pump();
    }),
    close: async () => {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('hash pool closed'));
      await Promise.allSettled([...running]);
    },
  };
}
