import type { FileEntry } from './files.js';

/** One fake shared library: a small text file whose first line is `FAKE-LIB <component> <version> [cudaN]`. */
export interface FakeLib {
  /** Path relative to site-packages (or to a toolkit/archive root), "/"-separated. */
  rel: string;
  /** cudart, cublas, cudnn, cufft, curand, cusolver, cusparse, nvrtc, nvjitlink, cupti, nvtx, zlib, torch. */
  component: string;
  version: string;
  /** The major version the loader requires (the one in the file name). */
  major: number;
  /** For cuDNN: the CUDA major it was built for (its cuBLAS dependency); null otherwise. */
  builtForCuda: number | null;
  bytes: number;
}

type Os = 'windows' | 'linux';

interface CudaSet {
  /** [file name, component, version] per CUDA library, Windows names. */
  windows: ReadonlyArray<readonly [string, string, string]>;
  linux: ReadonlyArray<readonly [string, string, string]>;
}

const CUDA_SETS: Readonly<Record<string, CudaSet>> = {
  '11': {
    windows: [
      ['cudart64_110.dll', 'cudart', '11.8.89'], ['cublas64_11.dll', 'cublas', '11.11.3.6'],
      ['cublasLt64_11.dll', 'cublas', '11.11.3.6'], ['cufft64_10.dll', 'cufft', '10.9.0.58'],
      ['cufftw64_10.dll', 'cufft', '10.9.0.58'], ['curand64_10.dll', 'curand', '10.3.0.86'],
      ['cusolver64_11.dll', 'cusolver', '11.4.1.48'], ['cusolverMg64_11.dll', 'cusolver', '11.4.1.48'],
      ['cusparse64_11.dll', 'cusparse', '11.7.5.86'], ['nvrtc64_112_0.dll', 'nvrtc', '11.8.89'],
      ['nvrtc-builtins64_118.dll', 'nvrtc', '11.8.89'], ['cupti64_2022.3.0.dll', 'cupti', '2022.3.0'],
      ['nvToolsExt64_1.dll', 'nvtx', '1.0.0'], ['zlibwapi.dll', 'zlib', '1.2.3'],
    ],
    linux: [
      ['nvidia/cuda_runtime/lib/libcudart.so.11.0', 'cudart', '11.8.89'], ['nvidia/cublas/lib/libcublas.so.11', 'cublas', '11.11.3.6'],
      ['nvidia/cublas/lib/libcublasLt.so.11', 'cublas', '11.11.3.6'], ['nvidia/cufft/lib/libcufft.so.10', 'cufft', '10.9.0.58'],
      ['nvidia/curand/lib/libcurand.so.10', 'curand', '10.3.0.86'], ['nvidia/cusolver/lib/libcusolver.so.11', 'cusolver', '11.4.1.48'],
      ['nvidia/cusparse/lib/libcusparse.so.11', 'cusparse', '11.7.5.86'], ['nvidia/cuda_nvrtc/lib/libnvrtc.so.11.2', 'nvrtc', '11.8.89'],
      ['nvidia/nvtx/lib/libnvToolsExt.so.1', 'nvtx', '1.0.0'],
    ],
  },
  '12': {
    windows: [
      ['cudart64_12.dll', 'cudart', '12.X.105'], ['cublas64_12.dll', 'cublas', '12.X.3.1'],
      ['cublasLt64_12.dll', 'cublas', '12.X.3.1'], ['cufft64_11.dll', 'cufft', '11.0.2.54'],
      ['cufftw64_11.dll', 'cufft', '11.0.2.54'], ['curand64_10.dll', 'curand', '10.3.2.106'],
      ['cusolver64_11.dll', 'cusolver', '11.4.5.107'], ['cusolverMg64_11.dll', 'cusolver', '11.4.5.107'],
      ['cusparse64_12.dll', 'cusparse', '12.1.0.106'], ['nvrtc64_120_0.dll', 'nvrtc', '12.X.105'],
      ['nvrtc-builtins64_12X.dll', 'nvrtc', '12.X.105'], ['nvJitLink_120_0.dll', 'nvjitlink', '12.X.105'],
      ['cupti64_2023.1.1.dll', 'cupti', '2023.1.1'], ['nvToolsExt64_1.dll', 'nvtx', '1.0.0'], ['zlibwapi.dll', 'zlib', '1.2.3'],
    ],
    linux: [
      ['nvidia/cuda_runtime/lib/libcudart.so.12', 'cudart', '12.X.105'], ['nvidia/cublas/lib/libcublas.so.12', 'cublas', '12.X.3.1'],
      ['nvidia/cublas/lib/libcublasLt.so.12', 'cublas', '12.X.3.1'], ['nvidia/cufft/lib/libcufft.so.11', 'cufft', '11.0.2.54'],
      ['nvidia/curand/lib/libcurand.so.10', 'curand', '10.3.2.106'], ['nvidia/cusolver/lib/libcusolver.so.11', 'cusolver', '11.4.5.107'],
      ['nvidia/cusparse/lib/libcusparse.so.12', 'cusparse', '12.1.0.106'], ['nvidia/cuda_nvrtc/lib/libnvrtc.so.12', 'nvrtc', '12.X.105'],
      ['nvidia/nvjitlink/lib/libnvJitLink.so.12', 'nvjitlink', '12.X.105'], ['nvidia/nvtx/lib/libnvToolsExt.so.1', 'nvtx', '1.0.0'],
    ],
  },
};

