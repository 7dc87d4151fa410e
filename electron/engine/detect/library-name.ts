import type { LibraryComponent } from '../../../shared/schemas/detect.js';

/**
 * The one classifier of CUDA-family library file names, for every caller: detect's inventory (component, major) and
 * the DLL swap's file matching (`key`: the same key means "the same library, same major" across folders).
 */

/** What a CUDA-family library file name says: its component, the major version it carries, and its identity. */
export interface LibraryName {
  component: LibraryComponent;
  major: number | null;
  /**
   * The file's identity across folders: the lowercased name for a Windows DLL; `lib<name>.so.<major>` on Linux (the
   * auditwheel hash and the minor dropped, so libcudart-e409450e.so.11.0 and libcudart.so.11.8.89 are one library).
   * Null for a Linux name without a major (libcudart.so: a development link, never swapped).
   */
  key: string | null;
}

/** Base-name prefixes (lowercase) → component; longer prefixes first so "cusparselt" is not "cusparse". */
const PREFIXES: readonly (readonly [string, LibraryComponent])[] = [
  ['cusparselt', 'other'], ['cudnn', 'cudnn'], ['cudart', 'cudart'], ['cublas', 'cublas'], ['cufftw', 'cufft'],
  ['cufft', 'cufft'], ['curand', 'curand'], ['cusolver', 'cusolver'], ['cusparse', 'cusparse'],
  ['nvrtc', 'nvrtc'], ['nvjitlink', 'nvjitlink'], ['cupti', 'cupti'], ['nvtoolsext', 'nvtx'], ['nvtx', 'nvtx'],
  ['nccl', 'nccl'], ['zlibwapi', 'zlib'], ['cufile', 'other'], ['nvshmem', 'other'], ['nvperf', 'other'],
  ['nvblas', 'other'], ['nvjpeg', 'other'], ['npp', 'other'],
];

// Windows: cudnn_ops_infer64_8.dll, cudart64_110.dll, nvrtc64_112_0.dll, nvrtc-builtins64_118.dll, nvJitLink_120_0.dll
const WINDOWS = /^([a-z][a-z_-]*?)(?:64)?_(\d+)(?:[._]\d+)*\.dll$/i;
// Windows without a version: zlibwapi.dll, nvToolsExt64_1.dll is covered above.
const WINDOWS_PLAIN = /^([a-z][a-z_-]*?)(?:64)?\.dll$/i;
// Linux: libcudnn_cnn.so.9, libcudart.so.11.0, libcudart-e409450e.so.11.0 (auditwheel hash), libcublasLt.so
const LINUX = /^lib([a-z][a-z_-]*?)(?:-[0-9a-f]{8})?\.so(?:\.(\d+)(?:\.\d+)*)?$/i;

/**
 * Classifies a CUDA/cuDNN library file by name (cudnn_ops_infer64_8.dll → cudnn 8; cublasLt64_12.dll → cublas 12;
 * libcudnn_cnn.so.9 → cudnn 9; cudart64_110.dll → cudart 11). Null for anything that is not a CUDA-family library.
 */
export function classifyLibraryName(file: string): LibraryName | null {
  const win = WINDOWS.exec(file);
  if (win) return fromParts(win[1] ?? '', win[2] ?? null, file.toLowerCase());
  const plain = WINDOWS_PLAIN.exec(file);
  if (plain) return fromParts(plain[1] ?? '', null, file.toLowerCase());
  const linux = LINUX.exec(file);
  if (linux) {
    const [base, digits] = [linux[1] ?? '', linux[2] ?? null];
    return fromParts(base, digits, digits === null ? null : `lib${base.toLowerCase()}.so.${digits}`);
  }
  return null;
}

/** The identity of a library file (see LibraryName.key); null for a name that is not a keyable CUDA-family library. */
export function libraryKey(file: string): string | null {
  return classifyLibraryName(file)?.key ?? null;
}

/** True for Windows DLL names. */
export function isDllName(file: string): boolean {
  return /\.dll$/i.test(file);
}

function fromParts(base: string, digits: string | null, key: string | null): LibraryName | null {
  const lower = base.toLowerCase().replace(/-/g, '');
  const entry = PREFIXES.find(([prefix]) => lower.startsWith(prefix));
  if (!entry) return null;
  const component = entry[1];
  // cupti64_2023.1.1.dll: the number is a release year, not a major version.
  if (digits === null || digits.length === 4) return { component, major: null, key };
  return { component, major: majorFromDigits(digits), key };
}

/** "110" → 11, "112" (nvrtc64_112_0) → 11, "92" (cudart64_92) → 9, "12" → 12, "8" → 8. No library major reaches 90. */
function majorFromDigits(digits: string): number {
  const n = Number.parseInt(digits, 10);
  return n >= 90 ? Math.floor(n / 10) : n;
}
