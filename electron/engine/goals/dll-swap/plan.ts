import path from 'node:path';
import type { DllSwapInput, DllSwapPlan, Refusal } from '../../../../shared/schemas/tx.js';
import { cudnnVersionFromInt } from '../../parsers/cudnn-header.js';
import { resolveContext } from '../../detect/detect-context.js';
import { isDir } from '../../detect/fs-safe.js';
import { probeAnswered, runProbe } from '../../detect/probe-runner.js';
import { nodeFsOps, type FsOps } from '../../fs/fs-ops.js';
import { et, localizeRefusal, localizeSentence, refusal } from '../../i18n/engine-text.js';
import type { Lang } from '../../i18n/translate.js';
import { describeFiles } from '../../tx/describe-files.js';
import { preflight, spaceNeeds } from '../../tx/preflight.js';
import { CUDNN_LIB_DIRS, TOOLKIT_LIB_DIRS, installLibraries, sourceLibraries } from './inventory.js';
import { locateInstall } from './locate.js';
import { cudnnArchiveCudaMajor, cudnnVersionToInt } from './cudnn-archive.js';
import { matchSwap, type SwapPair } from './match-files.js';
import { versionRefusals } from './version-checks.js';
import { cudnnDirVersion, toolkitVersion } from './versions.js';

/** A plan plus what apply needs to carry it out. */
export interface DllSwapPlanned {
  plan: DllSwapPlan;
  pairs: SwapPair[];
  python: string | null;
  expectedCudnn: number | null;
  /** The venv's site-packages: every target must really (after links) lie inside it. */
  sitePackages: string | null;
}

/**
 * `plan dll-swap`: finds the install's torch/lib (and nvidia/*\/lib), pairs its CUDA runtime/cuBLAS and cuDNN
 * files with the same-major files of the toolkit / cuDNN folder, and runs every pre-flight check. Changes nothing.
 */
export async function planDllSwap(args: { input: DllSwapInput; env: NodeJS.ProcessEnv; dataDir: string; ops?: FsOps; probe?: boolean }): Promise<DllSwapPlanned> {
  const app = path.resolve(args.input.app);
  const lang = args.input.lang ?? 'en';
  const empty = (refusals: Refusal[]): DllSwapPlanned => ({ plan: inLang(basePlan(app, null, [], refusals), [], lang), pairs: [], python: null, expectedCudnn: null, sitePackages: null });
  const inputRefusals = await checkInputDirs(args.input, lang);
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
  const cudnn = { from: before?.cudnn ?? null, to: cudnnTo };
  const cuda = { from: before?.cuda ?? null, to: cudaTo };
  const plan = basePlan(app, located.python, installed.dirs, [...match.refusals, ...versionRefusals({ cudnnDir, cudnn, cudaDir, cuda })]);
  plan.cudnn = cudnn;
  plan.cuda = cuda;
  plan.files = match.pairs.map((p) => ({
    ...p,
    oldVersion: p.component === 'cudnn' ? plan.cudnn.from : ['cudart', 'cublas', 'nvjitlink'].includes(p.component) ? plan.cuda.from : null,
    newVersion: p.component === 'cudnn' ? plan.cudnn.to : ['cudart', 'cublas', 'nvjitlink'].includes(p.component) ? plan.cuda.to : null,
  }));
  plan.backupBytes = match.pairs.reduce((n, p) => n + (p.oldBytes ?? 0), 0);
  plan.newBytes = match.pairs.reduce((n, p) => n + p.newBytes, 0);
  if (plan.refusals.length === 0) {
    const ops = args.ops ?? nodeFsOps;
    const files = await describeFiles({ dataDir: args.dataDir, files: match.pairs, txId: 'plan', backupMode: 'auto' });
    plan.space = await spaceNeeds({ dataDir: args.dataDir, files, ops });
    plan.refusals = await preflight({ dataDir: args.dataDir, files, targetRoots: installed.dirs, confinedTo: located.sitePackages, ops });
  }
  plan.status = plan.refusals.length === 0 ? 'ready' : 'refused';
  const expectedCudnn = cudnnTo ? cudnnVersionToInt(cudnnTo) : null;
  return { plan: inLang(plan, match.notes, lang), pairs: match.pairs, python: located.python, expectedCudnn, sitePackages: located.sitePackages };
}

async function checkInputDirs(input: DllSwapInput, lang: Lang): Promise<Refusal[]> {
  const out: Refusal[] = [];
  if (!input.cudaDir && !input.cudnnDir) out.push(refusal({ lang, code: 'no-source' }));
  for (const [flag, dir] of [['--app', input.app], ['--cuda-dir', input.cudaDir], ['--cudnn-dir', input.cudnnDir]] as const) {
    if (dir !== undefined && !(await isDir(dir))) out.push(refusal({ lang, code: 'folder-not-found', params: { flag, dir: path.resolve(dir) } }));
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
    cudnn: { from: null, to: null }, cuda: { from: null, to: null }, backupBytes: 0, newBytes: 0, space: [], steps: [], notes: [],
  };
}

/** The plan's words in `lang`: refusals (built in English by the checks), the steps, and the matcher's notes. */
function inLang(plan: DllSwapPlan, notes: readonly string[], lang: Lang): DllSwapPlan {
  const refusals = plan.refusals.map((r) => localizeRefusal(lang, r));
  if (plan.status === 'refused') return { ...plan, refusals, steps: [et(lang, 'plan.refused')], notes: [] };
  const steps = [
    et(lang, 'plan.steps.stage', { count: plan.files.length }),
    et(lang, 'plan.steps.journal'),
    et(lang, 'plan.steps.place'),
    plan.cudnn.to ? et(lang, 'plan.steps.verifyCudnn', { cudnn: plan.cudnn.to }) : et(lang, 'plan.steps.verify'),
    et(lang, 'plan.steps.rollback'),
  ];
  return { ...plan, refusals, steps, notes: notes.map((n) => localizeSentence(lang, n, ['plan.notes'])) };
}
