import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIO_SPECS, type ScenarioSpec } from './definitions.js';
import { expectedFor } from './expected.js';
import { makeFakeVenv } from './fake-venv.js';
import { installFakeNvidiaSmi, writeSimState } from './nvidia-smi/smi-data.js';
import { makeCudnnArchive, makeLinuxToolkit, makeWindowsToolkit } from './toolkit.js';
import type { ExpectedToolkit, Scenario, ScenarioName } from './types.js';

export type { Scenario, ScenarioExpected, ScenarioName, ExpectedToolkit } from './types.js';
export { INSTALL_KIND_SCENARIOS, SCENARIO_NAMES, type InstallKindScenarioName } from './types.js';
export { SCENARIO_SPECS, type ScenarioSpec } from './definitions.js';
export { makeFakeVenv, resolvePython, wrapperScript, layoutExtras, type FakeVenv, type FakePackages, type VenvLayout, type ResolvedPython } from './fake-venv.js';
export { machineFilePath, supportsComputeCapField, type SimMachine, type SimGpu, type SimDriver } from './machine.js';
export { writeSimState, renderSmiData, installFakeNvidiaSmi, shQuote, type SmiData } from './nvidia-smi/smi-data.js';
export { makeCudnnArchive, makeLinuxToolkit, makeWindowsToolkit, nvccVersionText, cudnnVersionHeader } from './toolkit.js';

async function makeToolkit(spec: ScenarioSpec, root: string): Promise<{ toolkits: ExpectedToolkit[]; env: Record<string, string>; bin: string[] }> {
  const tk = spec.toolkit;
  if (!tk) return { toolkits: [], env: {}, bin: [] };
  if (spec.platform === 'linux') {
    const dir = await makeLinuxToolkit({ root, release: tk.release });
    return { toolkits: [{ version: tk.release, path: dir, cudnn: null }], env: {}, bin: [path.join(root, 'usr', 'local', 'cuda', 'bin')] };
  }
  const dir = await makeWindowsToolkit({ root, release: tk.release, ...(tk.cudnn ? { cudnn: tk.cudnn } : {}) });
  const env = { CUDA_PATH: dir, [`CUDA_PATH_V${tk.release.replace('.', '_')}`]: dir };
  return { toolkits: [{ version: tk.release, path: dir, cudnn: tk.cudnn ?? null }], env, bin: [path.join(dir, 'bin'), path.join(dir, 'libnvvp')] };
}

/**
 * Creates a simulated machine in a fresh temp folder: machine file, fake nvidia-smi, CUDA toolkit, cuDNN zips,
 * the SD install with a working fake interpreter and fake torch. Call cleanup() when done.
 */
export async function createScenario(name: ScenarioName, opts: { baseDir?: string; python?: string } = {}): Promise<Scenario> {
  const spec = SCENARIO_SPECS[name];
  const root = await fs.mkdtemp(path.join(opts.baseDir ?? os.tmpdir(), `tl-scn-${name}-`));
  const win = spec.platform === 'windows';
  const installPath = path.join(root, ...spec.installDir.split('/'));
  const home = path.join(root, 'home');
  const nvidiaSmi = win ? path.join(root, 'Windows', 'System32', 'nvidia-smi.exe') : path.join(root, 'usr', 'bin', 'nvidia-smi');
  const downloads = path.join(home, 'Downloads');
  const [machineFile, , venv, tk, archives] = await Promise.all([
    writeSimState(root, spec.machine),
    spec.machine.driver ? installFakeNvidiaSmi({ root, exePath: nvidiaSmi }) : Promise.resolve(),
    spec.writeApp(installPath).then(() => makeFakeVenv({ dir: path.join(installPath, ...spec.venvDir.split('/')), layout: spec.layout,
      ...(opts.python ? { python: opts.python } : {}), machineFile: path.join(root, '.sim', 'machine.json'), packages: spec.packages })),
    makeToolkit(spec, root),
    Promise.all(spec.cudnnArchives.map((a) => makeCudnnArchive({ downloads, full: a.full, cudaMajor: a.cudaMajor }))),
    fs.mkdir(path.join(home, 'Desktop'), { recursive: true }),
  ]);
  const pathDirs = [...tk.bin, ...(win ? [path.dirname(nvidiaSmi)] : []), '/usr/bin', '/bin'];
  const env: Record<string, string> = {
    PATH: pathDirs.join(path.delimiter),
    HOME: home,
    USERPROFILE: home,
    LANG: 'C.UTF-8',
    TORCHLIFT_PLATFORM: spec.platform,
    // A machine without a driver has no nvidia-smi at all ('none'); a path that is not a file reads as a typo.
    TORCHLIFT_NVIDIA_SMI: spec.machine.driver ? nvidiaSmi : 'none',
    TORCHLIFT_SYSTEM_ROOT: root,
    TORCHLIFT_SEARCH_ROOTS: path.join(root, ...spec.searchRoot.split('/')),
    TORCHLIFT_DATA_DIR: path.join(root, 'torchlift-data'),
    TORCHLIFT_SIM_MACHINE: machineFile,
    ...(win ? { SystemRoot: path.join(root, 'Windows') } : {}),
    ...tk.env,
  };
  return {
    name, root, platform: spec.platform, env, apps: [installPath], nvidiaSmi, machineFile, machine: spec.machine,
    python: venv.python, sitePackages: venv.sitePackages,
    cudnnArchives: Object.fromEntries(archives.map((dir) => [path.basename(dir), dir])),
    expected: expectedFor(spec, { installPath, pythonPath: venv.python, pythonVersion: venv.pythonVersion, toolkits: tk.toolkits }),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
