import path from 'node:path';
import type { CudaPathInput, CudaPathPlan, CudaPathStep } from '../../../../shared/schemas/cuda.js';
import { resolveContext } from '../../detect/detect-context.js';
import { detectGpuDriver } from '../../detect/gpu-driver.js';
import { readInstall } from '../../detect/installs.js';
import { detectToolkits } from '../../detect/toolkits.js';
import type { Lang } from '../../i18n/translate.js';
import { compareMajorMinor } from '../../knowledge/versions.js';
import { LATEST_UPDATE, majorMinor } from '../cuda-install/nvidia.js';
import { ct } from '../cuda-install/text.js';

/** Quotes a path for a shown command line (never run through a shell). */
const q = (p: string): string => (/[\s&[\]()'"]/.test(p) ? `"${p}"` : p);

/** The newest CUDA minor of `major` TorchLift knows that the driver runs (or null). */
function newestFor(major: number, maxCuda: string | null): string | null {
  const candidates = Object.keys(LATEST_UPDATE).filter((v) => Number(v.split('.')[0]) === major && (maxCuda === null || compareMajorMinor(v, maxCuda) <= 0));
  return candidates.sort(compareMajorMinor).at(-1) ?? null;
}

/**
 * `plan cuda-path --app DIR`: the guided CUDA 12 path for one install — driver → toolkit without the driver → cuDNN
 * overlay → DLL swap into torch\lib → verify — each step with what it changes, skipped when already done. Where a
 * DLL swap cannot work (a cu118 torch and CUDA 12 DLLs) it says so first and offers the torch upgrade. Changes nothing.
 */
export async function planCudaPath(args: { input: CudaPathInput; env: NodeJS.ProcessEnv; dataDir: string }): Promise<CudaPathPlan> {
  const lang: Lang = args.input.lang ?? 'en';
  const ctx = resolveContext({ env: args.env });
  const app = path.resolve(args.input.app);
  const [{ install }, gd, toolkits] = await Promise.all([readInstall({ dir: app, ctx }), detectGpuDriver(ctx), detectToolkits(ctx)]);
  const torchCuda = install.torch?.cudaVersion ?? null;
  const driver = { version: gd.driver.version, maxCuda: gd.driver.maxCudaVersion };
  const torchMajor = torchCuda === null ? null : Number(torchCuda.split('.')[0]);
  const targetCuda = args.input.version ?? newestFor(12, driver.maxCuda) ?? '12.1';
  const targetMajor = Number(targetCuda.split('.')[0]);
  const cudnnWanted = args.input.cudnn ?? (majorMinor(install.torch?.cudnnVersion ?? '9').startsWith('8') ? '8.9.7' : '9.1.0');
  const plan: CudaPathPlan = { goal: 'cuda-path', app, torch: { version: install.torch?.version ?? null, cuda: torchCuda }, driver, targetCuda, route: 'dll-swap', blocker: null, steps: [] };
  const step = (s: Omit<CudaPathStep, 'title' | 'detail'>, key: string, params: Record<string, string | number>): CudaPathStep => ({
    ...s, title: ct(lang, `path.${key}.title`, params), detail: ct(lang, `path.${key}.detail`, params),
  });
  const driverStep = step({ id: 'driver', state: driver.version === null ? 'blocked' : 'done', command: null }, 'driver', { driver: driver.version ?? '—', maxCuda: driver.maxCuda ?? '—' });

  if (driver.maxCuda !== null && compareMajorMinor(driver.maxCuda, targetCuda) < 0) {
    plan.route = 'blocked';
    plan.blocker = ct(lang, 'path.blockerDriver', { driver: driver.version ?? '—', maxCuda: driver.maxCuda, targetCuda });
    plan.steps = [{ ...driverStep, state: 'blocked' }];
    return plan;
  }
  if (torchMajor === null) {
    plan.route = 'blocked';
    plan.blocker = ct(lang, 'path.blockerNoTorch', { torch: install.torch?.version ?? 'none' });
    plan.steps = [driverStep];
    return plan;
  }
  if (torchMajor !== targetMajor) {
    plan.route = 'torch-upgrade';
    plan.blocker = ct(lang, 'path.blockerMajor', { torchCuda: torchCuda ?? '?', targetCuda, targetMajor });
    plan.steps = [driverStep, step({ id: 'torch-upgrade', state: 'todo', command: `torchlift plan torch-upgrade --app ${q(app)}` }, 'upgrade', { targetMajor })];
    return plan;
  }
  const toolkit = toolkits.find((t) => majorMinor(t.version) === targetCuda) ?? null;
  const toolkitDir = toolkit?.path ?? '<toolkit>';
  plan.steps.push(driverStep);
  plan.steps.push(toolkit !== null
    ? step({ id: 'toolkit', state: 'skipped', command: null }, 'toolkitDone', { version: targetCuda, path: toolkit.path })
    : step({ id: 'toolkit', state: 'todo', command: `torchlift apply cuda-install --version ${targetCuda} --mode user` }, 'toolkit', { version: targetCuda }));
  const cudnnThere = toolkit?.cudnn?.version !== undefined && majorMinor(toolkit.cudnn.version) === majorMinor(cudnnWanted);
  plan.steps.push(cudnnThere
    ? step({ id: 'cudnn', state: 'skipped', command: null }, 'cudnnDone', { cudnn: toolkit!.cudnn!.version })
    : step({ id: 'cudnn', state: 'todo', command: `torchlift apply cudnn-overlay --toolkit ${q(toolkitDir)} --version ${cudnnWanted}` }, 'cudnn', { cudnn: cudnnWanted }));
  plan.steps.push(step({ id: 'dll-swap', state: 'todo', command: `torchlift apply dll-swap --app ${q(app)} --cuda-dir ${q(toolkitDir)} --cudnn-dir ${q(toolkitDir)}` }, 'swap', { app: path.basename(app) }));
  plan.steps.push(step({ id: 'verify', state: 'todo', command: null }, 'verify', {}));
  return plan;
}
