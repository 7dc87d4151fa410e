import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SimMachine } from '../../../../e2e/scenarios/machine.js';
import { buildWheelSet, createUpgradeScenario, findWheel, rtx4070Machine, startIndexServer, type IndexServer, type UpgradeScenario, type WheelSet } from '../../../../e2e/wheels/index.js';
import { digestTree } from '../../tx/testing/tree-digest.js';
import { listJournals } from '../../tx/journal-store.js';
import { rollbackTransaction } from '../../tx/rollback-tx.js';
import { main } from '../../../cli/main.js';
import { applyTorchUpgrade } from './apply.js';
import { planTorchUpgrade } from './plan.js';
import { workloadChange } from './verify.js';
import type { Msg } from '../../../../shared/i18n/message.js';
import { say, t } from '../../i18n/translate.js';
import type { VerifyReport } from '../../../../shared/schemas/tx.js';

// The torch upgrade with real pip, in real venvs, from a local PEP 503 index on 127.0.0.1 serving wheels built
// from the simulated torch family (e2e/wheels). Every case checks site-packages file by file.

let set: WheelSet;
let server: IndexServer;
const scenarios: UpgradeScenario[] = [];

beforeAll(async () => {
  set = await buildWheelSet();
  server = await startIndexServer(set);
});
afterAll(async () => {
  for (const s of scenarios) await s.cleanup();
  await server.close();
});

async function scenario(layout: 'linux-venv' | 'windows-venv' = 'linux-venv', torchCommand?: string, machine?: SimMachine): Promise<UpgradeScenario> {
  server.knobs.reset();
  server.stats.reset();
  const s = await createUpgradeScenario({ server, layout, ...(torchCommand ? { torchCommand } : {}), ...(machine ? { machine } : {}) });
  scenarios.push(s);
  return s;
}

const digest = digestTree;

/** The install: the venv and the launcher files. */
async function installState(s: UpgradeScenario): Promise<Record<string, string>> {
  const venv = await digest(s.venvDir);
  const launchers: Record<string, string> = {};
  for (const f of ['webui-user.bat', 'webui-user.sh']) launchers[f] = await fs.readFile(path.join(s.installPath, f), 'utf8');
  return { ...venv, ...Object.fromEntries(Object.entries(launchers).map(([k, v]) => [`launcher:${k}`, v])) };
}

const input = (s: UpgradeScenario, extra: Record<string, unknown> = {}) => ({ app: s.installPath, torch: '2.1.2+cu121', ...extra });

