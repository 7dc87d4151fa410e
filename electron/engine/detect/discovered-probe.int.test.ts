import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from './detect.js';
import { cleanEnv, makeTempRoot, writeTree } from './testing/tree.js';

// A "python" that only leaves a marker file behind, so the test sees whether scanning started it.
const marker = (file: string): string => `#!/bin/sh\necho started > '${file.replace(/'/g, `'\\''`)}'\nexit 3\n`;

describe('detect: probes of auto-discovered installs', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  let outsideRan = '';
  let insideRan = '';
  let download = '';
  let own = '';
  beforeAll(async () => ({ root, cleanup } = await makeTempRoot()));
  afterAll(() => cleanup());

  beforeAll(async () => {
    outsideRan = path.join(root, 'outside-ran');
    insideRan = path.join(root, 'inside-ran');
    download = path.join(root, 'Downloads', 'sd-webui (1)');
    own = path.join(root, 'Downloads', 'own venv');
    await writeTree(root, { 'elsewhere/bin/python': marker(outsideRan) });
    await writeTree(download, {
      'webui.py': '', 'modules/launch_utils.py': '',
      'webui-user.sh': `#!/bin/bash\npython_cmd="${path.join(root, 'elsewhere', 'bin', 'python')}"\nvenv_dir="-"\n`,
    });
    await writeTree(own, { 'webui.py': '', 'modules/launch_utils.py': '', 'venv/bin/python': marker(insideRan) });
  });

  it('a PYTHON= outside the folder is reported but not run; its own venv is run', async () => {
    const env = cleanEnv({ TORCHLIFT_SEARCH_ROOTS: path.join(root, 'Downloads'), TORCHLIFT_NVIDIA_SMI: 'none' });
    const report = await detect({ apps: [], probe: true, env, platform: 'linux', probeTimeoutMs: 10_000 });
    const found = report.installs.find((i) => i.path === download);
    expect(found?.python?.path).toBe(path.join(root, 'elsewhere', 'bin', 'python'));
    expect(found?.probe).toMatchObject({ state: 'not-run' });
    expect(found?.probe?.message).toContain('--app');
    expect(fs.existsSync(outsideRan)).toBe(false);
    expect(report.installs.find((i) => i.path === own)?.probe?.state).not.toBe('not-run');
    expect(fs.existsSync(insideRan)).toBe(true);
  });

  it('the same folder passed with --app is probed as before', async () => {
    const env = cleanEnv({ TORCHLIFT_SEARCH_ROOTS: '', TORCHLIFT_NVIDIA_SMI: 'none' });
    const report = await detect({ apps: [download], probe: true, env, platform: 'linux', probeTimeoutMs: 10_000 });
    expect(report.installs[0]?.probe?.state).not.toBe('not-run');
    expect(fs.existsSync(outsideRan)).toBe(true);
  });
});
