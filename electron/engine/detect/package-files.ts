/** Pure readers of the files pip leaves in site-packages (no Python started). */

/** torch/version.py: `__version__ = '2.1.2+cu121'` and `cuda: Optional[str] = '12.1'` (or `cuda = None`). */
export function parseTorchVersionPy(text: string): { version: string; cuda: string | null } | null {
  const version = /^__version__\s*(?::[^=\n]*)?=\s*['"]([^'"]+)['"]/m.exec(text)?.[1];
  if (!version) return null;
  const cudaLine = /^cuda\s*(?::[^=\n]*)?=\s*(?:['"]([^'"]*)['"]|None)/m.exec(text);
  const cuda = cudaLine?.[1] ? cudaLine[1] : null;
  return { version, cuda };
}

/** A `__version__ = '...'` assignment anywhere in a module's version.py. */
export function parseDunderVersion(text: string): string | null {
  return /^__version__\s*(?::[^=\n]*)?=\s*['"]([^'"]+)['"]/m.exec(text)?.[1] ?? null;
}

/** `torch-2.1.2+cu121.dist-info` → { name: 'torch', version: '2.1.2+cu121' }; names normalised (lowercase, '_' → '-'). */
export function parseDistInfoName(folder: string): { name: string; version: string } | null {
  const m = /^(.+?)-([^-]+)\.dist-info$/i.exec(folder);
  if (!m?.[1] || !m[2]) return null;
  return { name: normalisePackageName(m[1]), version: m[2] };
}

/** PEP 503-style normalisation: lowercase, runs of `-`, `_`, `.` become `-`. */
export function normalisePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The `Version:` header of a dist-info METADATA file. */
export function parseMetadataVersion(text: string): string | null {
  return /^Version:\s*(\S+)\s*$/m.exec(text)?.[1] ?? null;
}

/** Build info xformers writes into xformers/cpp_lib.json (`{"version": {"torch": ..., "cuda": 1201, "python": ...}}`). */
export interface XformersBuild {
  torch: string | null;
  cuda: string | null;
  python: string | null;
}

/** Reads xformers/cpp_lib.json; CUDA given as an int (1201 → "12.1") or a string ("11.8"). */
export function parseXformersBuildInfo(text: string): XformersBuild | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const root = data as Record<string, unknown>;
  const nested = root.version && typeof root.version === 'object' ? (root.version as Record<string, unknown>) : {};
  const pick = (...values: unknown[]): unknown => values.find((v) => v !== undefined && v !== null);
  const torch = pick(nested.torch, root.torch_version);
  const cuda = pick(nested.cuda, root.cuda_version);
  const python = pick(nested.python, root.python_version);
  return {
    torch: typeof torch === 'string' ? torch : null,
    cuda: cudaText(cuda),
    python: typeof python === 'string' ? python : null,
  };
}

function cudaText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    // 1201 / 1108 → 12.1 / 11.8 (xformers: major*100+minor), 1180 → 11.8 (seen in logs), 12010 → 12.1 (driver API).
    const major = value >= 10000 ? Math.floor(value / 1000) : Math.floor(value / 100);
    let minor = value >= 10000 ? Math.floor((value % 1000) / 10) : value % 100;
    if (minor >= 10 && minor % 10 === 0) minor /= 10; // CUDA minors are single digits
    return `${major}.${minor}`;
  }
  if (typeof value === 'string') {
    const m = /^(\d+)\.(\d+)/.exec(value);
    if (m) return `${m[1]}.${m[2]}`;
    if (/^\d+$/.test(value)) return cudaText(Number(value));
  }
  return null;
}

/** Python version from pyvenv.cfg (`version = 3.10.11`, `version_info = 3.10.11.final.0`). */
export function parsePyvenvVersion(text: string): string | null {
  const m = /^[ \t]*(?:version|version_info)[ \t]*=[ \t]*(\d+\.\d+(?:\.\d+)?)/im.exec(text);
  return m?.[1] ?? null;
}

/** Python major.minor from an embedded distribution's file names (python310._pth, python310.dll, python310.zip). */
export function pythonVersionFromEmbeddedNames(names: readonly string[]): string | null {
  for (const n of names) {
    const m = /^python(\d)(\d{1,2})(?:\._pth|\.dll|\.zip)$/i.exec(n);
    if (m) return `${m[1]}.${m[2]}`;
  }
  return null;
}

/** Python major.minor from a `lib/python3.X` folder name. */
export function pythonVersionFromLibDir(name: string): string | null {
  const m = /^python(\d)\.(\d{1,2})t?$/.exec(name);
  return m ? `${m[1]}.${m[2]}` : null;
}
