/**
 * Where wheels can come from: the official PyTorch index, mirror presets that users in China rely on, and PyPI
 * mirrors for the packages that are not torch's (facts.md §13). Pure data, shared by the engine (every goal that
 * downloads) and the renderer (Settings, the upgrade wizard's source picker).
 *
 * Availability of third-party mirrors is not tested by TorchLift: a mirror that fails is reported as such and the
 * user can pick another. `{variant}` stands for the CUDA variant folder (cu121, cu128, cpu …).
 */

/** How a torch mirror lists its wheels: a PEP 503 index (`--index-url`), or one flat page (`--find-links`). */
export type TorchMirrorStyle = 'index' | 'find-links';

/** One preset for CUDA torch wheels. */
export interface TorchMirror {
  /** Stable name used on the command line (`--source mirror nju`) and in settings. */
  name: string;
  /** Shown in the UI. */
  label: string;
  style: TorchMirrorStyle;
  /** URL with `{variant}`: the index root of that variant, or the flat find-links page. */
  template: string;
}

/** One PyPI mirror preset (for numpy, pillow and the other packages that are not torch's). */
export interface PypiMirror {
  name: string;
  label: string;
  /** The PEP 503 `simple` root. */
  url: string;
}

/** The official PyTorch index root; TORCHLIFT_TORCH_INDEX overrides it (the variant is appended: `<root>/cu121`). */
export const OFFICIAL_TORCH_INDEX = 'https://download.pytorch.org/whl';

/** PyPI itself; TORCHLIFT_PIP_INDEX overrides it. */
export const OFFICIAL_PYPI = 'https://pypi.org/simple';

export const TORCH_MIRRORS: readonly TorchMirror[] = [
  { name: 'nju', label: 'Nanjing University (NJU)', style: 'index', template: 'https://mirror.nju.edu.cn/pytorch/whl/{variant}' },
  { name: 'sjtu', label: 'Shanghai Jiao Tong University (SJTU)', style: 'index', template: 'https://mirror.sjtu.edu.cn/pytorch-wheels/{variant}' },
  { name: 'aliyun', label: 'Aliyun pytorch-wheels', style: 'find-links', template: 'https://mirrors.aliyun.com/pytorch-wheels/{variant}/' },
];

export const PYPI_MIRRORS: readonly PypiMirror[] = [
  { name: 'aliyun', label: 'Aliyun', url: 'https://mirrors.aliyun.com/pypi/simple' },
  { name: 'tencent', label: 'Tencent Cloud', url: 'https://mirrors.cloud.tencent.com/pypi/simple' },
  { name: 'ustc', label: 'USTC', url: 'https://mirrors.ustc.edu.cn/pypi/simple' },
  { name: 'sjtu', label: 'SJTU', url: 'https://mirror.sjtu.edu.cn/pypi/web/simple' },
  { name: 'tuna', label: 'Tsinghua TUNA', url: 'https://pypi.tuna.tsinghua.edu.cn/simple' },
];

/** The preset with this name (case-insensitive), or null. */
export function torchMirror(name: string): TorchMirror | null {
  const n = name.trim().toLowerCase();
  return TORCH_MIRRORS.find((m) => m.name === n) ?? null;
}

/** The URL of one variant's index or page on a mirror. */
export function torchMirrorUrl(mirror: TorchMirror, variant: string): string {
  return mirror.template.replace('{variant}', variant);
}
