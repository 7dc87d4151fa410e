import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { torchBuild, type TorchBuild } from './builds.js';
import { distInfoEntries } from './dist-info.js';
import type { FileEntry } from './files.js';
import { cudaLibs, cudnnLibs, libEntries, torchOwnLibs, type FakeLib } from './libs.js';

/** Folder holding the Python sources of the fake packages (torch/, torchvision/, xformers/). */
export const FAKE_PYTHON_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python');

const templateCache = new Map<string, FileEntry[]>();

/** The Python sources of one fake package, relative to site-packages (read once, then cached). */
function templateEntries(pkg: string): FileEntry[] {
  const cached = templateCache.get(pkg);
  if (cached) return cached;
  const out: FileEntry[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '__pycache__') continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}/${name}`);
      else out.push({ rel: `${rel}/${name}`, content: readFileSync(full) });
    }
  };
  walk(path.join(FAKE_PYTHON_DIR, pkg), pkg);
  templateCache.set(pkg, out);
  return out;
}

/** The fake torch for one build and OS: package files, libraries and the manifest the import checks. */
export interface FakeTorchPackage {
  build: TorchBuild;
  /** Every file to place in site-packages (sources, version.py, manifest, libraries, dist-info). */
  entries: FileEntry[];
  /** The libraries the import requires, relative to site-packages. */
  libs: FakeLib[];
}

/** Builds the file set of a fake torch (pure: nothing is written). Reusable for building wheels. */
export function fakeTorchPackage(opts: { version: string; os: 'windows' | 'linux' }): FakeTorchPackage {
  const build = torchBuild(opts.version);
  const cuda = build.cuda;
  const libs: FakeLib[] = [...torchOwnLibs({ os: opts.os, torchVersion: build.version, cuda: cuda !== null })];
  const cudnnDir = opts.os === 'windows' ? 'torch/lib' : 'nvidia/cudnn/lib';
  if (cuda !== null && build.cudnn !== null) {
    libs.push(...cudaLibs({ os: opts.os, cuda, dir: 'torch/lib' }));
    libs.push(...cudnnLibs({ os: opts.os, version: build.cudnn, cudaMajor: Number(cuda.split('.')[0]), dir: cudnnDir }));
  }
  const cudnnMain = libs.find((l) => l.component === 'cudnn')?.rel ?? null;
  const manifest = {
    version: build.version,
    cuda,
    platform: opts.os,
    archList: build.archList[opts.os],
    cudnnMain,
    libs: libs.map((l) => ({ rel: l.rel, component: l.component, major: l.major })),
  };
  const versionPy = [
    `__version__ = '${build.version}'`,
    'debug = False',
    `cuda = ${cuda === null ? 'None' : `'${cuda}'`}`,
    `git_version = '${build.gitVersion}'`,
    'hip = None',
    '',
  ].join('\n');
  const files: FileEntry[] = [
    ...templateEntries('torch'),
    { rel: 'torch/version.py', content: versionPy },
    { rel: 'torch/_fake_manifest.json', content: `${JSON.stringify(manifest, null, 1)}\n` },
    ...libEntries(libs),
  ];
  const dist = distInfoEntries({
    name: 'torch', version: build.version, topLevel: ['functorch', 'torch', 'torchgen'], requiresPython: '>=3.8.0',
    summary: 'Tensors and Dynamic neural networks in Python with strong GPU acceleration',
    requiresDist: ['filelock', 'typing-extensions', 'sympy', 'networkx', 'jinja2'],
  }, files);
  return { build, entries: [...files, ...dist], libs };
}

/** The fake torchvision (version only) file set. */
export function fakeTorchvisionPackage(opts: { version: string }): FileEntry[] {
  const files: FileEntry[] = [
    ...templateEntries('torchvision'),
    { rel: 'torchvision/version.py', content: `__version__ = '${opts.version}'\ngit_version = 'fake'\ncuda = None\n` },
  ];
  return [...files, ...distInfoEntries({
    name: 'torchvision', version: opts.version, topLevel: ['torchvision'], requiresPython: '>=3.8',
    summary: 'image and video datasets and models for torch deep learning', requiresDist: ['numpy', 'requests', 'torch'],
  }, files)];
}

/** What an xformers wheel was built against (its xformers/cpp_lib.json). */
export interface XformersBuiltFor {
  torch: string;
  /** torch.version.cuda of the build, e.g. "11.8"; written as xformers does: 11.8 → 1108. */
  cuda: string | null;
  python: string;
}

/** xformers' own CUDA number (setup.py get_cuda_version: major*100 + first digit of minor): 11.8 → 1108. */
export function xformersCudaNumber(cuda: string): number {
  const [major = '0', minor = '0'] = cuda.split('.');
  return Number(major) * 100 + Number(minor[0] ?? '0');
}

/** The fake xformers file set, with cpp_lib.json shaped like the real setup.py writes it (json.dumps). */
export function fakeXformersPackage(opts: { version: string; builtFor: XformersBuiltFor }): FileEntry[] {
  const cpp = {
    version: {
      cuda: opts.builtFor.cuda === null ? null : xformersCudaNumber(opts.builtFor.cuda),
      torch: opts.builtFor.torch,
      python: opts.builtFor.python,
    },
    env: {
      TORCH_CUDA_ARCH_LIST: '5.0+PTX 6.0 6.1 7.0 7.5 8.0 8.6', PYTORCH_ROCM_ARCH: null, XFORMERS_BUILD_TYPE: 'Release',
      XFORMERS_ENABLE_DEBUG_ASSERTIONS: null, NVCC_FLAGS: null, XFORMERS_PACKAGE_FROM: `wheel-v${opts.version}`,
    },
  };
  const files: FileEntry[] = [
    ...templateEntries('xformers'),
    { rel: 'xformers/version.py', content: `# noqa: C801\n__version__ = "${opts.version}"\ngit_tag = "v${opts.version}"\n` },
    { rel: 'xformers/cpp_lib.json', content: pythonJsonDumps(cpp) },
  ];
  return [...files, ...distInfoEntries({
    name: 'xformers', version: opts.version, topLevel: ['xformers'], requiresPython: '>=3.7',
    summary: 'XFormers: A collection of composable Transformer building blocks.',
    requiresDist: ['numpy', 'pyre-extensions (==0.0.29)', `torch (==${opts.builtFor.torch.split('+')[0]})`],
  }, files)];
}

/** Python's json.dumps default formatting (", " and ": " separators, no trailing newline). */
function pythonJsonDumps(value: unknown): string {
  return JSON.stringify(value).replace(/"(?:[^"\\]|\\.)*"|[,:]/g, (m) => (m === ',' ? ', ' : m === ':' ? ': ' : m));
}
