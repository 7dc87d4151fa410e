import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyCudaInstall } from '../../electron/engine/goals/cuda-install/apply.js';
import { planCudaInstall } from '../../electron/engine/goals/cuda-install/plan.js';
import { txHandlers } from '../../electron/engine/goals/tx-handlers.js';
import { rollbackTransaction } from '../../electron/engine/tx/rollback-tx.js';
import { createNvidiaLab, treeDigest, type NvidiaLab } from './machine.js';

// Issue 8: cuda-install on simulated machines with a local NVIDIA download tree.

const userTarget = (lab: NvidiaLab): string => path.join(lab.env.LOCALAPPDATA!, 'TorchLift', 'CUDA', 'v12.8');
const systemTarget = (lab: NvidiaLab): string => path.join(lab.scenario.root, 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', 'v12.8');

describe('cuda-install on scenario (a), Windows layout', () => {
  let lab: NvidiaLab;
  beforeAll(async () => {
    lab = await createNvidiaLab();
  }, 120_000);
  afterAll(async () => {
    await lab.close();
  });
  beforeEach(async () => {
    await lab.setDriver('572.61', '12.8');
    await fs.rm(path.join(lab.env.LOCALAPPDATA!, 'TorchLift'), { recursive: true, force: true });
    await fs.rm(systemTarget(lab), { recursive: true, force: true });
    await fs.rm(path.join(lab.scenario.root, '.sim', 'registry'), { recursive: true, force: true });
    lab.server.resetCounters();
  });
  const envWith = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...lab.env, ...extra });

  it('refuses before anything when the driver runs only an older CUDA, and says the driver is the user\'s business', async () => {
    await lab.setDriver('546.33', '12.3');
    const { plan } = await planCudaInstall({ input: { version: '12.8' }, env: envWith(), dataDir: lab.dataDir });
    expect(plan.status).toBe('refused');
    expect(plan.refusals[0]?.code).toBe('driver-too-old');
    expect(plan.refusals[0]?.message).toContain('546.33');
    expect(plan.refusals[0]?.fix).toMatch(/never changes the driver/);
    expect(lab.server.counters().requests).toBe(0);
  });

  it('plans user mode from the redistributable manifest: sha256 per archive, CUDA_PATH for the user, an honest note about torch', async () => {
    const { plan } = await planCudaInstall({ input: { version: '12.8', lang: 'ja' }, env: envWith(), dataDir: lab.dataDir });
    expect(plan.status).toBe('ready');
    expect(plan.mode).toBe('user');
    expect(plan.release).toBe('12.8.1');
    expect(plan.components).toEqual(expect.arrayContaining(['cuda_cudart', 'cuda_nvcc', 'libcublas', 'cuda_nvrtc', 'libnvjitlink', 'cuda_demo_suite']));
    expect(plan.components).not.toContain('nsight_compute');
    expect(plan.downloads.every((d) => /^[0-9a-f]{64}$/.test(d.sha256 ?? ''))).toBe(true);
    expect(plan.env.map((e) => `${e.name}:${e.scope}`)).toEqual(['CUDA_PATH:user', 'CUDA_PATH_V12_8:user']);
    expect(plan.notes.join('\n')).toContain('torch\\lib');
    expect(plan.steps.length).toBeGreaterThanOrEqual(4);
    expect(plan.elevation).toBe(false);
  });

  it('user mode commits (nvcc, version.json, deviceQuery, driver unchanged) and rolls back byte for byte; an interrupted download resumes', async () => {
    const home = path.join(lab.scenario.root, 'home');
    const before = await treeDigest(home);
    lab.server.dropAfter(500, 1, 'cuda_nvcc-windows-x86_64-12.8.1-archive.zip');
    const log: string[] = [];
    const { outcome } = await applyCudaInstall({ version: '12.8' }, { env: envWith(), dataDir: lab.dataDir, log: (l) => log.push(l) });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('committed');
    const target = userTarget(lab);
    expect((await fs.stat(path.join(target, 'bin', 'nvcc.exe'))).isFile()).toBe(true);
    expect(JSON.parse(await fs.readFile(path.join(target, 'version.json'), 'utf8')).cuda.version).toBe('12.8.1');
    // The dropped nvcc archive was resumed with a Range request, not fetched again from the start.
    const c = lab.server.counters();
    const nvccRequests = c.paths.map((p, i) => [p, c.ranges[i]] as const).filter(([p]) => p.endsWith('cuda_nvcc-windows-x86_64-12.8.1-archive.zip'));
    expect(nvccRequests.length, JSON.stringify(nvccRequests)).toBe(2);
    expect(String(nvccRequests[1]?.[1]), JSON.stringify(nvccRequests)).toMatch(/^bytes=\d+-$/);
    const reg = JSON.parse(await fs.readFile(path.join(lab.scenario.root, '.sim', 'registry', 'HKCU-Environment.json'), 'utf8')) as Record<string, string>;
    expect(reg.CUDA_PATH).toBe(target);
    expect(reg.CUDA_PATH_V12_8).toBe(target);
    if (outcome.kind !== 'committed') return;
    const rolled = await rollbackTransaction({ dataDir: lab.dataDir, id: outcome.txId, env: lab.env });
    expect(rolled.kind, JSON.stringify(rolled)).toBe('rolled-back');
    const after = await treeDigest(home);
    expect(after).toEqual(before);
  });

  it('a wrong checksum is refused with nothing installed and nothing kept', async () => {
    const rel = lab.tree.files.find((f) => f.endsWith('libcublas-windows-x86_64-12.8.1-archive.zip'))!;
    const file = path.join(lab.tree.root, ...rel.split('/'));
    const original = await fs.readFile(file);
    const tampered = Buffer.from(original);
    tampered[100] = (tampered[100]! + 1) % 256;
    await fs.writeFile(file, tampered);
    try {
      await fs.rm(path.join(lab.dataDir, 'downloads'), { recursive: true, force: true });
      const { outcome } = await applyCudaInstall({ version: '12.8' }, { env: envWith(), dataDir: lab.dataDir });
      expect(outcome.kind).toBe('refused');
      if (outcome.kind !== 'refused') return;
      expect(outcome.refusals[0]?.code).toBe('download-failed');
      expect(outcome.refusals[0]?.message).toContain('libcublas-windows-x86_64-12.8.1-archive.zip');
      await expect(fs.stat(userTarget(lab))).rejects.toThrow();
      const kept = await treeDigest(path.join(lab.dataDir, 'downloads', 'files'));
      expect(Object.keys(kept).some((k) => k.includes('libcublas'))).toBe(false);
    } finally {
      await fs.writeFile(file, original);
    }
  });

  it('system mode: one installer run with an explicit subpackage list, never Display.Driver; success judged on disk and in the registry', async () => {
    const { plan, outcome } = await applyCudaInstall({ version: '12.8', mode: 'system' }, { env: envWith(), dataDir: lab.dataDir });
    expect(plan.installerArgs).toContain('-s');
    expect(plan.installerArgs).toContain('-n');
    expect(outcome.kind, JSON.stringify(outcome)).toBe('committed');
    const runs = await lab.installerRuns();
    const args = runs.at(-1)!.args;
    expect(args).toEqual(expect.arrayContaining(['-s', 'nvcc_12.8', 'cudart_12.8', 'cublas_12.8', '-n']));
    expect(args.some((a) => a.startsWith('-log:'))).toBe(true);
    expect(args.join(' ')).not.toMatch(/Display\.Driver|visual_studio|nsight/i);
    expect((await fs.stat(path.join(systemTarget(lab), 'bin', 'nvcc.exe'))).isFile()).toBe(true);
  });

  it('an exit code of 0x80070424 with a good install counts as success', async () => {
    const { outcome } = await applyCudaInstall({ version: '12.8', mode: 'system' }, { env: envWith({ FAKE_SETUP_EXIT: '2147943460' }), dataDir: lab.dataDir });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('committed');
  });

  it('exit code 0 but nvcc missing → failure reported', async () => {
    const { outcome } = await applyCudaInstall({ version: '12.8', mode: 'system' }, { env: envWith({ FAKE_SETUP_SKIP_NVCC: '1' }), dataDir: lab.dataDir });
    expect(outcome.kind).toBe('rolled-back');
    if (outcome.kind === 'rolled-back') expect(outcome.reason).toMatch(/nvcc was not found/);
  });

  it('an installer failing halfway is reported with its log tail', async () => {
    const { outcome } = await applyCudaInstall({ version: '12.8', mode: 'system' }, { env: envWith({ FAKE_SETUP_FAIL_HALFWAY: '1' }), dataDir: lab.dataDir });
    expect(outcome.kind).toBe('rolled-back');
  });

  it('the driver-unchanged check fails an installer that "updates" the driver', async () => {
    const { outcome } = await applyCudaInstall({ version: '12.8', mode: 'system' }, { env: envWith({ FAKE_SETUP_UPDATE_DRIVER: '580.88' }), dataDir: lab.dataDir });
    expect(outcome.kind).toBe('rolled-back');
    if (outcome.kind === 'rolled-back') expect(outcome.reason).toMatch(/driver changed from 572\.61 to 580\.88/);
  });

  /** A committed system-mode install, then History's Undo (the API's rollback) with `extra` in the environment. */
  async function installThenUndo(extra: Record<string, string> = {}): Promise<{ undo: Awaited<ReturnType<ReturnType<typeof txHandlers>['rollback']>>; installId: string }> {
    const { outcome } = await applyCudaInstall({ version: '12.8', mode: 'system' }, { env: envWith(), dataDir: lab.dataDir });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('committed');
    const installId = outcome.kind === 'committed' ? outcome.txId : '';
    const entry = (await txHandlers(envWith()).history({})).entries.find((e) => e.id === installId);
    expect(entry?.rollbackAvailable).toBe(true);
    return { undo: await txHandlers(envWith(extra)).rollback({ id: installId }), installId };
  }

  it('undo of a system-mode install runs the toolkit\'s own uninstaller from its Uninstall entry, recorded in History; the driver is untouched', async () => {
    const { undo, installId } = await installThenUndo();
    expect(undo.kind, JSON.stringify(undo)).toBe('rolled-back');
    await expect(fs.access(systemTarget(lab))).rejects.toMatchObject({ code: 'ENOENT' });
    const run = (await lab.installerRuns()).at(-1)!;
    expect(run.kind).toBe('uninstall');
    expect(run.args).toEqual([systemTarget(lab), '-silent']);
    const history = (await txHandlers(envWith()).history({})).entries;
    expect(history[0]).toMatchObject({ goal: 'cuda-uninstall', state: 'committed' });
    expect(history[0]?.intent).toContain(installId);
    expect(history.find((e) => e.id === installId)?.state).toBe('committed');
  });

  it('a failing uninstaller is reported (and recorded), not taken for success', async () => {
    const { undo } = await installThenUndo({ FAKE_UNINSTALL_FAIL: '1' });
    expect(undo.kind).toBe('refused');
    if (undo.kind === 'refused') expect(undo.refusals[0]).toMatchObject({ code: 'uninstall-failed', message: expect.stringMatching(/uninstaller failed \(exit code 1\)/) });
    const history = (await txHandlers(envWith()).history({})).entries;
    expect(history[0]).toMatchObject({ goal: 'cuda-uninstall', state: 'rolled-back' });
  });

  it('an uninstaller that changes the driver fails the undo with the driver-unchanged check', async () => {
    const { undo } = await installThenUndo({ FAKE_SETUP_UPDATE_DRIVER: '580.88' });
    expect(undo.kind).toBe('refused');
    if (undo.kind === 'refused') expect(undo.refusals[0]?.message).toMatch(/driver changed from 572\.61 to 580\.88/);
  });

  it('a user-mode install is never handed to an uninstaller: it rolls back', async () => {
    const { outcome } = await applyCudaInstall({ version: '12.8' }, { env: envWith(), dataDir: lab.dataDir });
    expect(outcome.kind).toBe('committed');
    const runsBefore = (await lab.installerRuns()).length;
    const undo = await txHandlers(envWith()).rollback({ id: outcome.kind === 'committed' ? outcome.txId : '' });
    expect(undo.kind).toBe('rolled-back');
    expect((await lab.installerRuns()).length).toBe(runsBefore);
  });
});

