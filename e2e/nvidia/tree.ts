import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTarXz, writeZip } from '../../electron/engine/archive/testing/write-archives.js';
import { cudaLibs, cudnnLibs, libEntries, type FileEntry } from '../fake-torch/index.js';
import { cudnnVersionHeader, shQuote } from '../scenarios/index.js';

/**
 * A folder laid out like NVIDIA's download tree (served by the range server at TORCHLIFT_NVIDIA_DOWNLOADS):
 *   compute/cuda/<X.Y.Z>/docs/sidebar/md5sum.txt
 *   compute/cuda/<X.Y.Z>/local_installers/cuda_<X.Y.Z>_<driver>_windows.exe, cuda_<X.Y.Z>_<driver>_linux.run
 *   compute/cuda/redist/redistrib_<X.Y.Z>.json + <component>/<platform>/<component>-<platform>-<ver>-archive.{zip,tar.xz}
 *   compute/cudnn/redist/redistrib_<ver>.json + cudnn/<platform>/cudnn-<platform>-<full>_cuda<N>-archive.{zip,tar.xz}
 * Built at test time; the toolkit files are small stand-ins (FAKE-LIB DLLs the fake torch accepts, a shell-script nvcc
 * that prints the release, a deviceQuery that prints "Result = PASS").
 */
const SETUP_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-cuda-setup.cjs');

export interface NvidiaRelease {
  /** X.Y.Z */
  release: string;
  /** The driver bundled with the installer (its file name carries it). */
  driver: string;
}

export const DEFAULT_RELEASES: NvidiaRelease[] = [{ release: '12.8.1', driver: '572.61' }, { release: '12.1.1', driver: '531.14' }];

export interface NvidiaTree {
  root: string;
  releases: NvidiaRelease[];
  /** cuDNN versions published (full, 4 parts). */
  cudnn: string[];
  /** md5 of each installer by file name. */
  md5: Record<string, string>;
  /** Relative path of every file, for tampering in tests. */
  files: string[];
}

type Os = 'windows' | 'linux';

function nvccScript(release: string, os: Os): string {
  const mm = release.split('.').slice(0, 2).join('.');
  const eol = os === 'windows' ? '\\r\\n' : '\\n';
  const lines = ['nvcc: NVIDIA (R) Cuda compiler driver', 'Copyright (c) 2005-2025 NVIDIA Corporation', 'Built on Simulated_Build',
    `Cuda compilation tools, release ${mm}, V${release}`, `Build cuda_${mm}.r${mm}/compiler.00000000_0`];
  return ['#!/bin/sh', 'case "$1" in', `  --version|-V) printf '${lines.map((l) => `${l}${eol}`).join('')}' ;;`, '  *) echo "nvcc fatal   : No input files specified"; exit 1 ;;', 'esac', ''].join('\n');
}

const DEVICE_QUERY = ['#!/bin/sh', 'echo "deviceQuery Starting..."', 'if [ -n "$FAKE_DEVICEQUERY_FAIL" ]; then echo "Result = FAIL"; exit 1; fi',
  'echo "Detected 1 CUDA Capable device(s)"', 'echo "Result = PASS"', ''].join('\n');

/** Toolkit files (relative to the toolkit root) by component (redistributable names) for one release. */
export function componentFiles(release: string, os: Os): Record<string, FileEntry[]> {
  const mm = release.split('.').slice(0, 2).join('.');
  const libs = cudaLibs({ os, cuda: mm, dir: os === 'windows' ? 'bin' : 'lib64' });
  const lib = (re: RegExp): FileEntry[] => libEntries(libs.filter((l) => re.test(path.basename(l.rel)))).map((e) => (os === 'linux' ? { ...e, rel: `lib64/${e.rel}` } : e));
  const exe = os === 'windows' ? '.exe' : '';
  return {
    cuda_cudart: [...lib(/cudart/), { rel: 'include/cuda_runtime.h', content: '/* cuda_runtime.h (stand-in) */\n' }, { rel: os === 'windows' ? 'lib/x64/cudart.lib' : 'lib64/libcudart_static.a', content: 'FAKE-LIB cudart import library\n' }],
    cuda_nvcc: [{ rel: `bin/nvcc${exe}`, content: nvccScript(release, os), mode: 0o755 }, { rel: `bin/ptxas${exe}`, content: '#!/bin/sh\n', mode: 0o755 }, { rel: 'include/crt/host_config.h', content: '/* stand-in */\n' }],
    cuda_nvrtc: [...lib(/nvrtc/), { rel: 'include/nvrtc.h', content: '/* nvrtc.h (stand-in) */\n' }],
    libcublas: [...lib(/cublas/), { rel: 'include/cublas_v2.h', content: '/* cublas_v2.h (stand-in) */\n' }],
    libnvjitlink: lib(/nvJitLink|nvjitlink/i),
    cuda_demo_suite: [{ rel: `extras/demo_suite/deviceQuery${exe}`, content: DEVICE_QUERY, mode: 0o755 }],
    // Never part of a toolkit TorchLift installs: present so a plan that asked for it would be caught.
    nsight_compute: [{ rel: 'nsight-compute/README.txt', content: 'Nsight Compute (stand-in)\n' }],
  };
}

