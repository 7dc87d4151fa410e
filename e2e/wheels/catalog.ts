import { fakeTorchPackage, fakeTorchvisionPackage, fakeXformersPackage, torchBuild, type FileEntry } from '../fake-torch/index.js';
import type { WheelMeta } from './wheel.js';

/*
 * What the test index offers: real wheels built from the fake packages (e2e/fake-torch). Each wheel says which
 * download.pytorch.org-style variant folders list it (/whl/cu121/…) and whether the PyPI-like /simple lists it.
 */

/** The wheel platforms: a Linux venv installs linux_x86_64, a Windows-layout venv (see upgrade-scenario.ts) win_amd64. */
export type WheelOs = 'linux' | 'windows';

/** One wheel of the catalog, before building. */
export interface WheelSpec {
  /** The project as pip names it: torch, torchvision, torchaudio, xformers, fakedep. */
  project: string;
  version: string;
  /** "cp311" / "cp39" for binary wheels; "py3" for pure ones. */
  python: string;
  /** null for pure (`none-any`) wheels. */
  os: WheelOs | null;
  /** Variant folders (/whl/<variant>/) that list it. */
  variants: readonly string[];
  /** Listed by the PyPI-like /simple index. */
  pypi: boolean;
  requiresPython?: string;
  requiresDist: readonly string[];
}

/** What catalogue the wheel set holds and for which interpreter. */
export interface CatalogOptions {
  /** platform.python_version() of the interpreter the binary wheels target, e.g. "3.11.7". */
  pythonVersion: string;
  /** Size of torch_cpu.dll / libtorch_cpu.so in each torch wheel (the others stay a few KiB). Default 256 KiB. */
  torchLibBytes?: number;
  /** xformers import raises ImportError when the installed torch is not the one it was built for (default true). */
  strictXformers?: boolean;
}

/** torch builds of the index: version → variant and the wheels' Python (null = the interpreter's own). */
export const INDEX_TORCH_BUILDS: ReadonlyArray<{ version: string; variant: string; python: 'own' | 'cp39'; torchaudio: string | null }> = [
  { version: '2.0.1+cu118', variant: 'cu118', python: 'own', torchaudio: '2.0.2+cu118' },
  { version: '2.1.2+cu118', variant: 'cu118', python: 'own', torchaudio: null },
  { version: '2.1.2+cu121', variant: 'cu121', python: 'own', torchaudio: '2.1.2+cu121' },
  // Only for another Python: "no wheel of torch 2.3.1 for your Python 3.11".
  { version: '2.3.1+cu121', variant: 'cu121', python: 'cp39', torchaudio: null },
  { version: '2.4.1+cu124', variant: 'cu124', python: 'own', torchaudio: '2.4.1+cu124' },
  { version: '2.4.1+cpu', variant: 'cpu', python: 'own', torchaudio: null },
  { version: '2.7.1+cu128', variant: 'cu128', python: 'own', torchaudio: '2.7.1+cu128' },
];

/** xformers releases of the index and the exact torch each was built for (facts.md §6). */
export const INDEX_XFORMERS: ReadonlyArray<{ version: string; torch: string }> = [
  { version: '0.0.20', torch: '2.0.1+cu118' },
  { version: '0.0.23.post1', torch: '2.1.2+cu121' },
  { version: '0.0.28.post1', torch: '2.4.1+cu124' },
];

/** The non-family dependency: torch 2.4 and newer need fakedep>=2, older torch is happy with 1.x. */
export const FAKEDEP_VERSIONS = ['1.0', '2.0'] as const;

const publicVersion = (v: string): string => v.split('+')[0] ?? v;
const numeric = (v: string): number[] => publicVersion(v).split('.').map((p) => Number.parseInt(p, 10));
const atLeast = (v: string, min: string): boolean => {
  const [a, b] = [numeric(v), numeric(min)];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
};

