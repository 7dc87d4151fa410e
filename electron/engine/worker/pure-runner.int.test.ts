import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { doctorText } from '../doctor/doctor-text.js';
import { bundleDriver } from '../tx/testing/bundle-driver.js';
import { createPureRunner } from './pure-runner.js';

let root = '';
let workerFile = '';
let dropBundle: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-pure-'));
  // The worker as the build ships it: one JS file (here bundled from the TypeScript source).
  const bundled = await bundleDriver(path.join(path.dirname(fileURLToPath(import.meta.url)), 'pure-worker.ts'));
  workerFile = bundled.file;
  dropBundle = bundled.cleanup;
});
afterAll(async () => {
  await dropBundle();
  await fs.rm(root, { recursive: true, force: true });
});

const paste = 'NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation.\n';

test('answers in the worker exactly what the doctor answers in-process', async () => {
  const runner = createPureRunner({ workerFile });
  try {
    expect(await runner.call('doctor', { text: paste, lang: 'zh-CN', env: {} })).toEqual(doctorText(paste, 'zh-CN', {}));
  } finally {
    await runner.close();
  }
});

test('a call past the limit is stopped and fails; the next call gets a fresh worker', async () => {
  const runner = createPureRunner({ workerFile, limitMs: 1 });
  try {
    const huge = 'GPU models and configuration: GPU 0: Quadro RTX 6000\n'.repeat(30_000);
    await expect(runner.call('doctor', { text: `${paste}${huge}`, lang: 'en', env: {} })).rejects.toThrow(/took longer than/);
  } finally {
    await runner.close();
  }
  const patient = createPureRunner({ workerFile });
  try {
    expect((await patient.call('doctor', { text: paste, lang: 'en', env: {} })).findings.length).toBeGreaterThan(0);
  } finally {
    await patient.close();
  }
});

test('a worker that cannot start does not fail the calls: they run in-process', async () => {
  const broken = path.join(root, 'broken-worker.mjs');
  await fs.writeFile(broken, 'throw new Error("cannot load");\n');
  const runner = createPureRunner({ workerFile: broken });
  try {
    expect(await runner.call('doctor', { text: paste, lang: 'ja', env: {} })).toEqual(doctorText(paste, 'ja', {}));
    expect(await runner.call('doctor', { text: paste, lang: 'en', env: {} })).toEqual(doctorText(paste, 'en', {}));
  } finally {
    await runner.close();
  }
});