/** The Windows installer's subpackages → files (names as the real installer uses them, facts §8a). */
function subpackages(release: string, os: Os): Record<string, FileEntry[]> {
  const mm = release.split('.').slice(0, 2).join('.');
  const c = componentFiles(release, os);
  const split = (entries: FileEntry[], dev: boolean): FileEntry[] => entries.filter((e) => (/^(include|lib)\//.test(e.rel) || e.rel.startsWith('lib/')) === dev);
  return {
    [`cudart_${mm}`]: c.cuda_cudart!, [`nvcc_${mm}`]: c.cuda_nvcc!,
    [`cublas_${mm}`]: split(c.libcublas!, false), [`cublas_dev_${mm}`]: split(c.libcublas!, true),
    [`nvrtc_${mm}`]: split(c.cuda_nvrtc!, false), [`nvrtc_dev_${mm}`]: split(c.cuda_nvrtc!, true),
    [`nvjitlink_${mm}`]: c.libnvjitlink!, [`demo_suite_${mm}`]: c.cuda_demo_suite!,
    [`nsight_compute_${mm}`]: c.nsight_compute!, [`visual_studio_integration_${mm}`]: [{ rel: 'extras/visual_studio_integration/README.txt', content: 'VS (stand-in)\n' }],
  };
}

function versionJson(release: string): string {
  return `${JSON.stringify({ cuda: { name: 'CUDA SDK', version: release }, cuda_cudart: { name: 'CUDA Runtime (cudart)', version: release } }, null, 3)}\n`;
}

function installerScript(release: string, driver: string, os: Os): string {
  const payload = { kind: os, version: release.split('.').slice(0, 2).join('.'), bundledDriver: driver, subpackages: subpackages(release, os), versionJson: versionJson(release) };
  return `#!/bin/sh\n# Simulated NVIDIA CUDA ${release} installer (TorchLift tests)\nexec ${shQuote(process.execPath)} ${shQuote(SETUP_SCRIPT)} "$0" "$@"\n#PAYLOAD:${JSON.stringify(payload)}`;
}

const md5 = (b: Buffer | string): string => createHash('md5').update(b).digest('hex');
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Builds the tree under `root`; returns what it published. */
export async function buildNvidiaTree(root: string, opts: { releases?: NvidiaRelease[]; cudnn?: string[] } = {}): Promise<NvidiaTree> {
  const releases = opts.releases ?? DEFAULT_RELEASES;
  const cudnnVersions = opts.cudnn ?? ['9.1.0.70', '8.9.7.29'];
  const files: string[] = [];
  const md5s: Record<string, string> = {};
  const put = async (rel: string, content: Buffer | string): Promise<void> => {
    const p = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, content);
    files.push(rel);
  };
  for (const { release, driver } of releases) {
    const lines: string[] = [];
    for (const os of ['windows', 'linux'] as const) {
      const name = os === 'windows' ? `cuda_${release}_${driver}_windows.exe` : `cuda_${release}_${driver}.00_linux.run`;
      const body = installerScript(release, driver, os);
      await put(`compute/cuda/${release}/local_installers/${name}`, body);
      md5s[name] = md5(body);
      lines.push(`${md5(body)}  ${name}`);
    }
    lines.push(`${'0'.repeat(32)}  cuda_${release}_windows_network.exe`);
    await put(`compute/cuda/${release}/docs/sidebar/md5sum.txt`, `${lines.join('\n')}\n`);
    const manifest: Record<string, unknown> = { release_date: '2026-01-01', release_label: release, release_product: 'cuda' };
    for (const os of ['windows', 'linux'] as const) {
      const plat = os === 'windows' ? 'windows-x86_64' : 'linux-x86_64';
      for (const [component, entries] of Object.entries(componentFiles(release, os))) {
        const top = `${component}-${plat}-${release}-archive`;
        const ext = os === 'windows' ? 'zip' : 'tar.xz';
        const rel = `${component}/${plat}/${top}.${ext}`;
        const abs = path.join(root, 'compute', 'cuda', 'redist', ...rel.split('/'));
        await fs.mkdir(path.dirname(abs), { recursive: true });
        const withLicense = [...entries, { rel: 'LICENSE', content: 'NVIDIA license (stand-in)\n' }];
        if (os === 'windows') await writeZip(abs, withLicense.map((e) => ({ name: `${top}/${e.rel}`, data: e.content, mode: e.mode ? 0o100000 | e.mode : undefined })));
        else await writeTarXz(abs, withLicense.map((e) => ({ name: `${top}/${e.rel}`, data: e.content, mode: e.mode })));
        files.push(`compute/cuda/redist/${rel}`);
        const bytes = await fs.readFile(abs);
        const entry = (manifest[component] ??= { name: component, license: 'CUDA Toolkit', version: release }) as Record<string, unknown>;
        entry[plat] = { relative_path: rel, sha256: sha256(bytes), md5: md5(bytes), size: String(bytes.length) };
      }
    }
    await put(`compute/cuda/redist/redistrib_${release}.json`, JSON.stringify(manifest, null, 2));
  }
  for (const full of cudnnVersions) {
    const version = full.split('.').slice(0, 3).join('.');
    const major = Number(version.split('.')[0]);
    const variants = major >= 9 ? [12, 11] : [12, 11];
    const cudnn: Record<string, unknown> = { name: 'NVIDIA CUDA Deep Neural Network library', license: 'cudnn', version: full, cuda_variant: variants.map(String) };
    for (const os of ['windows', 'linux'] as const) {
      const plat = os === 'windows' ? 'windows-x86_64' : 'linux-x86_64';
      const byVariant: Record<string, unknown> = {};
      for (const cudaMajor of variants) {
        const top = `cudnn-${plat}-${full}_cuda${cudaMajor}-archive`;
        const libs = cudnnLibs({ os, version, cudaMajor, dir: os === 'windows' ? 'bin' : 'lib' });
        const entries: FileEntry[] = [
          ...libEntries(libs).map((e) => (os === 'linux' ? { ...e, rel: `lib/${path.basename(e.rel)}` } : e)),
          { rel: 'include/cudnn_version.h', content: cudnnVersionHeader(version) },
          { rel: 'include/cudnn.h', content: '#include "cudnn_version.h"\n' },
          ...(os === 'windows' ? [{ rel: 'lib/x64/cudnn.lib', content: 'FAKE-LIB cudnn import library\n' }] : []),
          { rel: 'LICENSE', content: 'cuDNN license (stand-in)\n' },
        ];
        const ext = os === 'windows' ? 'zip' : 'tar.xz';
        const rel = `cudnn/${plat}/${top}.${ext}`;
        const abs = path.join(root, 'compute', 'cudnn', 'redist', ...rel.split('/'));
        await fs.mkdir(path.dirname(abs), { recursive: true });
        if (os === 'windows') await writeZip(abs, entries.map((e) => ({ name: `${top}/${e.rel}`, data: e.content })));
        else await writeTarXz(abs, entries.map((e) => ({ name: `${top}/${e.rel}`, data: e.content })));
        files.push(`compute/cudnn/redist/${rel}`);
        const bytes = await fs.readFile(abs);
        byVariant[`cuda${cudaMajor}`] = { relative_path: rel, sha256: sha256(bytes), md5: md5(bytes), size: String(bytes.length) };
      }
      cudnn[plat] = byVariant;
    }
    await put(`compute/cudnn/redist/redistrib_${version}.json`, JSON.stringify({ release_date: '2026-01-01', release_label: version, release_product: 'cudnn', cudnn }, null, 2));
  }
  return { root, releases, cudnn: cudnnVersions, md5: md5s, files };
}
