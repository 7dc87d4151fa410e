import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, makeTempRoot, writeTree } from '../../detect/testing/tree.js';
import { locateInstall } from './locate.js';

describe('locateInstall', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ root, cleanup } = await makeTempRoot()));
  afterAll(() => cleanup());

  it('follows venv_dir from webui-user.sh, not a stale venv/ beside it (the one detect reports)', async () => {
    const dir = path.join(root, 'sd sh');
    await writeTree(dir, {
      'webui.py': '', 'modules/launch_utils.py': '',
      'webui-user.sh': '#!/bin/bash\nvenv_dir="real env"\n',
      'real env/bin/python': '#!/bin/sh\n', 'real env/lib/python3.10/site-packages/torch/': '',
      'venv/bin/python': '#!/bin/sh\n', 'venv/lib/python3.10/site-packages/torch/': '',
    });
    const located = await locateInstall(dir, cleanEnv({ TORCHLIFT_PLATFORM: 'linux' }));
    expect(located).toEqual({
      ok: true,
      python: path.join(dir, 'real env', 'bin', 'python'),
      sitePackages: path.join(dir, 'real env', 'lib', 'python3.10', 'site-packages'),
    });
  });

  it('follows VENV_DIR from webui-user.bat on Windows rules', async () => {
    const dir = path.join(root, 'sd bat');
    await writeTree(dir, {
      'webui.py': '', 'modules/launch_utils.py': '',
      'webui-user.bat': '@echo off\r\nset VENV_DIR=D:\\nowhere\r\nset VENV_DIR=env2\r\ncall webui.bat\r\n',
      'env2/Scripts/python.exe': '#!/bin/sh\n', 'env2/Lib/site-packages/torch/': '',
      'venv/Scripts/python.exe': '#!/bin/sh\n', 'venv/Lib/site-packages/torch/': '',
    });
    const located = await locateInstall(dir, cleanEnv({ TORCHLIFT_PLATFORM: 'windows' }));
    expect(located).toMatchObject({ ok: true, python: path.join(dir, 'env2', 'Scripts', 'python.exe') });
  });
});
