import path from 'node:path';
import type { DllSwapInput, DllSwapPlan, Refusal } from '../../../../shared/schemas/tx.js';
import { cudnnVersionFromInt } from '../../parsers/cudnn-header.js';
import { resolveContext } from '../../detect/detect-context.js';
import { isDir } from '../../detect/fs-safe.js';
import { probeAnswered, runProbe } from '../../detect/probe-runner.js';
import { nodeFsOps, type FsOps } from '../../fs/fs-ops.js';
import { describeFiles } from '../../tx/describe-files.js';
import { preflight, spaceNeeds } from '../../tx/preflight.js';
import { CUDNN_LIB_DIRS, TOOLKIT_LIB_DIRS, installLibraries, sourceLibraries } from './inventory.js';
import { locateInstall } from './locate.js';
import { cudnnArchiveCudaMajor, cudnnVersionToInt } from './library-key.js';
import { matchSwap, type SwapPair } from './match-files.js';
import { cudnnDirVersion, toolkitVersion } from './versions.js';

/** A plan plus what apply needs to carry it out. */
export interface DllSwapPlanned {
  plan: DllSwapPlan;
  pairs: SwapPair[];
  python: string | null;
  expectedCudnn: number | null;
}

/**
 * `plan dll-swap`: finds the install's torch/lib (and nvidia/*\/lib), pairs its CUDA runtime/cuBLAS and cuDNN
 * files with the same-major files of the toolkit / cuDNN folder, and runs every pre-flight check. Changes nothing.
 */
export async function planDllSwap(args: { input: DllSwapInput; env: NodeJS.ProcessEnv; dataDir: string; ops?: FsOps; probe?: boolean }): Promise<DllSwapPlanned> {
  const app = path.resolve(args.input.app);
  const empty = (refusals: Refusal[]): DllSwapPlanned => ({ plan: basePlan(app, null, [], refusals), pairs: [], python: null, expectedCudnn: null });
  const inputRefusals = await checkInputDirs(args.input);
  if (inputRefusals.length > 0) return empty(inputRefusals);
  const located = await locateInstall(app, args.env);
  if (!located.ok) return empty([located.refusal]);
  const installed = await installLibraries(located.sitePackages);
  const cudaDir = args.input.cudaDir ? path.resolve(args.input.cudaDir) : null;
  const cudnnDir = args.input.cudnnDir ? path.resolve(args.input.cudnnDir) : null;
  const [cudaFiles, cudnnFiles, cudaTo, cudnnTo, before] = await Promise.all([
    cudaDir ? sourceLibraries(cudaDir, TOOLKIT_LIB_DIRS) : [],
    cudnnDir ? sourceLibraries(cudnnDir, CUDNN_LIB_DIRS) : [],
    cudaDir ? toolkitVersion(cudaDir) : null,
    cudnnDir ? cudnnDirVersion(cudnnDir) : null,
    args.probe === false ? null : currentVersions(located.python, args.env),
  ]);
  const match = matchSwap({
    targets: installed.files,
    cuda: cudaDir ? { dir: cudaDir, files: cudaFiles } : null,
    cudnn: cudnnDir ? { dir: cudnnDir, files: cudnnFiles } : null,
    cudnnBuiltForCuda: cudnnDir ? cudnnArchiveCudaMajor(path.basename(cudnnDir)) : null,
  });
  const plan = basePlan(app, located.python, installed.dirs, match.refusals);
  plan.cudnn = { from: before?.cudnn ?? null, to: cudnnTo };
  plan.cuda = { from: before?.cuda ?? null, to: cudaTo };
  plan.files = match.pairs.map((p) => ({
    ...p,
    oldVersion: p.component === 'cudnn' ? plan.cudnn.from : ['cudart', 'cublas', 'nvjitlink'].includes(p.component) ? plan.cuda.from : null,
    newVersion: p.component === 'cudnn' ? plan.cudnn.to : ['cudart', 'cublas', 'nvjitlink'].includes(p.component) ? plan.cuda.to : null,
  }));
  plan.backupBytes = match.pairs.reduce((n, p) => n + (p.oldBytes ?? 0), 0);
  plan.newBytes = match.pairs.reduce((n, p) => n + p.newBytes, 0);
  if (match.refusals.length === 0) {
    const ops = args.ops ?? nodeFsOps;
    const files = await describeFiles({ dataDir: args.dataDir, files: match.pairs, txId: 'plan', backupMode: 'auto' });
    plan.space = await spaceNeeds({ dataDir: args.dataDir, files, ops });
    plan.refusals = await preflight({ dataDir: args.dataDir, files, targetRoots: installed.dirs, ops });
  }
  plan.status = plan.refusals.length === 0 ? 'ready' : 'refused';
  plan.steps = planSteps(plan, match.notes);
  const expectedCudnn = cudnnTo ? cudnnVersionToInt(cudnnTo) : null;
  return { plan, pairs: match.pairs, python: located.python, expectedCudnn };
}

async function checkInputDirs(input: DllSwapInput): Promise<Refusal[]> {
  const out: Refusal[] = [];
  if (!input.cudaDir && !input.cudnnDir) {
    out.push({ code: 'no-source', message: 'Nothing to swap in: neither --cuda-dir nor --cudnn-dir was given.', fix: 'Pass --cuda-dir <CUDA toolkit root> and/or --cudnn-dir <unpacked cuDNN archive>.' });
  }
  for (const [flag, dir] of [['--app', input.app], ['--cuda-dir', input.cudaDir], ['--cudnn-dir', input.cudnnDir]] as const) {
    if (dir !== undefined && !(await isDir(dir))) out.push({ code: 'folder-not-found', message: `${flag} "${path.resolve(dir)}" is not a folder.`, fix: `Pass an existing folder to ${flag}.` });
  }
  return out;
}

async function currentVersions(python: string, env: NodeJS.ProcessEnv): Promise<{ cuda: string | null; cudnn: string | null } | null> {
  const run = await runProbe({ python, ctx: resolveContext({ env }), mode: 'info' });
  if (!probeAnswered(run) || !run.output.torch) return null;
  const n = run.output.torch.cudnn;
  return { cuda: run.output.torch.cuda, cudnn: n ? cudnnVersionFromInt(n) : null };
}

function basePlan(app: string, python: string | null, libDirs: string[], refusals: Refusal[]): DllSwapPlan {
  return {
    goal: 'dll-swap', app, python, libDirs, status: refusals.length > 0 ? 'refused' : 'ready', refusals, files: [],
    cudnn: { from: null, to: null }, cuda: { from: null, to: null }, backupBytes: 0, newBytes: 0, space: [], steps: [],
  };
}

function planSteps(plan: DllSwapPlan, notes: string[]): string[] {
  if (plan.status === 'refused') return ['Refused before anything was touched; see the reasons.'];
  return [
    `Copy ${plan.files.length} new file(s) beside their targets under a staging name, hashing each (sha256).`,
    'Write the journal (every file\'s size and sha256 before and after) and fsync it.',
    'Move each old file to the backup folder and rename the staged file into place.',
    `Verify in the install's Python: import torch, CUDA available, a matmul, a cuDNN convolution${plan.cudnn.to ? `, cuDNN version ${plan.cudnn.to}` : ''}.`,
    'Any failure: roll back automatically, byte for byte. Success: commit (backups kept until you prune history).',
    ...notes,
  ];
}
