/** One official torch wheel the fake can imitate (facts.md §2, §3, §6a). */
export interface TorchBuild {
  /** As `torch.__version__` prints it, e.g. "2.0.1+cu118". */
  version: string;
  /** `torch.version.cuda`, or null for +cpu builds. */
  cuda: string | null;
  /** The cuDNN bundled with the build, e.g. "8.7.0"; null for +cpu. */
  cudnn: string | null;
  gitVersion: string;
  /** `torch.cuda.get_arch_list()` of the official build, per OS. */
  archList: { windows: readonly string[]; linux: readonly string[] };
  /** The torchvision released with it, e.g. "0.15.2+cu118". */
  torchvision: string;
}

const WIN_CU118 = ['sm_37', 'sm_50', 'sm_60', 'sm_61', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90', 'compute_37'];
const LINUX_CU118 = ['sm_37', 'sm_50', 'sm_60', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'];
const WIN_CU12 = ['sm_50', 'sm_60', 'sm_61', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'];
const LINUX_CU12 = ['sm_50', 'sm_60', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'];
const CU128 = ['sm_75', 'sm_80', 'sm_86', 'sm_90', 'sm_100', 'sm_120'];
const NONE: readonly string[] = [];

function build(version: string, cudnn: string | null, gitVersion: string, torchvision: string,
  archList: { windows: readonly string[]; linux: readonly string[] }): TorchBuild {
  const tag = /\+cu(\d+)(\d)$/.exec(version);
  const cuda = tag ? `${tag[1]}.${tag[2]}` : null;
  return { version, cuda, cudnn, gitVersion, archList, torchvision };
}

/** The builds the scenarios and upgrade tests use, by version string. */
export const TORCH_BUILDS: Readonly<Record<string, TorchBuild>> = Object.fromEntries([
  build('2.0.1+cu118', '8.7.0', 'e9ebda29d87ce0916ab08c06ab26fd3766a870e5', '0.15.2+cu118', { windows: WIN_CU118, linux: LINUX_CU118 }),
  build('2.1.2+cu118', '8.7.0', 'a8e7c98cb95ff97bb30a728c6b2a1ce6bff946eb', '0.16.2+cu118', { windows: WIN_CU118, linux: LINUX_CU118 }),
  build('2.1.2+cu121', '8.9.2', 'a8e7c98cb95ff97bb30a728c6b2a1ce6bff946eb', '0.16.2+cu121', { windows: WIN_CU12, linux: LINUX_CU12 }),
  build('2.3.1+cu121', '8.9.2', '63d5e9221bedd1546b7d364b5ce4171547db12a9', '0.18.1+cu121', { windows: WIN_CU12, linux: LINUX_CU12 }),
  build('2.3.1+cpu', null, '63d5e9221bedd1546b7d364b5ce4171547db12a9', '0.18.1+cpu', { windows: NONE, linux: NONE }),
  build('2.4.1+cu124', '9.1.0', 'ee1b6804381c57161c477caa380a840a84167676', '0.19.1+cu124', { windows: WIN_CU12, linux: LINUX_CU12 }),
  build('2.4.1+cpu', null, 'ee1b6804381c57161c477caa380a840a84167676', '0.19.1+cpu', { windows: NONE, linux: NONE }),
  build('2.7.1+cu128', '9.7.1', 'e2d141dbde55c2a4370fac5165b0561b6af4798b', '0.22.1+cu128', { windows: CU128, linux: CU128 }),
].map((b) => [b.version, b]));

/** The build for a version string; throws for one the fake does not know (a test bug). */
export function torchBuild(version: string): TorchBuild {
  const found = TORCH_BUILDS[version];
  if (!found) throw new Error(`fake torch: unknown build ${version}; known: ${Object.keys(TORCH_BUILDS).join(', ')}`);
  return found;
}

/** torch.backends.cudnn.version() for a cuDNN version: 8.7.0 → 8700, 9.1.0 → 90100. */
export function cudnnVersionInt(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return major >= 9 ? major * 10000 + minor * 100 + patch : major * 1000 + minor * 100 + patch;
}
