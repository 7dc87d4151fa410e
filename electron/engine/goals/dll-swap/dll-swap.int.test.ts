import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createScenario, makeCudnnArchive, type Scenario } from '../../../../e2e/scenarios/index.js';
import { snapshot } from '../../tx/testing/tx-fixture.js';
import { listJournals } from '../../tx/journal-store.js';
import { rollbackTransaction } from '../../tx/rollback-tx.js';
import type { TxProgress } from '../../tx/transaction.js';
import { applyDllSwap } from './apply.js';
import { planDllSwap } from './plan.js';

// The RTX 4070 A1111 machine: torch 2.0.1+cu118 (CUDA 11 DLLs, cuDNN 8.7.0) in a real venv whose fake torch fails to
// import when a swapped DLL is wrong; cuDNN 8.9.7 archives for CUDA 11 and 12; a CUDA 12.1 toolkit.

let s: Scenario | null = null;
afterEach(async () => {
  await s?.cleanup();
  s = null;
});

async function machine(): Promise<{ s: Scenario; app: string; lib: string; dataDir: string; env: NodeJS.ProcessEnv }> {
  s = await createScenario('rtx4070-a1111');
  const env = { ...s.env };
  return { s, app: s.apps[0]!, lib: path.join(s.sitePackages, 'torch', 'lib'), dataDir: env.TORCHLIFT_DATA_DIR!, env };
}

const archive = (sc: Scenario, cuda: number): string => {
  const dir = Object.entries(sc.cudnnArchives).find(([name]) => name.includes(`_cuda${cuda}-`))?.[1];
  if (!dir) throw new Error(`no cuDNN archive for CUDA ${cuda}`);
  return dir;
};

