/** A toolkit version read from a file: "12.1" plus the fullest string the source gave. */
export interface ToolkitVersion {
  version: string;
  fullVersion: string | null;
  source: 'version.json' | 'version.txt' | 'dist-info' | 'nvcc' | 'folder-name';
}

function majorMinor(full: string): string | null {
  const m = /^(\d+)\.(\d+)/.exec(full.trim());
  return m ? `${m[1]}.${m[2]}` : null;
}

/** version.json (CUDA ≥ 11.1): `{"cuda": {"version": "12.1.1"}, "cuda_nvcc": {"version": "12.1.105"}}`. */
export function versionFromVersionJson(text: string): ToolkitVersion | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const field = (key: string): string | null => {
    const entry = (data as Record<string, unknown> | null)?.[key];
    const v = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).version : undefined;
    return typeof v === 'string' ? v : null;
  };
  const cuda = field('cuda');
  const nvcc = field('cuda_nvcc');
  const version = majorMinor(cuda ?? nvcc ?? '');
  if (!version) return null;
  return { version, fullVersion: nvcc ? `V${nvcc}` : cuda, source: 'version.json' };
}

/** version.txt (CUDA ≤ 11.0): `CUDA Version 11.2.152`. */
export function versionFromVersionTxt(text: string): ToolkitVersion | null {
  const m = /CUDA Version\s+(\d+\.\d+(?:\.\d+)?)/i.exec(text);
  if (!m?.[1]) return null;
  const version = majorMinor(m[1]);
  return version ? { version, fullVersion: m[1], source: 'version.txt' } : null;
}

/** dist-info folder names (`nvidia_cuda_nvcc-13.0.88.dist-info` → 13.0, V13.0.88); nvcc first, then the runtime. */
export function versionFromDistInfoNames(names: readonly string[]): ToolkitVersion | null {
  const pick = (pkg: string): string | null => {
    const re = new RegExp(`^${pkg}-(\\d+\\.\\d+(?:\\.\\d+)*)\\.dist-info$`, 'i');
    for (const n of names) {
      const m = re.exec(n);
      if (m?.[1]) return m[1];
    }
    return null;
  };
  const nvcc = pick('nvidia_cuda_nvcc');
  const other = nvcc ?? pick('nvidia_cuda_runtime') ?? pick('nvidia_cuda_crt') ?? pick('nvidia_cuda_cccl');
  const version = other ? majorMinor(other) : null;
  if (!version) return null;
  return { version, fullVersion: nvcc ? `V${nvcc}` : other, source: 'dist-info' };
}

/** The folder name of a toolkit (`v12.1`, `cuda-12.1`) as a last resort. */
export function versionFromFolderName(name: string): ToolkitVersion | null {
  const m = /^(?:v|cuda-)(\d+\.\d+)$/i.exec(name);
  return m?.[1] ? { version: m[1], fullVersion: null, source: 'folder-name' } : null;
}
