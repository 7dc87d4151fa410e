import path from 'node:path';
import { msg, type Msg } from '../../../../shared/i18n/message.js';
import type { Toolkit } from '../../../../shared/schemas/detect.js';
import type { CudaPathInput, CudaPathPlan, CudaPathStep } from '../../../../shared/schemas/cuda.js';
import { resolveContext, type DetectContext } from '../../detect/detect-context.js';
import { detectGpuDriver } from '../../detect/gpu-driver.js';
import { readInstall } from '../../detect/installs.js';
import { isToolkitRoot } from '../../detect/toolkit-candidates.js';
import { detectToolkitCudnn } from '../../detect/toolkit-cudnn.js';
import { detectToolkits, versionFromFiles } from '../../detect/toolkits.js';
import type { Lang } from '../../i18n/translate.js';
import { compareMajorMinor } from '../../knowledge/versions.js';
import { LATEST_UPDATE, majorMinor } from '../cuda-install/nvidia.js';
import { toolkitTarget } from '../cuda-install/locations.js';
import { installLibraries } from '../dll-swap/inventory.js';
import { locateInstall } from '../dll-swap/locate.js';
import { ct } from '../cuda-install/text.js';
import { buildTorchliftCommand } from '../../commands/torchlift.js';
import { swapAlreadyDone } from './swap-done.js';
import { majorOf } from '../../../../shared/versions.js';


/** The newest CUDA minor of `major` TorchLift knows that the driver runs (or null). */
function newestFor(major: number, maxCuda: string | null): string | null {
  const candidates = Object.keys(LATEST_UPDATE).filter((v) => majorOf(v) === major && (maxCuda === null || compareMajorMinor(v, maxCuda) <= 0));
  return candidates.sort(compareMajorMinor).at(-1) ?? null;
}

/**
 * The toolkit of CUDA `mm`: one detection found, else the folders TorchLift installs to (user mode, then NVIDIA's
 * default) — a user-mode toolkit installed a moment ago is found before a new process sees its CUDA_PATH.
 */
async function findToolkit(found: readonly Toolkit[], ctx: DetectContext, mm: string, dataDir: string): Promise<Toolkit | null> {
  const detected = found.find((t) => majorMinor(t.version) === mm);
  if (detected) return detected;
  for (const mode of ['user', 'system'] as const) {
    const root = toolkitTarget(ctx, mode, mm, dataDir);
    if (!(await isToolkitRoot(root))) continue;
    const version = await versionFromFiles(root);
    if (version === null || majorMinor(version.version) !== mm) continue;
    return { version: version.version, path: root, nvcc: true, cudnn: await detectToolkitCudnn(root), fullVersion: version.fullVersion, foundBy: [`${mode}-mode`] };
  }
  return null;
}

/**
 * The cuDNN major torch loads: the probe's version when it ran, else the cudnn library in torch\lib (cudnn64_8.dll,
 * libcudnn.so.9); null when neither says. The overlay must bring the same major, or the DLL swap refuses it.
 */
