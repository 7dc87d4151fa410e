import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildWheelSet, createUpgradeScenario, startIndexServer, type IndexServer, type UpgradeScenario } from '../../../../e2e/wheels/index.js';
import { removalsSettled } from '../../fs/deferred-removal.js';
import { run } from '../../process/run.js';
import { isTerminal } from '../../tx/journal-state.js';
import { listJournals } from '../../tx/journal-store.js';
import { recoverAll } from '../../tx/recover.js';
import { bundleDriver } from '../../tx/testing/bundle-driver.js';
import { digestTree } from '../../tx/testing/tree-digest.js';
import { planTorchUpgrade, type TorchUpgradePlanned } from './plan.js';

// SIGKILL at ≥ 200 random instants of a real torch upgrade (download, timing, snapshot, pip, launcher, verify, commit)
// and of its rollback; after `recover`, the install (venv and launchers) is exactly as before or exactly as after.

const POINTS = 200;
let server: IndexServer;
let driver = '';
let cleanupDriver = async (): Promise<void> => undefined;
const lanes: Lane[] = [];

interface Lane {
  s: UpgradeScenario;
  planned: TorchUpgradePlanned;
  pristine: string;
  committed: string;
  committedTx: string;
  before: Record<string, string>;
  after: Record<string, string>;
  applyMs: number;
  rollbackMs: number;
}

/** A small deterministic PRNG (mulberry32), so a failing point can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function digest(s: UpgradeScenario): Promise<Record<string, string>> {
  const out = await digestTree(s.venvDir);
  for (const f of ['webui-user.bat', 'webui-user.sh']) out[`launcher:${f}`] = await fs.readFile(path.join(s.installPath, f), 'utf8');
  return out;
}

const dataDir = (s: UpgradeScenario): string => s.env.TORCHLIFT_DATA_DIR ?? '';

async function copyTree(from: string, to: string): Promise<void> {
  await fs.rm(to, { recursive: true, force: true });
  const r = await run('cp', ['-a', from, to], { name: 'cp', timeoutMs: 120_000 });
  if (!r.ok) throw new Error(r.stderr);
}

/** Puts a lane back to its state before (or after) the upgrade; the download cache is kept unless `cold`. */
async function reset(l: Lane, which: 'before' | 'after', cold: boolean): Promise<void> {
  await removalsSettled();
  // The launchers are part of the state; keep copies beside the venv copies.
  await copyTree(which === 'before' ? l.pristine : l.committed, l.s.venvDir);
  for (const f of ['webui-user.bat', 'webui-user.sh']) {
    await fs.copyFile(path.join(`${which === 'before' ? l.pristine : l.committed}-launchers`, f), path.join(l.s.installPath, f));
  }
  const data = dataDir(l.s);
  await fs.rm(path.join(data, 'transactions'), { recursive: true, force: true });
  await fs.rm(path.join(data, 'work'), { recursive: true, force: true });
  if (cold) await fs.rm(path.join(data, 'downloads'), { recursive: true, force: true });
  if (which === 'after') await copyTree(l.committedTx, path.join(data, 'transactions'));
}

async function saveLaunchers(l: UpgradeScenario, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  for (const f of ['webui-user.bat', 'webui-user.sh']) await fs.copyFile(path.join(l.installPath, f), path.join(to, f));
}

/** Runs the driver; kills it after `killMs` (null: lets it finish). Resolves with whether it was killed and how long it ran. */
function runDriver(l: Lane, mode: 'apply' | 'rollback', killMs: number | null): Promise<{ killed: boolean; ms: number; stdout: string }> {
  const payload = JSON.stringify({ mode, dataDir: dataDir(l.s), env: l.s.env, plan: l.planned.plan, internals: l.planned.internals });
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [driver, payload], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    const timer = killMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killMs);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started, stdout });
    });
  });
}

async function makeLane(): Promise<Lane> {
  const s = await createUpgradeScenario({ server, layout: 'linux-venv' });
  const planned = await planTorchUpgrade({ input: { app: s.installPath, torch: '2.1.2+cu121' }, env: s.env, dataDir: dataDir(s) });
  if (planned.internals === null) throw new Error(JSON.stringify(planned.plan.refusals));
  const pristine = path.join(s.root, 'pristine-venv');
  await copyTree(s.venvDir, pristine);
  await saveLaunchers(s, `${pristine}-launchers`);
  const lane: Lane = { s, planned, pristine, committed: path.join(s.root, 'committed-venv'), committedTx: path.join(s.root, 'committed-tx'), before: await digest(s), after: {}, applyMs: 0, rollbackMs: 0 };
  const applied = await runDriver(lane, 'apply', null);
  expect(applied.stdout).toContain('"committed"');
  lane.applyMs = applied.ms;
  lane.after = await digest(s);
  await copyTree(s.venvDir, lane.committed);
  await saveLaunchers(s, `${lane.committed}-launchers`);
  await copyTree(path.join(dataDir(s), 'transactions'), lane.committedTx);
  const rolled = await runDriver(lane, 'rollback', null);
  expect(rolled.stdout).toContain('"rolled-back"');
  lane.rollbackMs = rolled.ms;
  expect(await digest(s)).toEqual(lane.before);
  return lane;
}

beforeAll(async () => {
  server = await startIndexServer(await buildWheelSet());
  const bundled = await bundleDriver(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../tx/testing/upgrade-crash-driver.ts'));
  driver = bundled.file;
  cleanupDriver = bundled.cleanup;
  lanes.push(...(await Promise.all([makeLane(), makeLane()])));
}, 600_000);

afterAll(async () => {
  for (const l of lanes) await l.s.cleanup();
  await server.close();
  await cleanupDriver();
});

test(`SIGKILL at ${POINTS} random instants of apply and rollback: after recover the install is exactly before or after`, async () => {
  const seen = { before: 0, after: 0, finished: 0 };
  const random = prng(20261205);
  const points = Array.from({ length: POINTS }, (_, i) => ({ i, mode: i % 4 === 3 ? 'rollback' as const : 'apply' as const, cold: i % 10 === 0, at: random() }));
  const work = async (lane: Lane, mine: typeof points): Promise<void> => {
    for (const p of mine) {
      await reset(lane, p.mode === 'apply' ? 'before' : 'after', p.cold);
      const span = p.mode === 'apply' ? lane.applyMs : lane.rollbackMs;
      const r = await runDriver(lane, p.mode, Math.floor(p.at * span));
      if (!r.killed) seen.finished += 1;
      await recoverAll({ dataDir: dataDir(lane.s), env: lane.s.env });
      const now = await digest(lane.s);
      const which = JSON.stringify(now) === JSON.stringify(lane.before) ? 'before' : JSON.stringify(now) === JSON.stringify(lane.after) ? 'after' : 'mixed';
      if (which === 'mixed') {
        const diff = Object.keys({ ...now, ...lane.before }).filter((k) => now[k] !== lane.before[k] && now[k] !== lane.after[k]).slice(0, 10);
        expect.fail(`point ${p.i} (${p.mode}, killed at ${Math.floor(p.at * span)} ms): mixed state; differing: ${diff.join(', ')}`);
      }
      seen[which] += 1;
      expect((await listJournals(dataDir(lane.s))).every((j) => isTerminal(j.state)), `point ${p.i}: a journal left open`).toBe(true);
    }
  };
  await Promise.all(lanes.map((lane, k) => work(lane, points.filter((p) => p.i % lanes.length === k))));
  expect(seen.before + seen.after).toBe(POINTS);
  expect(seen.before).toBeGreaterThan(0);
  expect(seen.after).toBeGreaterThan(0);
}, 3_600_000);