describe('plan torch-upgrade', () => {
  test('lists every package old → new with URL, sha256 and the server\'s size, the launcher lines, and changes nothing', async () => {
    const s = await scenario();
    const before = await installState(s);
    const { plan } = await planTorchUpgrade({ input: input(s), env: s.env, dataDir: s.env.TORCHLIFT_DATA_DIR ?? '' });
    expect(plan.refusals).toEqual([]);
    expect(plan.status).toBe('ready');
    expect(plan.current).toMatchObject({ torch: '2.0.1+cu118', torchvision: '0.15.2+cu118', xformers: '0.0.20' });
    expect(plan.target).toMatchObject({ torch: '2.1.2+cu121', torchvision: '0.16.2+cu121', xformers: '0.0.23.post1', variant: 'cu121' });
    const torch = plan.packages.find((p) => p.name === 'torch');
    const wheel = findWheel(set, { project: 'torch', version: '2.1.2+cu121', os: 'linux' });
    expect(torch).toMatchObject({ action: 'replace', from: '2.0.1+cu118', to: '2.1.2+cu121', sha256: wheel.sha256, bytes: wheel.size, family: true });
    expect(torch?.url).toContain(encodeURIComponent(wheel.filename).replace(/%2B/g, '%2B'));
    expect(plan.packages.map((p) => p.name).sort()).toEqual(['torch', 'torchvision', 'xformers']);
    // pip < 25.3 reads metadata from whole wheels even in a dry run: through the gate they land in TorchLift's cache.
    expect(torch?.cached).toBe(true);
    expect(plan.downloadBytes).toBe(0);
    // Every step and note travels with its message (issue 10 item 6): the English plan reads in Japanese without re-planning.
    expect(plan.stepMsgs?.length).toBe(plan.steps.length);
    expect(plan.stepMsgs?.every((m) => m !== null)).toBe(true);
    expect(plan.stepMsgs?.map((m) => say('en', m as Msg))).toEqual(plan.steps);
    expect(plan.stepMsgs?.map((m) => say('ja', m as Msg)).at(-1)).toBe(t('ja', 'torch-upgrade:step.commit'));
    expect(plan.noteMsgs?.length).toBe(plan.notes.length);
    expect(say('zh-CN', plan.source.labelMsg as Msg)).not.toBe(plan.source.label);
    expect(plan.launcher.map((c) => [path.basename(c.file), c.variable])).toEqual(expect.arrayContaining([
      ['webui-user.bat', 'TORCH_COMMAND'], ['webui-user.bat', 'XFORMERS_PACKAGE'], ['webui-user.sh', 'TORCH_COMMAND'],
    ]));
    expect(plan.launcher.find((c) => c.variable === 'TORCH_COMMAND')?.after).toContain('torch==2.1.2+cu121 torchvision==0.16.2+cu121');
    expect(await installState(s)).toEqual(before);
  });

  test('refusals before anything is touched: packages outside the torch family (listed), a driver too old, a missing arch, no wheel for this Python', async () => {
    // A machine whose driver (560.94, CUDA 12.6) runs cu124: torch 2.4.1 needs fakedep >= 2.0, outside the torch family.
    const newer = await scenario('linux-venv', undefined, { ...rtx4070Machine('linux'), driver: { version: '560.94', maxCuda: '12.6', state: 'ok' } });
    const other = (await planTorchUpgrade({ input: input(newer, { torch: '2.4.1+cu124' }), env: newer.env, dataDir: newer.env.TORCHLIFT_DATA_DIR ?? '' })).plan;
    expect(other.refusals.map((r) => r.code)).toEqual(['outside-family']);
    expect(other.refusals[0]?.message).toMatch(/fakedep 1\.0 → 2\.0/);
    expect(other.packages.find((p) => p.name === 'fakedep')).toMatchObject({ action: 'replace', family: false });
    const accepted = (await planTorchUpgrade({ input: input(newer, { torch: '2.4.1+cu124', allowOtherPackages: true }), env: newer.env, dataDir: newer.env.TORCHLIFT_DATA_DIR ?? '' })).plan;
    expect(accepted.status).toBe('ready');
    const s = await scenario();
    const before = await installState(s);
    const dataDir = s.env.TORCHLIFT_DATA_DIR ?? '';
    // torch 2.9.0+cu130 needs a 580-series driver (CUDA 13: no minor-version compatibility from a 12.x driver);
    // this machine has 545/546. TorchLift names the driver and stops.
    const driver = (await planTorchUpgrade({ input: input(s, { torch: '2.9.0+cu130' }), env: s.env, dataDir })).plan;
    expect(driver.refusals[0]?.code).toBe('driver-too-old');
    expect(driver.refusals[0]?.message).toMatch(/needs NVIDIA driver \d+\.\d+(\.\d+)? or newer; this machine has 54\d\.\d+(\.\d+)?\./);
    expect(driver.refusals[0]?.fix).toMatch(/never installs or changes drivers/);
    // torch 2.3.1+cu121 exists on the index only for Python 3.9.
    const py = (await planTorchUpgrade({ input: input(s, { torch: '2.3.1+cu121' }), env: s.env, dataDir })).plan;
    expect(py.refusals[0]?.code).toMatch(/no-wheel-for-python|no-matching-wheel/);
    const ja = (await planTorchUpgrade({ input: input(s, { torch: '2.9.0+cu130', lang: 'ja' }), env: s.env, dataDir })).plan;
    expect(ja.refusals[0]?.message).toMatch(/ドライバー 5\d\d\.\d+(\.\d+)? 以降が必要/);
    expect(await installState(s)).toEqual(before);
  });

  test('an index that offers only a CPU torch is refused, and so is a web UI running from the install', async () => {
    const s = await scenario();
    const dataDir = s.env.TORCHLIFT_DATA_DIR ?? '';
    server.knobs.cpuOnly('cu121');
    const cpu = (await planTorchUpgrade({ input: input(s), env: s.env, dataDir })).plan;
    expect(cpu.status).toBe('refused');
    expect(cpu.refusals[0]?.code).toMatch(/cpu-only|no-matching-wheel/);
    server.knobs.reset();
    const webui = spawn(s.python, ['-c', 'import time; time.sleep(60)'], { env: s.env, stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const running = (await planTorchUpgrade({ input: input(s), env: s.env, dataDir })).plan;
      expect(running.refusals.map((r) => r.code)).toContain('webui-running');
      expect(running.refusals.find((r) => r.code === 'webui-running')?.message).toContain(String(webui.pid));
    } finally {
      webui.kill('SIGKILL');
    }
  });
});

describe('apply torch-upgrade', () => {
  for (const layout of ['linux-venv', 'windows-venv'] as const) {
    test(`commits with the launcher rewritten, verifies in the install's Python, and a manual rollback restores every byte (${layout})`, async () => {
      const s = await scenario(layout, 'pip install torch==2.0.1 torchvision==0.15.2 --extra-index-url https://download.pytorch.org/whl/cu118');
      const before = await installState(s);
      const verifyReports: unknown[] = [];
      const { outcome } = await applyTorchUpgrade(input(s), { env: s.env, dataDir: s.env.TORCHLIFT_DATA_DIR ?? '', report: { setVerify: (v) => verifyReports.push(v) } });
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: 'committed' });
      expect(await s.installed()).toMatchObject({ torch: '2.1.2+cu121', torchvision: '0.16.2+cu121', xformers: '0.0.23.post1' });
      const bat = await fs.readFile(path.join(s.installPath, 'webui-user.bat'), 'utf8');
      expect(bat).toMatch(/^set TORCH_COMMAND=pip install torch==2\.1\.2\+cu121 torchvision==0\.16\.2\+cu121 .*cu121/m);
      expect(bat).toMatch(/^set XFORMERS_PACKAGE=xformers==0\.0\.23\.post1/m);
      const report = verifyReports.at(-1) as VerifyReport;
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['torch version', 'CUDA available', 'cuDNN convolution', 'torchvision.ops.nms', 'xformers attention']));
      expect(report.beforeMs).not.toBeNull();
      expect(report.afterMs).not.toBeNull();
      // The engine's verdict on the timing travels with the numbers (the UI words it, never re-judges it).
      expect(report.change).toEqual(workloadChange(report.beforeMs, report.afterMs));
      expect(report.change?.kind).not.toBe('not-measured');
      const rolled = await rollbackTransaction({ dataDir: s.env.TORCHLIFT_DATA_DIR ?? '', id: 'last' });
      expect(rolled).toMatchObject({ kind: 'rolled-back' });
      expect(await installState(s)).toEqual(before);
      expect(await s.installed()).toMatchObject({ torch: '2.0.1+cu118', xformers: '0.0.20' });
    });
  }

  test('a verification failure (CUDA unusable after the upgrade) rolls back automatically: every file as before', async () => {
    const s = await scenario();
    const before = await installState(s);
    // The driver nvidia-smi reports stays 546.33 (the plan passes), but CUDA refuses the new build: verify must catch it.
    const machine = JSON.parse(await fs.readFile(s.machineFile, 'utf8')) as { driver: { maxCuda: string } };
    machine.driver.maxCuda = '11.8';
    await fs.writeFile(s.machineFile, JSON.stringify(machine));
    const { outcome } = await applyTorchUpgrade(input(s), { env: s.env, dataDir: s.env.TORCHLIFT_DATA_DIR ?? '' });
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: expect.stringMatching(/verification failed: CUDA available/) });
    expect(await installState(s)).toEqual(before);
    const [journal] = await listJournals(s.env.TORCHLIFT_DATA_DIR ?? '');
    expect(journal?.state).toBe('rolled-back');
  });

  test('a dropped connection resumes without re-fetching finished bytes; a second run uses the cache', async () => {
    const s = await scenario();
    const wheel = findWheel(set, { project: 'torch', version: '2.1.2+cu121', os: 'linux' });
    server.knobs.dropAfter(wheel.filename, Math.floor(wheel.size / 2));
    const dataDir = s.env.TORCHLIFT_DATA_DIR ?? '';
    const { outcome } = await applyTorchUpgrade(input(s), { env: s.env, dataDir });
    expect(outcome.kind).toBe('committed');
    expect(server.stats.bytesServed(wheel.filename)).toBeLessThanOrEqual(Math.ceil(wheel.size * 1.01));
    expect(server.stats.requestCount(wheel.filename, 'GET')).toBe(2);
    expect(await rollbackTransaction({ dataDir, id: 'last' })).toMatchObject({ kind: 'rolled-back' });
    server.stats.reset();
    const again = await planTorchUpgrade({ input: input(s), env: s.env, dataDir });
    expect(again.plan.packages.find((p) => p.name === 'torch')?.cached).toBe(true);
    expect((await applyTorchUpgrade(input(s), { env: s.env, dataDir })).outcome.kind).toBe('committed');
    expect(server.stats.requestCount(wheel.filename, 'GET')).toBe(0);
  });

  test('a wrong sha256 on the index is refused with nothing installed', async () => {
    const s = await scenario();
    const before = await installState(s);
    const wheel = findWheel(set, { project: 'torch', version: '2.1.2+cu121', os: 'linux' });
    server.knobs.wrongHash(wheel.filename);
    const { outcome } = await applyTorchUpgrade(input(s), { env: s.env, dataDir: s.env.TORCHLIFT_DATA_DIR ?? '' });
    expect(outcome).toMatchObject({ kind: 'refused', refusals: [{ code: 'checksum-mismatch' }] });
    expect(await installState(s)).toEqual(before);
    expect(await listJournals(s.env.TORCHLIFT_DATA_DIR ?? '')).toEqual([]);
  });

  test('offline: a local wheel folder, no index asked', async () => {
    const s = await scenario();
    const folder = path.join(s.root, 'wheels オフライン');
    await fs.mkdir(folder);
    for (const w of set.wheels.filter((x) => x.os !== 'windows' && (x.python === 'cp311' || x.python === 'py3'))) await fs.copyFile(w.path, path.join(folder, w.filename));
    server.stats.reset();
    const { plan, outcome } = await applyTorchUpgrade(input(s, { findLinks: folder }), { env: { ...s.env, TORCHLIFT_TORCH_INDEX: 'http://127.0.0.1:9/none', TORCHLIFT_PIP_INDEX: 'http://127.0.0.1:9/none' }, dataDir: s.env.TORCHLIFT_DATA_DIR ?? '' });
    expect(plan.source.kind).toBe('local');
    expect(outcome.kind).toBe('committed');
    expect(server.stats.requests).toEqual([]);
    expect(await s.installed()).toMatchObject({ torch: '2.1.2+cu121' });
  });
});

