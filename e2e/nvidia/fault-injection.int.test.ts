import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeTarXz, writeZip } from '../../electron/engine/archive/testing/write-archives.js';
import { run } from '../../electron/engine/process/run.js';
import { bundleDriver } from '../../electron/engine/tx/testing/bundle-driver.js';
import { isTerminal } from '../../electron/engine/tx/journal-state.js';
import { listJournals } from '../../electron/engine/tx/journal-store.js';
import { recoverAll } from '../../electron/engine/tx/recover.js';
import { treeDigest } from './machine.js';

// Issue 8: SIGKILL a real child process at every durable step of a user-mode toolkit install (from a tar.xz) and of a
// cuDNN overlay (from a zip) — entries extracted straight into the staging names beside their targets, a few files
// copied — (≥ 200 points in all), recover, and check the toolkit folder is exactly as before or exactly as after.

type Mode = 'cuda-user' | 'cudnn';
let driver = '';
let cleanup: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  ({ file: driver, cleanup } = await bundleDriver(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fault-driver.ts')));
});
afterAll(async () => {
  await cleanup();
});

interface Fixture { root: string; dataDir: string; stagingDir: string; copyDir: string; archive: string; target: string }

async function write(base: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(base, rel)), { recursive: true });
    await fs.writeFile(path.join(base, rel), content);
  }
}

async function fixture(mode: Mode, variant: number): Promise<Fixture> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `tl-nv-fx-${mode}-`));
  const fx = {
    root, dataDir: path.join(root, 'data'), stagingDir: path.join(root, 'staging'), copyDir: path.join(root, 'copied'),
    archive: path.join(root, mode === 'cuda-user' ? 'components.tar.xz' : 'cudnn.zip'), target: path.join(root, 'AppData', 'Local', 'TorchLift', 'CUDA', 'v12.8'),
  };
  const n = 3 + (variant % 3);
  if (mode === 'cuda-user') {
    const staged: Record<string, string> = { 'bin/nvcc.exe': 'nvcc', 'version.json': '{"cuda":{"version":"12.8.1"}}', 'include/cuda_runtime.h': 'h'.repeat(3000) };
    for (let i = 0; i < n; i += 1) staged[`bin/lib${i}64_12.dll`] = `FAKE-LIB ${i} `.repeat(200);
    await write(fx.stagingDir, staged);
    await packUp(fx, staged, ['version.json']);
  } else {
    await write(fx.target, { 'bin/nvcc.exe': 'nvcc', 'bin/cudnn64_8.dll': 'FAKE-LIB cudnn 8.9.7', 'include/cudnn_version.h': '#define CUDNN_MAJOR 8', 'lib/x64/cudnn.lib': 'old lib' });
    const staged: Record<string, string> = { 'include/cudnn_version.h': '#define CUDNN_MAJOR 9', 'lib/x64/cudnn.lib': 'new lib'.repeat(100), 'include/cudnn.h': 'new header' };
    for (let i = 0; i < n; i += 1) staged[`bin/cudnn_part${i}64_9.dll`] = `FAKE-LIB cudnn 9.1.0 ${i}`.repeat(150);
    await write(fx.stagingDir, staged);
    await packUp(fx, staged, ['include/cudnn.h']);
  }
  return fx;
}

/** The archive (every file but `copied`, under one top folder as NVIDIA's are) and the folder the rest is copied from. */
async function packUp(fx: Fixture, files: Record<string, string>, copied: string[]): Promise<void> {
  const packed = Object.entries(files).filter(([rel]) => !copied.includes(rel)).map(([rel, data]) => ({ name: `top/${rel}`, data }));
  if (fx.archive.endsWith('.zip')) await writeZip(fx.archive, packed);
  else await writeTarXz(fx.archive, packed);
  await write(fx.copyDir, Object.fromEntries(copied.map((rel) => [rel, files[rel] ?? ''])));
}

async function expectedAfter(fx: Fixture): Promise<Record<string, string>> {
  const copy = path.join(fx.root, 'expected');
  await fs.cp(fx.target, copy, { recursive: true }).catch(() => undefined);
  await fs.cp(fx.stagingDir, copy, { recursive: true });
  const digest = await treeDigest(copy);
  await fs.rm(copy, { recursive: true, force: true });
  return digest;
}

async function runDriver(fx: Fixture, mode: Mode, step: number | null): Promise<{ killed: boolean; steps: number }> {
  const payload = JSON.stringify({ dataDir: fx.dataDir, copyDir: fx.copyDir, archive: fx.archive, target: fx.target, goal: mode === 'cuda-user' ? 'cuda-install' : 'cudnn-overlay' });
  const r = await run(process.execPath, [driver, payload], { name: 'nv-fault-driver', env: { ...process.env, TORCHLIFT_FAULT_STEP: step === null ? '' : String(step) }, timeoutMs: 30_000 });
  if (r.signal === 'SIGKILL') return { killed: true, steps: step ?? 0 };
  expect(r.exitCode, r.stderr).toBe(0);
  return { killed: false, steps: (JSON.parse(r.stdout.trim()) as { steps: number }).steps };
}

test('SIGKILL at ≥ 200 points of a user-mode install and a cuDNN overlay: after recover the toolkit folder is exactly before or after', async () => {
  let points = 0;
  const seen = { before: 0, after: 0 };
  for (let round = 0; points < 200; round += 1) {
    for (const mode of ['cuda-user', 'cudnn'] as const) {
      const calibrate = await fixture(mode, round);
      const total = (await runDriver(calibrate, mode, null)).steps;
      await fs.rm(calibrate.root, { recursive: true, force: true });
      expect(total).toBeGreaterThan(5);
      for (let step = 1; step <= total; step += 1) {
        const fx = await fixture(mode, round);
        const before = await treeDigest(fx.target);
        const after = await expectedAfter(fx);
        const result = await runDriver(fx, mode, step);
        expect(result.killed, `${mode} step ${step} of ${total}`).toBe(true);
        // The toolkit places are derived from the environment (journal binding): the fixture's per-user folder.
        await recoverAll({ dataDir: fx.dataDir, env: { ...process.env, TORCHLIFT_PLATFORM: 'windows', LOCALAPPDATA: path.join(fx.root, 'AppData', 'Local') } });
        const now = await treeDigest(fx.target);
        const which = JSON.stringify(now) === JSON.stringify(before) ? 'before' : JSON.stringify(now) === JSON.stringify(after) ? 'after' : 'mixed';
        expect(which, `${mode} killed at step ${step}: ${JSON.stringify(now)}`).not.toBe('mixed');
        seen[which as 'before' | 'after'] += 1;
        expect((await listJournals(fx.dataDir)).every((j) => isTerminal(j.state))).toBe(true);
        await fs.rm(fx.root, { recursive: true, force: true });
        points += 1;
      }
    }
  }
  expect(points).toBeGreaterThanOrEqual(200);
  expect(seen.before).toBeGreaterThan(0);
  expect(seen.after).toBeGreaterThan(0);
}, 900_000);
