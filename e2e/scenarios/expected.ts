import { cudnnVersionInt, torchBuild } from '../fake-torch/index.js';
import type { ScenarioSpec } from './definitions.js';
import { supportsComputeCapField } from './machine.js';
import type { ExpectedToolkit, ScenarioExpected } from './types.js';

const mm = (v: string): [number, number] => {
  const [a = 0, b = 0] = v.split('.').map(Number);
  return [a, b];
};
const below = (x: string, y: string): boolean => {
  const [a, b] = mm(x);
  const [c, d] = mm(y);
  return a < c || (a === c && b < d);
};

/** What torch.cuda.is_available() warns about on this machine (the same rules the fake torch applies). */
function torchWarning(spec: ScenarioSpec, cuda: string | null, buildArchs: readonly string[]): string | null {
  const d = spec.machine.driver;
  if (cuda === null) return null;
  if (!d || d.state !== 'ok') return 'Found no NVIDIA driver on your system';
  const [maj, min] = mm(d.maxCuda);
  if (below(d.maxCuda, cuda)) return `The NVIDIA driver on your system is too old (found version ${maj * 1000 + min * 10})`;
  const g = spec.machine.gpus[0];
  if (!g) return null;
  const [ccMajor, ccMinor] = mm(g.cc);
  const supported = buildArchs.filter((a) => a.startsWith('sm_')).map((a) => Number(a.slice(3)));
  if (!supported.some((sm) => Math.floor(sm / 10) === ccMajor)) {
    return `${g.name} with CUDA capability sm_${ccMajor * 10 + ccMinor} is not compatible with the current PyTorch installation`;
  }
  return null;
}

/** Derives the expected detection result from a scenario's spec and the paths it was created at. */
export function expectedFor(spec: ScenarioSpec, at: {
  installPath: string; pythonPath: string; pythonVersion: string; toolkits: ExpectedToolkit[];
}): ScenarioExpected {
  const d = spec.machine.driver;
  const g = spec.machine.gpus[0] ?? null;
  const build = spec.packages.torch ? torchBuild(spec.packages.torch) : null;
  const buildArchs = build ? [...build.archList[spec.platform]] : [];
  const cuda = build?.cuda ?? null;
  const available = cuda !== null && d !== null && d.state === 'ok' && spec.machine.gpus.length > 0 && !below(d.maxCuda, cuda);
  const xf = spec.packages.xformers ?? null;
  return {
    platform: spec.platform,
    gpuName: g?.name ?? null,
    gpuCount: spec.machine.gpus.length,
    memoryTotalMiB: g?.memoryTotalMiB ?? null,
    computeCapability: g?.cc ?? null,
    computeCapInQuery: d !== null && supportsComputeCapField(d.version),
    driverStatus: d ? 'ok' : 'not-installed',
    driverVersion: d?.version ?? null,
    maxCuda: d?.maxCuda ?? null,
    installKind: spec.kind,
    installPath: at.installPath,
    pythonPath: at.pythonPath,
    pythonVersion: at.pythonVersion,
    torchVersion: build?.version ?? null,
    torchCuda: cuda,
    cudnnVersion: build?.cudnn ?? null,
    cudnnVersionInt: build?.cudnn ? cudnnVersionInt(build.cudnn) : null,
    cudaAvailable: available,
    archList: available ? buildArchs : [],
    buildArchList: buildArchs,
    torchWarning: build ? torchWarning(spec, cuda, buildArchs) : null,
    torchvisionVersion: spec.packages.torchvision === undefined ? build?.torchvision ?? null : spec.packages.torchvision,
    xformersVersion: xf?.version ?? null,
    xformersBuiltForTorch: xf ? xf.builtForTorch ?? spec.packages.torch ?? null : null,
    toolkits: at.toolkits,
    mustFind: spec.mustFind,
    mustNotFind: spec.mustNotFind,
  };
}