async function torchCudnnMajor(app: string, env: NodeJS.ProcessEnv, probed: string | null | undefined): Promise<number | null> {
  if (probed) return majorOf(probed);
  const located = await locateInstall(app, env);
  if (!located.ok) return null;
  const { files } = await installLibraries(located.sitePackages);
  return files.find((f) => f.component === 'cudnn' && f.major !== null)?.major ?? null;
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
  const torchMajor = torchCuda === null ? null : majorOf(torchCuda);
  const targetCuda = args.input.version ?? newestFor(12, driver.maxCuda) ?? '12.1';
  const targetMajor = majorOf(targetCuda) ?? 12;
  const cudnnWanted = args.input.cudnn ?? ((await torchCudnnMajor(app, args.env, install.torch?.cudnnVersion)) === 8 ? '8.9.7' : '9.1.0');
  const plan: CudaPathPlan = {
    goal: 'cuda-path', app, torch: { version: install.torch?.version ?? null, cuda: torchCuda }, driver, targetCuda, route: 'dll-swap', blocker: null, blockerMsg: null, cudnn: cudnnWanted, steps: [],
  };
  /** A step's CLI form, quoted for this platform's shell by the one command builder. */
  const cmd = (...argv: string[]): string => buildTorchliftCommand(argv, ctx.platform).display;
  const step = (s: Omit<CudaPathStep, 'title' | 'detail'>, key: string, params: Record<string, string | number>): CudaPathStep => ({
    ...s, title: ct(lang, `path.${key}.title`, params), detail: ct(lang, `path.${key}.detail`, params),
    titleMsg: msg(`cuda:path.${key}.title`, params), detailMsg: msg(`cuda:path.${key}.detail`, params),
  });
  const block = (route: 'blocked' | 'torch-upgrade', key: string, params: Record<string, string | number>): void => {
    const m: Msg = msg(`cuda:path.${key}`, params);
    plan.route = route;
    plan.blocker = ct(lang, `path.${key}`, params);
    plan.blockerMsg = m;
  };
  const driverStep = step({ id: 'driver', state: driver.version === null ? 'blocked' : 'done', command: null }, 'driver', { driver: driver.version ?? '—', maxCuda: driver.maxCuda ?? '—' });

  if (driver.maxCuda !== null && compareMajorMinor(driver.maxCuda, targetCuda) < 0) {
    block('blocked', 'blockerDriver', { driver: driver.version ?? '—', maxCuda: driver.maxCuda, targetCuda });
    plan.steps = [{ ...driverStep, state: 'blocked' }];
    return plan;
  }
  if (torchMajor === null) {
    block('blocked', 'blockerNoTorch', { torch: install.torch?.version ?? 'none' });
    plan.steps = [driverStep];
    return plan;
  }
  if (torchMajor !== targetMajor) {
    block('torch-upgrade', 'blockerMajor', { torchCuda: torchCuda ?? '?', targetCuda, targetMajor });
    plan.steps = [driverStep, step({ id: 'torch-upgrade', state: 'todo', command: cmd('plan', 'torch-upgrade', '--app', app) }, 'upgrade', { targetMajor })];
    return plan;
  }
  const toolkit = await findToolkit(toolkits, ctx, targetCuda, args.dataDir);
  const toolkitDir = toolkit?.path ?? toolkitTarget(ctx, 'user', targetCuda, args.dataDir);
  plan.steps.push(driverStep);
  plan.steps.push(toolkit !== null
    ? step({ id: 'toolkit', state: 'skipped', command: null, path: toolkit.path }, 'toolkitDone', { version: targetCuda, path: toolkit.path })
    : step({ id: 'toolkit', state: 'todo', command: cmd('apply', 'cuda-install', '--version', targetCuda, '--mode', 'user'), path: toolkitDir }, 'toolkit', { version: targetCuda }));
  const cudnnThere = toolkit?.cudnn?.version !== undefined && majorMinor(toolkit.cudnn.version) === majorMinor(cudnnWanted);
  plan.steps.push(cudnnThere
    ? step({ id: 'cudnn', state: 'skipped', command: null, path: toolkitDir }, 'cudnnDoneAt', { cudnn: toolkit!.cudnn!.version, path: toolkit!.cudnn!.path })
    : step({ id: 'cudnn', state: 'todo', command: cmd('apply', 'cudnn-overlay', '--toolkit', toolkitDir, '--version', cudnnWanted), path: toolkitDir }, 'cudnn', { cudnn: cudnnWanted }));
  // The swap is done when torch\lib already holds this toolkit's CUDA and cuDNN libraries, byte for byte.
  const swapped = toolkit !== null && cudnnThere ? await swapAlreadyDone({ app, env: args.env, toolkit: toolkitDir }) : null;
  plan.steps.push(swapped !== null
    ? step({ id: 'dll-swap', state: 'skipped', command: null, path: toolkitDir }, 'swapDone', { cuda: swapped.cuda, cudnn: swapped.cudnn, files: swapped.files, path: toolkitDir })
    : step({ id: 'dll-swap', state: 'todo', command: cmd('apply', 'dll-swap', '--app', app, '--cuda-dir', toolkitDir, '--cudnn-dir', toolkitDir), path: toolkitDir }, 'swap', { app: path.basename(app) }));
  plan.steps.push(step({ id: 'verify', state: 'todo', command: null }, 'verify', {}));
  return plan;
}
