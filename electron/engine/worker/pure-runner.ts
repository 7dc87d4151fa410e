import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { resourcesDir } from '../resources.js';
import { PURE_CALLS, type PureArgs, type PureCallName, type PureResult } from './pure-calls.js';

/** Runs pure CPU-heavy calls (the doctor) off the caller's event loop. */
export interface PureRunner {
  call<N extends PureCallName>(name: N, args: PureArgs<N>): Promise<PureResult<N>>;
  /** Stops the worker; calls not answered yet are rejected. */
  close(): Promise<void>;
  /** True when calls run in a worker thread, false when in-process (running from TypeScript sources). */
  readonly threaded: boolean;
}

/** The most one call may take before its worker is stopped and the call fails (no input may hold a host). */
export const PURE_CALL_LIMIT_MS = 60_000;

/** The compiled worker beside this file (dist/); absent when running from the TypeScript sources. */
export function defaultPureWorkerFile(): string | null {
  const file = fileURLToPath(new URL('./pure-worker.js', import.meta.url));
  return fs.existsSync(file) ? file : null;
}

interface Pending {
  id: number;
  name: PureCallName;
  args: unknown;
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread, started on the first call, serving calls in order (one at a time: the machine may have two
 * cores, and the host's own thread needs one). A call running past `limitMs` stops the worker and fails; a worker
 * that dies fails its call; the next call starts a fresh worker. Without a worker file, calls run in-process.
 */
export function createPureRunner(opts: { workerFile?: string | null; limitMs?: number } = {}): PureRunner {
  const workerFile = opts.workerFile === undefined ? defaultPureWorkerFile() : opts.workerFile;
  const limitMs = opts.limitMs ?? PURE_CALL_LIMIT_MS;
  const inProcess = <N extends PureCallName>(name: N, args: PureArgs<N>): PureResult<N> => (PURE_CALLS[name] as (a: PureArgs<N>) => PureResult<N>)(args);
  if (workerFile === null) {
    return { threaded: false, call: async (name, args) => inProcess(name, args), close: async () => undefined };
  }
  const queue: Pending[] = [];
  let current: Pending | null = null;
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | undefined;
  let nextId = 1;
  let closed = false;
  // A worker that cannot even start (its file unreadable, say inside a packaged archive) is not the input's fault:
  // then calls run in-process, as the CLI runs them, rather than failing every doctor call.
  let ready = false;
  let unusable = false;

  const fail = (error: Error, opts: { timedOut?: boolean } = {}): void => {
    clearTimeout(timer);
    const job = current;
    current = null;
    const dead = worker;
    worker = null;
    void dead?.terminate();
    // Stopped for taking too long: the call's fault, whether or not the worker had finished loading.
    if (!ready && opts.timedOut !== true) unusable = true;
    if (job && unusable) settleInProcess(job);
    else job?.reject(error);
    pump();
  };
  const settleInProcess = (job: Pending): void => {
    try {
      job.resolve(inProcess(job.name, job.args as never) as never);
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const start = (): Worker => {
    // The worker finds resources/ (knowledge, locales) where this thread found it, whatever folder it runs from.
    const w = new Worker(workerFile, { env: { ...process.env, TORCHLIFT_RESOURCES: resourcesDir() } });
    w.on('message', (reply: { ready?: true; id: number; value?: unknown; error?: string }) => {
      if (reply.ready === true) {
        ready = true;
        return;
      }
      if (current === null || reply.id !== current.id) return;
      clearTimeout(timer);
      const job = current;
      current = null;
      if (reply.error !== undefined) job.reject(new Error(reply.error));
      else job.resolve(reply.value as never);
      pump();
    });
    w.on('error', (error) => {
      if (worker === w) fail(error);
    });
    w.on('exit', (code) => {
      if (worker === w) fail(new Error(`the worker stopped (exit code ${code})`));
    });
    w.unref();
    return w;
  };
  const pump = (): void => {
    if (current !== null || closed) return;
    const job = queue.shift();
    if (job === undefined) return;
    if (unusable) {
      settleInProcess(job);
      pump();
      return;
    }
    current = job;
    worker ??= start();
    timer = setTimeout(() => fail(new Error(`${job.name} took longer than ${Math.round(limitMs / 1000)} s and was stopped`), { timedOut: true }), limitMs);
    worker.postMessage({ id: job.id, name: job.name, args: job.args });
  };
  return {
    threaded: true,
    call(name, args) {
      if (closed) return Promise.reject(new Error('the worker is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, name, args, resolve: resolve as (value: never) => void, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the worker is closed'));
      const w = worker;
      worker = null;
      current?.reject(new Error('the worker is closed'));
      current = null;
      clearTimeout(timer);
      await w?.terminate();
    },
  };
}