/** The wheel specs of the default index, for the interpreter `pythonVersion` ("3.11.7"). */
export function defaultCatalog(pythonVersion: string): WheelSpec[] {
  const own = `cp${pythonVersion.split('.').slice(0, 2).join('')}`;
  const out: WheelSpec[] = [];
  for (const b of INDEX_TORCH_BUILDS) {
    const python = b.python === 'own' ? own : b.python;
    const build = torchBuild(b.version);
    const torchPy = atLeast(b.version, '2.7.0') ? '>=3.9.0' : '>=3.8.0';
    const pin = `torch==${b.version}`;
    for (const os of ['linux', 'windows'] as const) {
      out.push({ project: 'torch', version: b.version, python, os, variants: [b.variant], pypi: false, requiresPython: torchPy,
        requiresDist: [atLeast(b.version, '2.4.0') ? 'fakedep>=2.0' : 'fakedep>=1.0'] });
      out.push({ project: 'torchvision', version: build.torchvision, python, os, variants: [b.variant], pypi: false,
        requiresPython: '>=3.8', requiresDist: [pin] });
      if (b.torchaudio) {
        out.push({ project: 'torchaudio', version: b.torchaudio, python, os, variants: [b.variant], pypi: false, requiresDist: [pin] });
      }
    }
  }
  for (const x of INDEX_XFORMERS) {
    const variant = `cu${(torchBuild(x.torch).cuda ?? '').replace('.', '')}`;
    for (const os of ['linux', 'windows'] as const) {
      out.push({ project: 'xformers', version: x.version, python: own, os, variants: [variant], pypi: true, requiresPython: '>=3.8',
        requiresDist: [`torch==${publicVersion(x.torch)}`] });
    }
  }
  for (const v of FAKEDEP_VERSIONS) out.push({ project: 'fakedep', version: v, python: 'py3', os: null, variants: [], pypi: true, requiresDist: [] });
  return out;
}

/** "cp311-cp311-linux_x86_64", "cp39-cp39-win_amd64", "py3-none-any". */
export function wheelTag(spec: Pick<WheelSpec, 'python' | 'os'>): string {
  if (spec.os === null) return `${spec.python}-none-any`;
  return `${spec.python}-${spec.python}-${spec.os === 'windows' ? 'win_amd64' : 'linux_x86_64'}`;
}

/** "3.11.7" for cp311 when it is the interpreter's own, else a plausible full version of that Python ("3.9.13"). */
function fullPython(tag: string, pythonVersion: string): string {
  const own = `cp${pythonVersion.split('.').slice(0, 2).join('')}`;
  if (tag === own) return pythonVersion;
  const m = /^cp(\d)(\d+)$/.exec(tag);
  return m ? `${m[1]}.${m[2]}.13` : pythonVersion;
}

/** Filler modules so a torch wheel carries a realistic tree (a hundred .py files in a few subpackages). */
function fillerModules(pkg: string, dirs: readonly string[], perDir: number): FileEntry[] {
  const out: FileEntry[] = [];
  for (const d of dirs) {
    out.push({ rel: `${pkg}/${d}/__init__.py`, content: `# ${pkg}.${d} (TorchLift test wheel)\n` });
    for (let i = 0; i < perDir; i += 1) {
      const name = `_m${String(i).padStart(3, '0')}`;
      out.push({ rel: `${pkg}/${d}/${name}.py`, content: `# ${pkg}.${d}.${name}: filler module of a test wheel\nVALUE = ${i}\n` });
    }
  }
  return out;
}

/** Pads one library file to `bytes` (the FAKE-LIB header stays the first line, which is all the fake torch reads). */
function padLib(entry: FileEntry, bytes: number): FileEntry {
  const text = typeof entry.content === 'string' ? entry.content : entry.content.toString('utf8');
  if (text.length >= bytes) return entry;
  const line = 'padding of a stand-in native library: the real one is hundreds of megabytes.\n';
  return { ...entry, content: (text + line.repeat(Math.ceil((bytes - text.length) / line.length))).slice(0, bytes) };
}

