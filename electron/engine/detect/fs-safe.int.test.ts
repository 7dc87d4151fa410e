import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSize, readTextOrNull } from './fs-safe.js';
import { readInstall } from './installs.js';
import { scanLibraries } from './libraries.js';
import { cleanEnv, makeTempRoot, writeTree } from './testing/tree.js';

describe('special files are never read', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ root, cleanup } = await makeTempRoot()));
  afterAll(() => cleanup());

  it('a FIFO named webui-user.sh does not hang readInstall (no writer ever opens it)', async () => {
    const dir = path.join(root, 'fifo sd');
    await writeTree(dir, { 'webui.py': '', 'modules/launch_utils.py': '', 'venv/bin/python': '#!/bin/sh\n' });
    execFileSync('mkfifo', [path.join(dir, 'webui-user.sh')]);
    const { install, interpreter } = await readInstall({ dir, ctx: { env: cleanEnv(), platform: 'linux' } });
    expect(install.kind).toBe('a1111');
    expect(install.launcher).toBeNull();
    expect(interpreter?.path).toBe(path.join(dir, 'venv', 'bin', 'python'));
  });

  it('a link to /dev/zero is neither read as text nor listed as a library', async () => {
    const site = path.join(root, 'site-packages');
    await writeTree(site, { 'torch/lib/cudart64_12.dll': 'FAKE-LIB cudart', 'torch/version.py': "__version__ = '2.1.0'\n" });
    await fs.symlink('/dev/zero', path.join(site, 'torch', 'lib', 'cudnn64_9.dll'));
    await fs.symlink('/dev/zero', path.join(site, 'zero.txt'));
    expect(await readTextOrNull(path.join(site, 'zero.txt'))).toBeNull();
    expect(await fileSize(path.join(site, 'zero.txt'))).toBeNull();
    expect((await scanLibraries(site)).map((l) => l.file)).toEqual(['cudart64_12.dll']);
  });

  it('still reads regular files, at most maxBytes of them', async () => {
    const file = path.join(root, 'big.txt');
    await fs.writeFile(file, 'x'.repeat(5000));
    expect(await readTextOrNull(file, 100)).toBe('x'.repeat(100));
    expect(await readTextOrNull(file)).toHaveLength(5000);
    expect(await readTextOrNull(root)).toBeNull();
  });
});
