import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileDigest } from './hash-copy.js';
import { HASH_WORKER_CODE } from './hash-worker-code.js';

/** Hashes files in worker threads, so sha256 (CPU-bound) runs beside the main thread and the kernel copies. */
export interface HashPool {
  /** The size and sha256 of a file; rejects with the file system's error (code and path kept). */
  hash(file: string, onBytes?: (done: number) => void): Promise<FileDigest>;
  /** Stops the workers; jobs not answered yet are rejected. Idempotent. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  file: string;
  onBytes: ((done: number) => void) | undefined;
  resolve: (d: FileDigest) => void;
  reject: (e: Error) => void;
}

type Reply = { id: number; progress: number } | { id: number; bytes: number; sha256: string } | { id: number; error: { message: string; code?: string; path?: string } };

/** The default size: one worker per core, at most 4 (two on a 2-core machine, beside one kernel copy). */
export function defaultHashWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Starts `size` hash workers; jobs are served in the order given, each by the next free worker. */
export function createHashPool(size: number = defaultHashWorkers()): HashPool {
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const workers: Worker[] = [];
  let nextId = 1;
  let broken: Error | null = null;
  let closing: Promise<void> | null = null;
  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const job = queue.shift() as Job;
      busy.set(worker, job);
      worker.postMessage({ id: job.id, file: job.file });
    }
  };
  for (let i = 0; i < size; i += 1) {
    const worker = new Worker(HASH_WORKER_CODE, { eval: true });
    worker.on('message', (reply: Reply) => {
      const job = busy.get(worker);
      if (!job || job.id !== reply.id) return;
      if ('progress' in reply) return job.onBytes?.(reply.progress);
      busy.delete(worker);
      idle.push(worker);
      if ('error' in reply) job.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, path: reply.error.path }));
      else job.resolve({ bytes: reply.bytes, sha256: reply.sha256 });
      dispatch();
    });
    // A worker that dies (a bug, out of memory) fails its job and every queued one: nothing waits forever.
    worker.on('error', (error) => {
      broken = error;
      busy.get(worker)?.reject(error);
      busy.delete(worker);
      for (const job of queue.splice(0)) job.reject(error);
    });
    worker.on('exit', () => {
      if (!closing) broken ??= new Error('a hash worker stopped');
      busy.get(worker)?.reject(broken ?? new Error('hash pool closed'));
      busy.delete(worker);
    });
    workers.push(worker);
    idle.push(worker);
  }
  return {
    hash: (file, onBytes) => new Promise<FileDigest>((resolve, reject) => {
      if (broken || closing) return reject(broken ?? new Error('hash pool closed'));
      queue.push({ id: nextId++, file, onBytes, resolve, reject });
      dispatch();
    }),
    close: () => {
      for (const job of queue.splice(0)) job.reject(new Error('hash pool closed'));
      closing ??= Promise.all(workers.map((w) => w.terminate())).then(() => undefined);
      return closing;
    },
  };
}
