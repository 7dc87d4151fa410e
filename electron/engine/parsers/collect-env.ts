// `python -m torch.utils.collect_env` output of every era (Yes/No or True/False, hand-edited pastes included).
import { cleanLines, valueOrNull } from './text-lines.js';
import { parsePipPackages } from './pip-list.js';

/** The facts collect_env reports; null where it printed nothing usable ("Could not collect", "N/A"). */
export interface CollectEnv {
  torchVersion: string | null;
  /** "CUDA used to build PyTorch". */
  torchCudaVersion: string | null;
  cudaAvailable: boolean | null;
  /** "CUDA runtime version": the nvcc found on the machine, e.g. "10.1.243". */
  cudaRuntimeVersion: string | null;
  driverVersion: string | null;
  gpus: string[];
  /** "7" from cudnn64_7.dll, "8.9.2" from libcudnn.so.8.9.2, or the printed number. */
  cudnnVersion: string | null;
  pythonVersion: string | null;
  os: string | null;
  rocmVersion: string | null;
  isRocm: boolean;
  pip: Record<string, string>;
  /** `[conda] name version build` lines. */
  conda: Record<string, string>;
}

type Field = 'torch' | 'cudaBuild' | 'rocm' | 'os' | 'python' | 'available' | 'runtime' | 'gpus' | 'driver' | 'cudnn' | 'hip';

// Each label with an optional (ASCII or full-width) colon; hand-edited pastes drop it ("PyTorch version 1.5.0").
// The GitHub issue template adds hints: "PyTorch Version (e.g., 1.0): 1.2.0".
const HINT = String.raw`(?:\s*\(e\.g\.[^)]*\))?`;
const labelPattern = (text: string, colon: '' | '?'): RegExp => new RegExp(`^${text}\\b${HINT}\\s*[:：]${colon}\\s*(.*)$`, 'i');
const LABELS: readonly [Field, RegExp][] = [
  ['torch', labelPattern('PyTorch version', '?')],
  ['cudaBuild', labelPattern('CUDA used to build PyTorch', '')],
  ['rocm', labelPattern('ROCM used to build PyTorch', '')],
  ['os', labelPattern('OS', '')],
  ['python', labelPattern('Python version', '?')],
  ['available', labelPattern('Is CUDA available', '')],
  ['runtime', labelPattern('CUDA runtime version', '')],
  ['gpus', labelPattern('GPU models and configuration', '')],
  ['driver', labelPattern('Nvidia driver version', '')],
  ['cudnn', labelPattern('cuDNN version', '')],
  ['hip', labelPattern('HIP runtime version', '')],
];

/** Parses collect_env output; tolerant of `> ` quoting, CRLF, missing colons and surrounding noise. */
export function parseCollectEnv(text: string): CollectEnv {
  const lines = cleanLines(text).map((line) => line.trim().replace(/^[-*•]\s+/, ''));
  const raw = new Map<Field, string>();
  const gpus: string[] = [];
  const cudnnLines: string[] = [];
  let block: 'gpus' | 'cudnn' | null = null;
  for (const line of lines) {
    const label = LABELS.find(([, pattern]) => pattern.test(line));
    if (label !== undefined) {
      const [field, pattern] = label;
      const value = (pattern.exec(line)?.[1] ?? '').trim();
      if (!raw.has(field)) raw.set(field, value);
      block = field === 'gpus' ? 'gpus' : field === 'cudnn' ? 'cudnn' : null;
      if (field === 'gpus' && value !== '') gpus.push(...gpuNames(value));
      if (field === 'cudnn') cudnnLines.push(value);
      continue;
    }
    if (line === '' || /^\[(?:pip3?|conda)\]/.test(line)) block = null;
    else if (block === 'gpus') gpus.push(...gpuNames(line));
    else if (block === 'cudnn') cudnnLines.push(line);
  }
  const torchVersion = versionLike(raw.get('torch')) ?? null;
  const pip = parsePipPackages(lines.filter((line) => /^\[pip3?\]/.test(line)).join('\n'));
  const rocmVersion = valueOrNull(raw.get('rocm'));
  const hip = valueOrNull(raw.get('hip'));
  return {
    torchVersion: torchVersion ?? pip.torch ?? null,
    torchCudaVersion: versionLike(raw.get('cudaBuild')),
    cudaAvailable: yesNo(raw.get('available')),
    cudaRuntimeVersion: versionLike(raw.get('runtime')),
    driverVersion: versionLike(raw.get('driver')),
    gpus,
    cudnnVersion: cudnnVersion(cudnnLines),
    pythonVersion: versionLike(raw.get('python')),
    os: osName(raw.get('os')),
    rocmVersion,
    isRocm: rocmVersion !== null || hip !== null || /\+rocm/.test(torchVersion ?? pip.torch ?? ''),
    pip,
    conda: condaPackages(lines),
  };
}

function versionLike(value: string | undefined): string | null {
  return /^(\d+(?:\.\d+)*(?:[A-Za-z0-9.+-]*)?)/.exec(valueOrNull(value) ?? '')?.[1] ?? null;
}

function yesNo(value: string | undefined): boolean | null {
  const word = value?.trim().toLowerCase().split(/\s+/)[0];
  if (word === 'yes' || word === 'true') return true;
  if (word === 'no' || word === 'false') return false;
  return null;
}

/** "GPU 0: TITAN RTX" / "GPU 0： Tesla P100" / a bare "Device 66a1"; "Could not collect" gives nothing. */
function gpuNames(value: string): string[] {
  const name = value.replace(/^GPU\s+\d+\s*[:：]\s*/i, '').trim();
  return valueOrNull(name) === null ? [] : [name];
}

/** Strips the architecture suffix: "Ubuntu 20.04.3 LTS (x86_64)" → "Ubuntu 20.04.3 LTS". */
function osName(value: string | undefined): string | null {
  const os = valueOrNull(value);
  return os === null ? null : os.replace(/\s*\((?:x86_64|aarch64|arm64|ppc64le|i686|AMD64)\)\s*$/i, '');
}

function cudnnVersion(lines: readonly string[]): string | null {
  for (const line of lines) {
    const value = valueOrNull(line);
    if (value === null || /^Probably one of the following/i.test(value)) continue;
    const dll = /cudnn64_(\d+)\.dll/i.exec(value);
    if (dll?.[1] !== undefined) return dll[1];
    const so = /libcudnn\.so\.(\d+(?:\.\d+)*)/.exec(value);
    if (so?.[1] !== undefined) return so[1];
    if (/^\d+(?:\.\d+)*$/.test(value)) return value;
  }
  return null;
}

function condaPackages(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const match = /^\[conda\]\s+(\S+)\s+(\d\S*)/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) out[match[1].toLowerCase()] = match[2];
  }
  return out;
}
