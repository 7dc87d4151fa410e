import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { run } from '../process/run.js';
import { listJournals } from './journal-store.js';
import { isTerminal } from './journal-state.js';
import { recoverAll } from './recover.js';
import { bundleDriver } from './testing/bundle-driver.js';
import { expectedAfter, makeTxFixture, snapshot, type TxFixture } from './testing/tx-fixture.js';
import { runTransaction } from './transaction.js';

// Kills a real child process with SIGKILL at every durable step of apply and rollback (≥ 200 points in all), then
// recovers and checks that torch/lib is byte-identical to before or to after — never a mix, never leftovers.

type Mode = 'apply' | 'apply-fail' | 'rollback';
let driver = '';
let cleanup = async (): Promise<void> => undefined;

beforeAll(async () => {
  const bundled = await bundleDriver(path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'fault-driver.ts'));
  driver = bundled.file;
  cleanup = bundled.cleanup;
});
afterAll(async () => {
  await cleanup();
});

async function runDriver(fx: TxFixture, mode: Mode, backupMode: 'auto' | 'copy', faultStep: number | null): Promise<{ killed: boolean; steps: number }> {
  const payload = JSON.stringify({ mode, dataDir: fx.dataDir, libDir: fx.libDir, files: fx.files, backupMode });
  const env = { ...process.env, TORCHLIFT_FAULT_STEP: faultStep === null ? '' : String(faultStep) };
  const r = await run(process.execPath, [driver, payload], { name: 'fault-driver', env, timeoutMs: 30_000 });
  if (r.signal === 'SIGKILL') return { killed: true, steps: faultStep ?? 0 };
  expect(r.exitCode, r.stderr).toBe(0);
  return { killed: false, steps: (JSON.parse(r.stdout.trim()) as { steps: number }).steps };
}

async function prepare(mode: Mode, backupMode: 'auto' | 'copy', count: number): Promise<{ fx: TxFixture; before: Record<string, string>; after: Record<string, string> }> {
  const fx = await makeTxFixture({ count, withCreate: true, bytes: 2000 });
  const before = await snapshot(fx.libDir);
  const after = await expectedAfter(fx);
  if (mode === 'rollback') {
    const committed = await runTransaction({
      dataDir: fx.dataDir, goal: 'files', intent: 'setup', app: null, targetRoots: [fx.libDir], files: fx.files, backupMode,
      verify: async () => ({ ok: true, log: [] }),
    });
    expect(committed.kind).toBe('committed');
  }
  return { fx, before, after };
}

test('SIGKILL at ≥ 200 points of apply and rollback: after recovery torch/lib is exactly before or after', async () => {
  const configs: { mode: Mode; backupMode: 'auto' | 'copy' }[] = [
    { mode: 'apply', backupMode: 'auto' }, { mode: 'apply-fail', backupMode: 'auto' }, { mode: 'rollback', backupMode: 'auto' },
    { mode: 'apply', backupMode: 'copy' }, { mode: 'apply-fail', backupMode: 'copy' }, { mode: 'rollback', backupMode: 'copy' },
  ];
  let points = 0;
  const seen = { before: 0, after: 0 };
  for (let round = 0; points < 200; round += 1) {
    for (const { mode, backupMode } of configs) {
      const count = 2 + ((round * 3 + configs.length) % 5);
      const calibrate = await prepare(mode, backupMode, count);
      const total = (await runDriver(calibrate.fx, mode, backupMode, null)).steps;
      await calibrate.fx.cleanup();
      expect(total).toBeGreaterThan(3);
      for (let step = 1; step <= total; step += 1) {
        const { fx, before, after } = await prepare(mode, backupMode, count);
        const result = await runDriver(fx, mode, backupMode, step);
        expect(result.killed, `${mode}/${backupMode} step ${step} of ${total}`).toBe(true);
        await recoverAll({ dataDir: fx.dataDir });
        const now = await snapshot(fx.libDir);
        const which = JSON.stringify(now) === JSON.stringify(before) ? 'before' : JSON.stringify(now) === JSON.stringify(after) ? 'after' : 'mixed';
        expect(which, `${mode}/${backupMode} killed at step ${step}: ${JSON.stringify(now)}`).not.toBe('mixed');
        if (mode === 'apply-fail') expect(which).toBe('before');
        seen[which as 'before' | 'after'] += 1;
        expect((await listJournals(fx.dataDir)).every((j) => isTerminal(j.state))).toBe(true);
        await fx.cleanup();
        points += 1;
      }
    }
  }
  expect(points).toBeGreaterThanOrEqual(200);
  expect(seen.before).toBeGreaterThan(0);
  expect(seen.after).toBeGreaterThan(0);
}, 900_000);
