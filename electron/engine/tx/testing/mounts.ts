import { run } from '../../process/run.js';

/** Mounts a small tmpfs at `dir` when this process may (root on Linux); false when it cannot. */
export async function tryMountTmpfs(dir: string, bytes: number): Promise<boolean> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const r = await run('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(bytes / 1024)}k`, 'tmpfs', dir], { name: 'mount' });
  return r.ok;
}

/** Remounts a tmpfs read-only (true when it worked). */
export async function remountReadOnly(dir: string): Promise<boolean> {
  return (await run('mount', ['-o', 'remount,ro', dir], { name: 'mount' })).ok;
}

/** Unmounts what tryMountTmpfs mounted (lazy, so a stray handle never blocks cleanup). */
export async function unmount(dir: string): Promise<void> {
  await run('umount', ['-l', dir], { name: 'umount' });
}
