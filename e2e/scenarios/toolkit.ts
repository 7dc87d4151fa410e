import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cudaLibs, cudnnLibs, libEntries, writeEntries, type FileEntry } from '../fake-torch/index.js';

/** What `nvcc --version` of a toolkit release prints. */
interface NvccRelease {
  full: string;
  nvcc: string;
  build: string;
  builtOn: { windows: string; linux: string };
  year: number;
}

const RELEASES: Readonly<Record<string, NvccRelease>> = {
  '12.1': { full: '12.1.1', nvcc: '12.1.105', build: 'cuda_12.1.r12.1/compiler.32688072_0', year: 2023,
    builtOn: { windows: 'Mon_Apr__3_17:36:15_Pacific_Daylight_Time_2023', linux: 'Mon_Apr__3_17:16:06_PDT_2023' } },
  '12.4': { full: '12.4.1', nvcc: '12.4.131', build: 'cuda_12.4.r12.4/compiler.34097967_0', year: 2024,
    builtOn: { windows: 'Thu_Mar_28_02:30:10_Pacific_Daylight_Time_2024', linux: 'Thu_Mar_28_02:18:24_PDT_2024' } },
  '12.8': { full: '12.8.0', nvcc: '12.8.61', build: 'cuda_12.8.r12.8/compiler.35404655_0', year: 2025,
    builtOn: { windows: 'Fri_Jan__3_15:01:11_Pacific_Standard_Time_2025', linux: 'Fri_Jan__3_14:26:45_PST_2025' } },
};

/** The nvcc --version text of a release ("12.1"), as nvcc prints it. */
export function nvccVersionText(release: string, os: 'windows' | 'linux'): string[] {
  const r = RELEASES[release];
  if (!r) throw new Error(`no nvcc data for CUDA ${release}`);
  return ['nvcc: NVIDIA (R) Cuda compiler driver', `Copyright (c) 2005-${r.year} NVIDIA Corporation`, `Built on ${r.builtOn[os]}`,
    `Cuda compilation tools, release ${release}, V${r.nvcc}`, `Build ${r.build}`];
}

function nvccScript(release: string, os: 'windows' | 'linux'): string {
  const eol = os === 'windows' ? '\\r\\n' : '\\n';
  const text = nvccVersionText(release, os).map((l) => `${l}${eol}`).join('');
  return ['#!/bin/sh', '# Fake nvcc (TorchLift simulated machine).', 'case "$1" in',
    `  --version|-V) printf '${text}' ;;`,
    `  *) printf 'nvcc fatal   : No input files specified; use option --help for more information${eol}'; exit 1 ;;`,
    'esac', ''].join('\n');
}

function versionJson(release: string): string {
  const r = RELEASES[release]!;
  const parts: Array<[string, string, string]> = [
    ['cuda', 'CUDA SDK', r.full], ['cuda_cudart', 'CUDA Runtime (cudart)', r.nvcc], ['cuda_nvcc', 'CUDA NVCC', r.nvcc],
    ['cuda_nvrtc', 'CUDA NVRTC', r.nvcc], ['libcublas', 'CUDA cuBLAS', `${release}.3.1`],
  ];
  const body = parts.map(([k, name, v]) => `   "${k}" : {\n      "name" : "${name}",\n      "version" : "${v}"\n   }`).join(',\n');
  return `{\n${body}\n}\n`;
}

/** include/cudnn_version.h as cuDNN 8 / 9 ship it. */
export function cudnnVersionHeader(version: string): string {
  const [major = '8', minor = '0', patch = '0'] = version.split('.');
  const factor = Number(major) >= 9 ? 10000 : 1000;
  return ['/**', ' * \\file: The master cuDNN version file.', ' */', '', '#ifndef CUDNN_VERSION_H_', '#define CUDNN_VERSION_H_', '',
    `#define CUDNN_MAJOR ${major}`, `#define CUDNN_MINOR ${minor}`, `#define CUDNN_PATCHLEVEL ${patch}`, '',
    `#define CUDNN_VERSION (CUDNN_MAJOR * ${factor} + CUDNN_MINOR * 100 + CUDNN_PATCHLEVEL)`, '',
    '#endif /* CUDNN_VERSION_H */', ''].join('\n');
}

