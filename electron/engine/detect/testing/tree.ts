import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A folder name with spaces, `&`, brackets and Japanese/Chinese characters, for path-robustness tests. */
export const AWKWARD_NAME = 'ユーザー 用户 [SD] & co';

/** Creates a temp dir (prefix tl-detect-) whose path contains AWKWARD_NAME. */
export async function makeTempRoot(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-detect-'));
  const root = path.join(base, AWKWARD_NAME);
  await fs.mkdir(root, { recursive: true });
  return { root, cleanup: () => fs.rm(base, { recursive: true, force: true }) };
}

/**
 * Writes files under root: keys are '/'-separated relative paths; a key ending in '/' makes a folder;
 * a value starting with '#!' is made executable.
 */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(root, ...rel.split('/').filter(Boolean));
    if (rel.endsWith('/')) {
      await fs.mkdir(target, { recursive: true });
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
    if (content.startsWith('#!')) await fs.chmod(target, 0o755);
  }
}

/** A minimal environment: PATH without any CUDA or nvidia-smi, plus the given variables. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TORCHLIFT_SEARCH_ROOTS: '', ...extra };
}
