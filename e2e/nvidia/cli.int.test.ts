import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CudaInstallPlan, CudaPathPlan, CudnnOverlayPlan } from '../../shared/schemas/cuda.js';
import { formatBytes } from '../../shared/format/bytes.js';
import { main } from '../../electron/cli/main.js';
import { makeFakeVenv } from '../scenarios/index.js';
import { DEFAULT_RELEASES } from './tree.js';
import { createNvidiaLab, type NvidiaLab } from './machine.js';

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}

/** A shown `torchlift …` step command (cmd.exe quoting: the scenario is Windows) back into its arguments. */
function argvOf(display: string): string[] {
  return [...display.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('torchlift plan|apply for the CUDA goals on scenario (a) (RTX 4070, driver 546.33)', () => {
  let lab: NvidiaLab;
  beforeAll(async () => {
    lab = await createNvidiaLab({ driver: ['546.33', '12.3'] });
  }, 120_000);
  afterAll(async () => {
    await lab.close();
  });

  it('plan cuda-path: the cu118 torch cannot take CUDA 12 DLLs — said at the start, torch upgrade offered', async () => {
    const r = await cli(['plan', 'cuda-path', '--app', lab.scenario.apps[0]!, '--json'], lab.env);
    expect(r.code, r.stderr).toBe(0);
    const plan = CudaPathPlan.parse(JSON.parse(r.stdout));
    expect(plan.route).toBe('torch-upgrade');
    expect(plan.blocker).toMatch(/11\.8/);
    expect(plan.steps.map((s) => s.id)).toEqual(['driver', 'torch-upgrade']);
    const ja = await cli(['plan', 'cuda-path', '--app', lab.scenario.apps[0]!, '--lang', 'ja'], lab.env);
    expect(ja.stdout).toContain('torch');
    expect(ja.stdout).not.toContain('{{');
  });

  it('plan cuda-path for a cu121 torch: driver, toolkit, cuDNN overlay, DLL swap, verify — no refusal', async () => {
    const app = path.join(lab.scenario.root, 'SD cu121 [テスト]');
    await fs.mkdir(app, { recursive: true });
    await fs.writeFile(path.join(app, 'webui.py'), '# A1111 stand-in\n');
    await makeFakeVenv({ dir: path.join(app, 'venv'), layout: 'windows-venv', machineFile: lab.scenario.machineFile, packages: { torch: '2.1.2+cu121' } });
    const r = await cli(['plan', 'cuda-path', '--app', app, '--json'], lab.env);
    expect(r.code, r.stderr).toBe(0);
    const plan = CudaPathPlan.parse(JSON.parse(r.stdout));
    expect(plan.blocker).toBeNull();
    expect(plan.route).toBe('dll-swap');
    expect(plan.targetCuda).toBe('12.3');
    expect(plan.steps.map((s) => s.id)).toEqual(['driver', 'toolkit', 'cudnn', 'dll-swap', 'verify']);
    expect(plan.steps.find((s) => s.id === 'toolkit')?.command).toContain('cuda-install --version 12.3');
    // Issue 8 "done when": the three steps (toolkit, cuDNN overlay, DLL swap) are to do and nothing is blocked or refused.
    expect(plan.steps.filter((s) => s.state === 'todo').map((s) => s.id)).toEqual(['toolkit', 'cudnn', 'dll-swap', 'verify']);
    expect(plan.steps.find((s) => s.id === 'driver')?.state).toBe('done');
    // torch 2.1.2 carries cuDNN 8: the overlay brings cuDNN 8.9 (a cuDNN 9 overlay could never be swapped into it).
    expect(plan.cudnn).toBe('8.9.7');
    expect(plan.steps.find((s) => s.id === 'cudnn')?.command).toContain('--version 8.9.7');
    expect(plan.steps.find((s) => s.id === 'dll-swap')?.command).toContain(path.join('TorchLift', 'CUDA', 'v12.3'));
    // Every step's text also travels as a message the UI renders in its own language.
    expect(plan.steps.every((s) => s.titleMsg?.key.startsWith('cuda:path.') && s.detailMsg?.key.startsWith('cuda:path.'))).toBe(true);
    const text = await cli(['plan', 'cuda-path', '--app', app], lab.env);
    expect(text.code, text.stderr).toBe(0);
    for (const title of ['Install the CUDA 12.3 toolkit without the driver', 'Overlay cuDNN 8.9.7 onto the toolkit', 'Swap the DLLs into torch\\lib']) expect(text.stdout).toContain(title);

    // CUDA 12.1 is already installed with cuDNN 8.9.7 in it (scenario (a)): both steps are skipped, with the evidence.
    const done = CudaPathPlan.parse(JSON.parse((await cli(['plan', 'cuda-path', '--app', app, '--version', '12.1', '--json'], lab.env)).stdout));
    expect(done.steps.map((s) => [s.id, s.state])).toEqual([['driver', 'done'], ['toolkit', 'skipped'], ['cudnn', 'skipped'], ['dll-swap', 'todo'], ['verify', 'todo']]);
    expect(done.steps.find((s) => s.id === 'toolkit')?.detail).toMatch(/Already installed at .*v12\.1/);
    expect(done.steps.find((s) => s.id === 'cudnn')?.detail).toContain('cuDNN 8.9.7');
  });

  it('plan cudnn-overlay --version before the download: the size NVIDIA\'s manifest gives, the files listed after the download (en/ja/zh-CN)', async () => {
    const toolkit = lab.env.CUDA_PATH!;
    const r = await cli(['plan', 'cudnn-overlay', '--toolkit', toolkit, '--version', '8.9.7', '--json'], lab.env);
    expect(r.code, r.stderr).toBe(0);
    const plan = CudnnOverlayPlan.parse(JSON.parse(r.stdout));
    const archive = lab.tree.files.find((f) => f.endsWith('cudnn-windows-x86_64-8.9.7.29_cuda12-archive.zip'))!;
    const size = formatBytes((await fs.stat(path.join(lab.tree.root, ...archive.split('/')))).size);
    expect(plan.download?.cached).toBe(false);
    expect(plan.stepMsgs?.map((m) => m?.key)).toEqual(['cuda:step.downloadCudnn', 'cuda:step.extract', 'cuda:step.overlayAfterDownload', 'cuda:step.verifyCudnn']);
    expect(plan.steps[0]).toContain(`(${size}, as NVIDIA's manifest lists it)`);
    expect(plan.steps[2]).toContain('the files are listed once the archive is downloaded');
    for (const lang of ['en', 'ja', 'zh-CN']) {
      const text = await cli(['plan', 'cudnn-overlay', '--toolkit', toolkit, '--version', '8.9.7', '--lang', lang], lab.env);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain(size);
      expect(text.stdout).not.toMatch(/\b0 MB|\? (file|個|个)|\{\{/);
    }
  });

  it('plan cuda-install refuses when the driver is too old (exit 2), and a bad --mode is a usage error', async () => {
    const r = await cli(['plan', 'cuda-install', '--version', '12.8', '--json'], lab.env);
    expect(r.code).toBe(2);
    const plan = CudaInstallPlan.parse(JSON.parse(r.stdout));
    expect(plan.refusals[0]?.code).toBe('driver-too-old');
    const bad = await cli(['plan', 'cuda-install', '--version', '12.1', '--mode', 'admin'], lab.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/system or user/);
  });

  it('apply cuda-install --mode user --yes commits (exit 0); apply cudnn-overlay with a wrong-major archive is refused (exit 2)', async () => {
    const ok = await cli(['apply', 'cuda-install', '--version', '12.1', '--mode', 'user', '--yes', '--json'], lab.env);
    expect(ok.code, ok.stderr).toBe(0);
    const job = JSON.parse(ok.stdout) as { status: string; downloads: { state: string; doneBytes: number; bytes: number | null }[] };
    expect(job.status).toBe('committed');
    expect(job.downloads.length).toBeGreaterThanOrEqual(5);
    expect(job.downloads.every((d) => (d.state === 'done' || d.state === 'cached') && d.doneBytes === d.bytes)).toBe(true);
    const rel = lab.tree.files.find((f) => f.endsWith('cudnn-windows-x86_64-9.1.0.70_cuda11-archive.zip'))!;
    const toolkit = path.join(lab.env.LOCALAPPDATA!, 'TorchLift', 'CUDA', 'v12.1');
    const refused = await cli(['apply', 'cudnn-overlay', '--toolkit', toolkit, '--archive', path.join(lab.tree.root, ...rel.split('/')), '--yes'], lab.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/CUDA 11/);
  });
});

describe('the guided CUDA 12 path end to end through the CLI (scenario (a), CUDA 12.3 from the simulated NVIDIA tree)', () => {
  let lab: NvidiaLab;
  beforeAll(async () => {
    lab = await createNvidiaLab({ driver: ['546.33', '12.3'], releases: [...DEFAULT_RELEASES, { release: '12.3.2', driver: '546.12' }] });
  }, 120_000);
  afterAll(async () => {
    await lab.close();
  });

  it('plan → apply each step by its own shown command → plan again: toolkit, cuDNN and DLL swap all done, verify still offered', async () => {
    const app = path.join(lab.scenario.root, 'SD cu121 [テスト] & co');
    await fs.mkdir(app, { recursive: true });
    await fs.writeFile(path.join(app, 'webui.py'), '# A1111 stand-in\n');
    await makeFakeVenv({ dir: path.join(app, 'venv'), layout: 'windows-venv', machineFile: lab.scenario.machineFile, packages: { torch: '2.1.2+cu121' } });
    const planPath = async (): Promise<CudaPathPlan> => {
      const r = await cli(['plan', 'cuda-path', '--app', app, '--json'], lab.env);
      expect(r.code, r.stderr).toBe(0);
      return CudaPathPlan.parse(JSON.parse(r.stdout));
    };
    const before = await planPath();
    expect(before.steps.map((s) => [s.id, s.state])).toEqual([['driver', 'done'], ['toolkit', 'todo'], ['cudnn', 'todo'], ['dll-swap', 'todo'], ['verify', 'todo']]);

    // Each step is applied by the very command the plan shows (quoted for cmd.exe: the path holds spaces, [ ], & and CJK).
    for (const id of ['toolkit', 'cudnn', 'dll-swap'] as const) {
      const command = (await planPath()).steps.find((s) => s.id === id)?.command;
      expect(command, id).toMatch(/^torchlift apply /);
      const argv = argvOf(command!);
      if (id === 'dll-swap') expect(argv.slice(argv.indexOf('--app'), argv.indexOf('--app') + 2)).toEqual(['--app', app]);
      const r = await cli([...argv.slice(1), '--yes', '--json'], lab.env);
      expect(r.code, `${id}: ${r.stderr}`).toBe(0);
      expect((JSON.parse(r.stdout) as { status: string }).status, id).toBe('committed');
    }

    const after = await planPath();
    expect(after.steps.map((s) => [s.id, s.state])).toEqual([['driver', 'done'], ['toolkit', 'skipped'], ['cudnn', 'skipped'], ['dll-swap', 'skipped'], ['verify', 'todo']]);
    const swap = after.steps.find((s) => s.id === 'dll-swap')!;
    expect(swap.command).toBeNull();
    expect(swap.detail).toMatch(/^Already done: torch\\lib holds the CUDA 12\.3(\.\d+)? and cuDNN 8\.9\.7 libraries of .*v12\.3 \(\d+ files/);
    expect(swap.detailMsg?.key).toBe('cuda:path.swapDone.detail');

    // One library in torch\lib no longer the toolkit's (same size, other bytes): the swap is to do again.
    const lib = path.join(app, 'venv', 'Lib', 'site-packages', 'torch', 'lib', 'cudart64_12.dll');
    const bytes = await fs.readFile(lib);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await fs.writeFile(lib, bytes);
    expect((await planPath()).steps.find((s) => s.id === 'dll-swap')?.state).toBe('todo');
  }, 240_000);
});

describe('plan cuda-path on Linux: the step commands are quoted for a POSIX shell', () => {
  let lab: NvidiaLab;
  beforeAll(async () => {
    lab = await createNvidiaLab({ platform: 'linux', driver: ['570.124.06', '12.8'] });
  }, 120_000);
  afterAll(async () => {
    await lab.close();
  });

  it("a path with spaces, [ ], & and ' is one single-quoted word in the DLL swap's shown command", async () => {
    const app = path.join(lab.scenario.root, "SD cu121 [テスト] & Bob's");
    await fs.mkdir(app, { recursive: true });
    await fs.writeFile(path.join(app, 'webui.py'), '# A1111 stand-in\n');
    await makeFakeVenv({ dir: path.join(app, 'venv'), layout: 'linux-venv', machineFile: lab.scenario.machineFile, packages: { torch: '2.1.2+cu121' } });
    const r = await cli(['plan', 'cuda-path', '--app', app, '--json'], lab.env);
    expect(r.code, r.stderr).toBe(0);
    const plan = CudaPathPlan.parse(JSON.parse(r.stdout));
    const swap = plan.steps.find((s) => s.id === 'dll-swap')?.command ?? '';
    expect(swap).toContain(`--app '${app.replace(/'/g, `'\\''`)}'`);
    expect(swap).not.toContain('"');
  });
});