const STRICT_XFORMERS_TAIL = [
  '',
  '# Test wheel: like an xformers whose C++ extension fails to load with another torch, the import itself fails.',
  'if isinstance(_cpp_lib._cpp_library_load_exception, _cpp_lib.xFormersInvalidLibException):',
  '    raise ImportError(str(_cpp_lib._cpp_library_load_exception))',
  '',
].join('\n');

/** The files (site-packages relative, no dist-info) and the metadata of one wheel. */
export function wheelContent(spec: WheelSpec, opts: CatalogOptions): { meta: WheelMeta; files: FileEntry[] } {
  const tag = wheelTag(spec);
  const base = { name: spec.project, version: spec.version, tag, requiresDist: spec.requiresDist,
    ...(spec.requiresPython ? { requiresPython: spec.requiresPython } : {}) };
  const noDistInfo = (entries: readonly FileEntry[]): FileEntry[] => entries.filter((e) => !/^[^/]+\.dist-info\//.test(e.rel));
  const os = spec.os ?? 'linux';
  switch (spec.project) {
    case 'torch': {
      const pkg = fakeTorchPackage({ version: spec.version, os });
      const libBytes = opts.torchLibBytes ?? 256 * 1024;
      const files = noDistInfo(pkg.entries).map((e) => (/(^|\/)(lib)?torch_cpu\.(dll|so)$/.test(e.rel) ? padLib(e, libBytes) : e));
      files.push(...fillerModules('torch', ['distributions', 'fx', 'optim', 'utils/data', 'testing/_internal'], 20));
      const topLevel = [...new Set(files.map((f) => f.rel.split('/')[0] ?? ''))].sort();
      return { meta: { ...base, summary: 'Tensors and Dynamic neural networks in Python with strong GPU acceleration', topLevel }, files };
    }
    case 'torchvision': {
      const files = noDistInfo(fakeTorchvisionPackage({ version: spec.version }));
      files.push(...fillerModules('torchvision', ['models', 'transforms'], 5));
      return { meta: { ...base, summary: 'image and video datasets and models for torch deep learning', topLevel: ['torchvision'] }, files };
    }
    case 'torchaudio': {
      const files: FileEntry[] = [
        { rel: 'torchaudio/__init__.py', content: '# Fake torchaudio: version only (imports torch first, like the real one).\nimport torch  # noqa: F401\n\nfrom .version import __version__  # noqa: F401\n' },
        { rel: 'torchaudio/version.py', content: `__version__ = '${spec.version}'\ngit_version = 'fake'\n` },
        ...fillerModules('torchaudio', ['functional', 'transforms'], 3),
      ];
      return { meta: { ...base, summary: 'An audio package for PyTorch', topLevel: ['torchaudio'] }, files };
    }
    case 'xformers': {
      const x = INDEX_XFORMERS.find((e) => e.version === spec.version);
      const forTorch = x?.torch ?? '2.0.1+cu118';
      const entries = noDistInfo(fakeXformersPackage({ version: spec.version,
        builtFor: { torch: forTorch, cuda: torchBuild(forTorch).cuda, python: fullPython(spec.python, opts.pythonVersion) } }));
      const strict = opts.strictXformers ?? true;
      const files = entries.map((e) => (strict && e.rel === 'xformers/__init__.py'
        ? { ...e, content: `${typeof e.content === 'string' ? e.content : e.content.toString('utf8')}${STRICT_XFORMERS_TAIL}` } : e));
      return { meta: { ...base, summary: 'XFormers: A collection of composable Transformer building blocks.', topLevel: ['xformers'] }, files };
    }
    case 'fakedep':
      return {
        meta: { ...base, summary: 'A package outside the torch family that torch depends on (TorchLift tests)', topLevel: ['fakedep'] },
        files: [{ rel: 'fakedep/__init__.py', content: `__version__ = '${spec.version}'\n` }],
      };
    default:
      throw new Error(`test wheels: no content for project ${spec.project}`);
  }
}
