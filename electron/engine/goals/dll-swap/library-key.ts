/** The identity of a library file across folders: the same key means "the same library, same major". */

// libcudart-e409450e.so.11.0 (auditwheel hash) → libcudart.so.11 ; libcublasLt.so.12.1.3.1 → libcublaslt.so.12
const LINUX = /^lib([a-z][a-z0-9_]*?)(?:-[0-9a-f]{8})?\.so\.(\d+)(?:\.\d+)*$/i;

/** Lowercased file name for Windows DLLs; `lib<name>.so.<major>` for Linux (hash and minor dropped). Null: not keyable. */
export function libraryKey(file: string): string | null {
  if (/\.dll$/i.test(file)) return file.toLowerCase();
  const m = LINUX.exec(file);
  return m ? `lib${(m[1] ?? '').toLowerCase()}.so.${m[2] ?? ''}` : null;
}

/** True for Windows DLL names. */
export function isDllName(file: string): boolean {
  return /\.dll$/i.test(file);
}

/** The CUDA major a cuDNN archive was built for, from its folder name (`…8.9.7.29_cuda11-archive` → 11). */
export function cudnnArchiveCudaMajor(folderName: string): number | null {
  const m = /_cuda(\d+)(?:[.-]|$)/i.exec(folderName);
  return m?.[1] ? Number(m[1]) : null;
}

/** The cuDNN version in an archive folder name (`cudnn-windows-x86_64-8.9.7.29_cuda12-archive` → "8.9.7"). */
export function cudnnArchiveVersion(folderName: string): string | null {
  const m = /(?:^|[-_ ])(\d+)\.(\d+)\.(\d+)/.exec(folderName);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** The integer torch.backends.cudnn.version() returns for "8.9.7" (8907) or "9.1.0" (90100). */
export function cudnnVersionToInt(version: string): number | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return major >= 9 ? major * 10000 + minor * 100 + patch : major * 1000 + minor * 100 + patch;
}