describe('dll-swap on a simulated Windows A1111 install', () => {
  test('plan: every cuDNN 8 file old → new with sizes, backup size and free space; nothing changes', async () => {
    const m = await machine();
    const before = await snapshot(m.lib);
    const { plan } = await planDllSwap({ input: { app: m.app, cudnnDir: archive(m.s, 11) }, env: m.env, dataDir: m.dataDir });
    expect(plan.status, JSON.stringify(plan.refusals)).toBe('ready');
    expect(plan.cudnn).toEqual({ from: '8.7.0', to: '8.9.7' });
    const names = plan.files.map((f) => path.basename(f.target)).sort();
    expect(names).toEqual(expect.arrayContaining(['cudnn64_8.dll', 'cudnn_cnn_infer64_8.dll', 'cudnn_ops_train64_8.dll']));
    expect(names.every((n) => /^cudnn.*64_8\.dll$|^zlibwapi\.dll$/.test(n))).toBe(true);
    expect(plan.files.every((f) => f.oldBytes !== null && f.newBytes > 0)).toBe(true);
    expect(plan.backupBytes).toBeGreaterThan(0);
    expect(plan.space[0]?.freeBytes).toBeGreaterThan(plan.space[0]?.neededBytes ?? 0);
    expect(await snapshot(m.lib)).toEqual(before);
  });

  test('apply: cuDNN 8.7 → 8.9.7 commits after the probe sees 8907; manual rollback restores every byte', async () => {
    const m = await machine();
    const before = await snapshot(m.lib);
    const progress: TxProgress[] = [];
    const { outcome } = await applyDllSwap({ app: m.app, cudnnDir: archive(m.s, 11) }, { env: m.env, dataDir: m.dataDir, onProgress: (p) => progress.push(p) });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: 'committed' });
    // The checks travel typed (a 'verify' event the job keeps as Job.verify), not only as log lines.
    const checks = progress.flatMap((p) => (p.kind === 'verify' ? p.checks : []));
    expect(checks.find((c) => c.name === 'cudnn-version')).toEqual({ name: 'cudnn-version', ok: true, detail: expect.stringContaining('cuDNN 8.9.7') });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const after = await snapshot(m.lib);
    expect(after).not.toEqual(before);
    const [journal] = await listJournals(m.dataDir);
    expect(journal?.verifyLog.some((l) => l.startsWith('ok   cudnn-version'))).toBe(true);
    expect(await rollbackTransaction({ dataDir: m.dataDir, id: 'last' })).toMatchObject({ kind: 'rolled-back' });
    expect(await snapshot(m.lib)).toEqual(before);
  });

  test('apply: a CUDA 11.8 runtime/cuBLAS swap (same major) commits', async () => {
    const m = await machine();
    const toolkit = path.join(m.s.root, 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', 'v11.8');
    await fs.mkdir(path.join(toolkit, 'bin'), { recursive: true });
    await fs.writeFile(path.join(toolkit, 'version.json'), '{"cuda":{"name":"CUDA SDK","version":"11.8.0"}}');
    for (const dll of ['cudart64_110.dll', 'cublas64_11.dll', 'cublasLt64_11.dll']) await fs.copyFile(path.join(m.lib, dll), path.join(toolkit, 'bin', dll));
    const { plan, outcome } = await applyDllSwap({ app: m.app, cudaDir: toolkit }, { env: m.env, dataDir: m.dataDir });
    expect(plan.files.map((f) => path.basename(f.target)).sort()).toEqual(['cublas64_11.dll', 'cublasLt64_11.dll', 'cudart64_110.dll']);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: 'committed' });
  });

  test('a broken DLL fails verification: rolled back automatically with the reason, sha256 of every file as before', async () => {
    const m = await machine();
    const broken = path.join(m.s.root, 'home', 'Downloads', 'cudnn-windows-x86_64-8.9.7.29_cuda11-archive (broken)');
    await fs.cp(archive(m.s, 11), broken, { recursive: true });
    await fs.writeFile(path.join(broken, 'bin', 'cudnn_cnn_infer64_8.dll'), 'truncated download');
    const before = await snapshot(m.lib);
    const progress: TxProgress[] = [];
    const { outcome } = await applyDllSwap({ app: m.app, cudnnDir: broken }, { env: m.env, dataDir: m.dataDir, onProgress: (p) => progress.push(p) });
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: expect.stringContaining('WinError 126') });
    expect(progress.flatMap((p) => (p.kind === 'verify' ? p.checks : [])).filter((c) => !c.ok)).toEqual([{ name: 'import', ok: false, detail: expect.stringContaining('WinError 126') }]);
    expect(await snapshot(m.lib)).toEqual(before);
  });

  test('refusals before anything is touched: CUDA 12 over 11, cuDNN 9 over 8, a cuDNN built for CUDA 12, a missing file', async () => {
    const m = await machine();
    const before = await snapshot(m.lib);
    const codes = async (input: { cudaDir?: string; cudnnDir?: string }): Promise<string[]> => {
      const { plan, outcome } = await applyDllSwap({ app: m.app, ...input }, { env: m.env, dataDir: m.dataDir });
      expect(outcome.kind).toBe('refused');
      expect(plan.refusals.every((r) => r.fix.length > 0)).toBe(true);
      return plan.refusals.map((r) => r.code);
    };
    expect(await codes({ cudaDir: m.env.CUDA_PATH! })).toContain('cuda-major-mismatch');
    const nine = await makeCudnnArchive({ downloads: path.join(m.s.root, 'nine'), full: '9.1.0.70', cudaMajor: 11 });
    expect(await codes({ cudnnDir: nine })).toContain('cudnn-major-mismatch');
    expect(await codes({ cudnnDir: archive(m.s, 12) })).toContain('cudnn-cuda-mismatch');
    const partial = path.join(m.s.root, 'partial', 'cudnn-windows-x86_64-8.9.7.29_cuda11-archive');
    await fs.cp(archive(m.s, 11), partial, { recursive: true });
    await fs.rm(path.join(partial, 'bin', 'cudnn_adv_train64_8.dll'));
    expect(await codes({ cudnnDir: partial })).toContain('source-file-missing');
    expect(await snapshot(m.lib)).toEqual(before);
    expect(await listJournals(m.dataDir)).toEqual([]);
  });

  test('refused: a cuDNN folder whose version cannot be read (no include/, no version in its name), and a cuDNN downgrade', async () => {
    const m = await machine();
    const before = await snapshot(m.lib);
    const unnamed = path.join(m.s.root, 'home', 'Downloads', 'my cudnn [copy] & co');
    await fs.cp(archive(m.s, 11), unnamed, { recursive: true });
    await fs.rm(path.join(unnamed, 'include'), { recursive: true });
    const unknown = await applyDllSwap({ app: m.app, cudnnDir: unnamed }, { env: m.env, dataDir: m.dataDir });
    expect(unknown.outcome.kind).toBe('refused');
    expect(unknown.plan.refusals).toMatchObject([{ code: 'cudnn-version-unknown', message: expect.stringContaining(unnamed) }]);
    const older = await makeCudnnArchive({ downloads: path.join(m.s.root, 'older'), full: '8.5.0.96', cudaMajor: 11 });
    const down = await applyDllSwap({ app: m.app, cudnnDir: older }, { env: m.env, dataDir: m.dataDir });
    expect(down.plan.refusals).toMatchObject([{ code: 'cudnn-downgrade', message: expect.stringContaining('8.5.0') }]);
    expect(down.outcome.kind).toBe('refused');
    expect(await snapshot(m.lib)).toEqual(before);
    expect(await listJournals(m.dataDir)).toEqual([]);
  });

  test('the journal intent names the versions: "DLL swap (cuDNN 8.7.0 → 8.9.7) in …"', async () => {
    const m = await machine();
    const { outcome } = await applyDllSwap({ app: m.app, cudnnDir: archive(m.s, 11) }, { env: m.env, dataDir: m.dataDir });
    expect(outcome.kind).toBe('committed');
    expect((await listJournals(m.dataDir))[0]).toMatchObject({ intent: expect.stringContaining('(cuDNN 8.7.0 → 8.9.7)'), confinedTo: expect.stringContaining('site-packages') });
  });
});