const CUDNN8_SUBS = ['adv_infer', 'adv_train', 'cnn_infer', 'cnn_train', 'ops_infer', 'ops_train'];
const CUDNN9_SUBS = ['adv', 'cnn', 'engines_precompiled', 'engines_runtime_compiled', 'graph', 'heuristic', 'ops'];

/** cuDNN library file names for a major version: Windows `cudnn_cnn_infer64_8.dll`, Linux `libcudnn_cnn_infer.so.8`. */
export function cudnnFileNames(os: Os, major: number): string[] {
  const subs = major >= 9 ? CUDNN9_SUBS : CUDNN8_SUBS;
  if (os === 'windows') return [`cudnn64_${major}.dll`, ...subs.map((s) => `cudnn_${s}64_${major}.dll`)];
  return [`libcudnn.so.${major}`, ...subs.map((s) => `libcudnn_${s}.so.${major}`)];
}

function sizeFor(file: string): number {
  if (/cudnn_(cnn|engines_precompiled|adv_infer)|torch_cuda|cublasLt/.test(file)) return 24 * 1024;
  return 4 * 1024;
}

function lib(rel: string, component: string, version: string, builtForCuda: number | null = null): FakeLib {
  const major = Number(version.split('.')[0]);
  const file = rel.slice(rel.lastIndexOf('/') + 1);
  return { rel, component, version, major, builtForCuda, bytes: sizeFor(file) };
}

/** cuDNN libraries of one version, placed in `dir` (e.g. "torch/lib", "bin"), built for CUDA `cudaMajor`. */
export function cudnnLibs(opts: { os: Os; version: string; cudaMajor: number; dir: string }): FakeLib[] {
  const major = Number(opts.version.split('.')[0]);
  return cudnnFileNames(opts.os, major).map((f) => lib(`${opts.dir}/${f}`, 'cudnn', opts.version, opts.cudaMajor));
}

/** The CUDA runtime/math libraries a torch build ships for `cuda` ("12.1"), in `dir` (Windows) or nvidia/* (Linux). */
export function cudaLibs(opts: { os: Os; cuda: string; dir: string }): FakeLib[] {
  const [major = '12', minor = '0'] = opts.cuda.split('.');
  const set = CUDA_SETS[major];
  if (!set) throw new Error(`fake torch: no CUDA ${major} library set`);
  return set[opts.os].map(([name, component, version]) => {
    const file = name.replace('12X', `12${minor}`);
    const rel = opts.os === 'windows' ? `${opts.dir}/${file}` : file;
    return lib(rel, component, version.replace('X', minor));
  });
}

/** torch's own libraries (torch_cpu.dll, libtorch_cpu.so, ...), plus the CUDA ones for CUDA builds. */
export function torchOwnLibs(opts: { os: Os; torchVersion: string; cuda: boolean }): FakeLib[] {
  const v = opts.torchVersion.split('+')[0] ?? opts.torchVersion;
  const names = opts.os === 'windows'
    ? ['asmjit.dll', 'c10.dll', 'fbgemm.dll', 'libiomp5md.dll', 'shm.dll', 'torch.dll', 'torch_cpu.dll',
      'torch_global_deps.dll', 'torch_python.dll', 'uv.dll', ...(opts.cuda ? ['c10_cuda.dll', 'caffe2_nvrtc.dll', 'torch_cuda.dll'] : [])]
    : ['libc10.so', 'libgomp-a34b3233.so.1', 'libshm.so', 'libtorch.so', 'libtorch_cpu.so', 'libtorch_global_deps.so',
      'libtorch_python.so', ...(opts.cuda ? ['libc10_cuda.so', 'libtorch_cuda.so'] : [])];
  return names.map((n) => lib(`torch/lib/${n}`, 'torch', v));
}

/** The file content for a fake library: the header line the fake torch reads, padded to `bytes`. */
export function fakeLibContent(l: FakeLib): string {
  const tag = l.builtForCuda === null ? '' : ` cuda${l.builtForCuda}`;
  const file = l.rel.slice(l.rel.lastIndexOf('/') + 1);
  const head = `FAKE-LIB ${l.component} ${l.version}${tag}\nfile=${file}\n`;
  const line = 'This is a stand-in for a native library in a TorchLift simulated machine.\n';
  let body = head;
  while (body.length + line.length <= l.bytes) body += line;
  return body.padEnd(l.bytes, '.');
}

/** FileEntry list for libraries, relative to the same base their `rel` is. */
export function libEntries(libs: readonly FakeLib[]): FileEntry[] {
  return libs.map((l) => ({ rel: l.rel, content: fakeLibContent(l) }));
}