describe('cuda-install on a Linux machine', () => {
  let lab: NvidiaLab;
  beforeAll(async () => {
    lab = await createNvidiaLab({ platform: 'linux', driver: ['570.124.06', '12.8'] });
  }, 120_000);
  afterAll(async () => {
    await lab.close();
  });

  it('system mode runs the runfile with --silent --toolkit --toolkitpath and never --driver', async () => {
    const { plan, outcome } = await applyCudaInstall({ version: '12.8', mode: 'system' }, { env: lab.env, dataDir: lab.dataDir });
    const target = path.join(lab.scenario.root, 'usr', 'local', 'cuda-12.8');
    expect(plan.installerArgs).toEqual(['--silent', '--toolkit', `--toolkitpath=${target}`]);
    expect(outcome.kind, JSON.stringify(outcome)).toBe('committed');
    const args = (await lab.installerRuns()).at(-1)!.args;
    expect(args).not.toContain('--driver');
    expect((await fs.stat(path.join(target, 'bin', 'nvcc'))).isFile()).toBe(true);
    // Undo: the runfile's own <toolkit>/bin/cuda-uninstaller, silent; the driver stays.
    const undo = await txHandlers(lab.env).rollback({ id: outcome.kind === 'committed' ? outcome.txId : '' });
    expect(undo.kind, JSON.stringify(undo)).toBe('rolled-back');
    expect((await lab.installerRuns()).at(-1)).toEqual({ kind: 'uninstall', args: [target, '--silent'] });
    await expect(fs.access(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('user mode unpacks the tar.xz archives, keeps nvcc executable, and carries torchlift-env.sh', async () => {
    const { outcome, plan } = await applyCudaInstall({ version: '12.8', mode: 'user' }, { env: lab.env, dataDir: lab.dataDir });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('committed');
    expect(plan.target).toBe(path.join(lab.env.XDG_DATA_HOME!, 'torchlift', 'cuda-12.8'));
    expect(await fs.readFile(path.join(plan.target, 'torchlift-env.sh'), 'utf8')).toContain('export CUDA_PATH=');
  });
});