function cudnnHeaders(version: string, dir: string): FileEntry[] {
  return [
    { rel: `${dir}/cudnn_version.h`, content: cudnnVersionHeader(version) },
    { rel: `${dir}/cudnn.h`, content: '/* cuDNN : Neural Networks Library (stand-in) */\n#include "cudnn_version.h"\n' },
  ];
}

/** A Windows CUDA toolkit at `<root>/Program Files/NVIDIA GPU Computing Toolkit/CUDA/v<release>`; returns its path. */
export async function makeWindowsToolkit(opts: { root: string; release: string; cudnn?: string }): Promise<string> {
  const dir = path.join(opts.root, 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', `v${opts.release}`);
  const major = Number(opts.release.split('.')[0]);
  const libs = cudaLibs({ os: 'windows', cuda: opts.release, dir: 'bin' }).filter((l) => /cudart|cublas|nvrtc64|nvJitLink/.test(l.rel));
  if (opts.cudnn) libs.push(...cudnnLibs({ os: 'windows', version: opts.cudnn, cudaMajor: major, dir: 'bin' }));
  await writeEntries(dir, [
    { rel: 'bin/nvcc.exe', content: nvccScript(opts.release, 'windows'), mode: 0o755 },
    { rel: 'version.json', content: versionJson(opts.release) },
    { rel: 'include/cuda_runtime.h', content: '/* CUDA runtime API (stand-in) */\n' },
    { rel: 'lib/x64/cudart.lib', content: 'FAKE-LIB cudart import library\n' },
    { rel: 'libnvvp/README.txt', content: 'NVIDIA Visual Profiler (stand-in)\n' },
    { rel: 'extras/CUPTI/lib64/cupti64_2023.1.1.dll', content: 'FAKE-LIB cupti 2023.1.1\n' },
    ...(opts.cudnn ? [...cudnnHeaders(opts.cudnn, 'include'), { rel: 'lib/x64/cudnn.lib', content: 'FAKE-LIB cudnn import library\n' }] : []),
    ...libEntries(libs),
  ]);
  return dir;
}

/** A Linux toolkit at `<root>/usr/local/cuda-<release>` plus the `usr/local/cuda` symlink; returns its path. */
export async function makeLinuxToolkit(opts: { root: string; release: string }): Promise<string> {
  const dir = path.join(opts.root, 'usr', 'local', `cuda-${opts.release}`);
  const major = opts.release.split('.')[0];
  const full = RELEASES[opts.release]?.nvcc ?? `${opts.release}.0`;
  await writeEntries(dir, [
    { rel: 'bin/nvcc', content: nvccScript(opts.release, 'linux'), mode: 0o755 },
    { rel: 'version.json', content: versionJson(opts.release) },
    { rel: 'include/cuda_runtime.h', content: '/* CUDA runtime API (stand-in) */\n' },
    { rel: `lib64/libcudart.so.${full}`, content: `FAKE-LIB cudart ${full}\n` },
  ]);
  await fs.symlink(`libcudart.so.${full}`, path.join(dir, 'lib64', `libcudart.so.${major}`));
  await fs.symlink(`cuda-${opts.release}`, path.join(opts.root, 'usr', 'local', 'cuda'));
  return dir;
}

/**
 * A downloaded, unpacked cuDNN zip: `<downloads>/cudnn-windows-x86_64-<full>_cuda<N>-archive/{bin,include,lib/x64}`.
 * `full` is the 4-part version (8.9.7.29); the DLLs carry the 3-part one torch reports.
 */
export async function makeCudnnArchive(opts: { downloads: string; full: string; cudaMajor: number }): Promise<string> {
  const name = `cudnn-windows-x86_64-${opts.full}_cuda${opts.cudaMajor}-archive`;
  const dir = path.join(opts.downloads, name);
  const version = opts.full.split('.').slice(0, 3).join('.');
  const libs = cudnnLibs({ os: 'windows', version, cudaMajor: opts.cudaMajor, dir: 'bin' });
  await writeEntries(dir, [
    ...libEntries(libs),
    ...cudnnHeaders(version, 'include'),
    ...libs.map((l) => ({ rel: `lib/x64/${path.basename(l.rel).replace(/64_\d+\.dll$/, '.lib')}`, content: 'FAKE-LIB cudnn import library\n' })),
    { rel: 'LICENSE', content: 'NVIDIA cuDNN license (stand-in)\n' },
  ]);
  return dir;
}
