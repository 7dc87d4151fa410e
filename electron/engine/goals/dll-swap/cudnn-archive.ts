/** cuDNN archive folder names and version integers (library file names are classified in detect/library-name.ts). */

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
