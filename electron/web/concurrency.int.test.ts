import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../shared/api/contract.js';
import { createHandlers } from '../engine/api/handlers.js';
import { bundleDriver } from '../engine/tx/testing/bundle-driver.js';
import { createPureRunner, type PureRunner } from '../engine/worker/pure-runner.js';
import { samplesDir } from '../../e2e/fixtures/samples.js';
import { startWebHost, type WebHost } from './server.js';

// Issue 11: many concurrent API calls through the web host give the answers sequential calls give (the data-folder
// probe was named by pid only: concurrent calls collided and were refused as "data folder is a file"), and a huge
// doctor paste runs in a worker thread, so a concurrent appInfo is answered while it is still being worked on.

const samples = samplesDir();
let root = '';
let web: WebHost;
let pure: PureRunner;
let doctorStarted: () => void = () => undefined;
let dropBundle: () => Promise<void> = async () => undefined;

function post(name: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: web.port, method: 'POST', path: `/api/${name}`, agent: false, headers: { host: `127.0.0.1:${web.port}`, authorization: `Bearer ${web.token}`, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-concurrency-'));
  const bundled = await bundleDriver(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'engine', 'worker', 'pure-worker.ts'));
  dropBundle = bundled.cleanup;
  const workerFile = bundled.file;
  await fs.mkdir(path.join(root, 'renderer'));
  await fs.writeFile(path.join(root, 'renderer', 'index.html'), '<!doctype html>');
  await fs.mkdir(path.join(root, 'app'));
  await fs.mkdir(path.join(root, 'search'));
  const env = {
    ...process.env, TORCHLIFT_DATA_DIR: path.join(root, 'data'), TORCHLIFT_NVIDIA_SMI: 'none', TORCHLIFT_PLATFORM: 'linux',
    TORCHLIFT_SEARCH_ROOTS: path.join(root, 'search'), TORCHLIFT_SYSTEM_ROOT: path.join(root, 'search'),
  };
  pure = createPureRunner({ workerFile });
  const real = createHandlers({ host: 'web', env, pure });
  const handlers: ApiHandlers = {
    ...real,
    doctor: (input) => {
      const answer = real.doctor(input);
      doctorStarted();
      return answer;
    },
  };
  web = await startWebHost({ handlers, rendererDir: path.join(root, 'renderer') });
});
afterAll(async () => {
  await web.close();
  await pure.close();
  await dropBundle();
  await fs.rm(root, { recursive: true, force: true });
});

describe('web host under concurrent calls', () => {
  it('answers appInfo while a huge doctor paste is still being worked on', async () => {
    expect(pure.threaded).toBe(true);
    const unit = 'GPU models and configuration: GPU 0: Quadro RTX 6000\n';
    const text = unit.repeat(Math.floor(1_990_000 / unit.length));
    const started = new Promise<void>((resolve) => {
      doctorStarted = resolve;
    });
    const order: string[] = [];
    const doctors = [0, 1, 2].map(() => post('doctor', { text, lang: 'en' }).then((r) => {
      order.push('doctor');
      return r;
    }));
    await started;
    const info = await post('appInfo', {});
    order.push('appInfo');
    expect(info.json).toMatchObject({ ok: true, value: { host: 'web' } });
    const answers = await Promise.all(doctors);
    for (const a of answers) {
      expect(a.json).toMatchObject({ ok: true, value: { extracted: { gpus: expect.arrayContaining([{ name: 'Quadro RTX 6000', computeCapability: '7.5' }]) } } });
      expect((a.json as { value: { extracted: { gpus: unknown[] } } }).value.extracted.gpus.length).toBeLessThanOrEqual(64);
    }
    // The doctor calls were still running when appInfo was answered: the host's event loop was free.
    expect(order[0]).toBe('appInfo');
  });

  it('many concurrent calls give the same answers as the same calls one after another', async () => {
    const paste = await fs.readFile(path.join(samples, 'D_collect_env', '001.txt'), 'utf8');
    const calls: [string, unknown][] = [];
    for (let i = 0; i < 8; i++) {
      calls.push(['planDllSwap', { app: path.join(root, 'app'), cudaDir: path.join(root, 'missing-toolkit'), lang: 'en' }]);
      calls.push(['recover', { lang: 'en' }]);
      calls.push(['history', { lang: 'en' }]);
      calls.push(['appInfo', {}]);
      calls.push(['doctor', { text: paste, lang: 'ja' }]);
      calls.push(['pruneHistory', { lang: 'en' }]);
    }
    const sequential: unknown[] = [];
    for (const [name, body] of calls) sequential.push((await post(name, body)).json);
    const concurrent = (await Promise.all(calls.map(([name, body]) => post(name, body)))).map((r) => r.json);
    expect(concurrent).toEqual(sequential);
    const refusedAsUnusable = concurrent.filter((a) => JSON.stringify(a).includes('data-dir-unusable'));
    expect(refusedAsUnusable).toEqual([]);
  });

  it('concurrent startApply calls each get their job and the same final answer as one started alone', async () => {
    const input = { goal: 'dll-swap', app: path.join(root, 'app'), cudaDir: path.join(root, 'missing-toolkit'), lang: 'en' };
    const settle = async (answer: { json: unknown }): Promise<{ status: string; message: string; result: unknown }> => {
      const job = (answer.json as { ok: boolean; value: { id: string } }).value;
      for (;;) {
        const now = (await post('getJob', { id: job.id })).json as { value: { status: string; message: string; result: unknown } };
        if (now.value.status !== 'running') return { status: now.value.status, message: now.value.message, result: now.value.result };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const alone = await settle(await post('startApply', input));
    const together = await Promise.all(Array.from({ length: 6 }, () => post('startApply', input)));
    for (const answer of together) expect(answer.json).toMatchObject({ ok: true, value: { goal: 'dll-swap' } });
    const finals = await Promise.all(together.map(settle));
    expect(finals).toEqual(finals.map(() => alone));
  });
});