describe('torchlift plan|apply torch-upgrade (the CLI)', () => {
  async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { out: (x) => void (stdout += x), err: (x) => void (stderr += x), env });
    return { code, stdout, stderr };
  }

  test('plan prints every package and the launcher lines; apply --yes commits (exit 0); rollback --last restores (exit 0); a refused plan exits 2', async () => {
    const s = await scenario();
    const before = await installState(s);
    const plan = await cli(['plan', 'torch-upgrade', '--app', s.installPath, '--torch', '2.1.2+cu121'], s.env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/~ torch {2}2\.0\.1\+cu118 → 2\.1\.2\+cu121/);
    expect(plan.stdout).toMatch(/~ xformers {2}0\.0\.20 → 0\.0\.23\.post1/);
    expect(plan.stdout).toContain('TORCH_COMMAND');
    const ja = await cli(['plan', 'torch-upgrade', '--app', s.installPath, '--torch', '2.9.0+cu130', '--lang', 'ja'], s.env);
    expect(ja.code).toBe(2);
    expect(ja.stdout).toMatch(/ドライバー/);
    const apply = await cli(['apply', 'torch-upgrade', '--app', s.installPath, '--torch', '2.1.2+cu121', '--yes', '--json'], s.env);
    expect(apply.code, apply.stderr).toBe(0);
    expect(JSON.parse(apply.stdout)).toMatchObject({ goal: 'torch-upgrade', status: 'committed', verify: { checks: expect.any(Array) } });
    const back = await cli(['rollback', '--last'], s.env);
    expect(back.code, back.stderr).toBe(0);
    expect(await installState(s)).toEqual(before);
    const mirror = await cli(['plan', 'torch-upgrade', '--app', s.installPath, '--source', 'mirror', 'nowhere'], s.env);
    expect(mirror.code).toBe(2);
    expect(mirror.stdout).toMatch(/not a known mirror/);
  });
});
