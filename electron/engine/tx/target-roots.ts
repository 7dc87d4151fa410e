import path from 'node:path';

/** True when `file` lies inside `root` (or is it), compared as resolved paths; ".." never escapes. */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The files that lie outside every declared root (a safety stop before anything is touched). */
export function filesOutsideRoots(files: readonly string[], roots: readonly string[]): string[] {
  return files.filter((f) => !roots.some((r) => isInside(r, f)));
}
