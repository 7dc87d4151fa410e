import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveSettings, DEFAULT_SETTINGS } from '../../settings/settings.js';
import { withSettingsSources } from './defaults.js';

const dataDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tl-defaults-'));

describe('withSettingsSources', () => {
  it('takes the torch mirror and the PyPI mirror chosen in Settings when the request names no source', () => {
    const d = dataDir();
    saveSettings(d, { ...DEFAULT_SETTINGS, torchSource: { kind: 'mirror', mirror: 'nju' }, pypiMirror: 'tuna' });
    const r = withSettingsSources({ app: '/sd' }, d, {});
    expect(r.input.source).toEqual({ kind: 'mirror', name: 'nju' });
    expect(r.env.TORCHLIFT_PIP_INDEX).toBe('https://pypi.tuna.tsinghua.edu.cn/simple');
  });

  it('the request, then the environment, win over Settings; an offline folder becomes --find-links', () => {
    const d = dataDir();
    saveSettings(d, { ...DEFAULT_SETTINGS, torchSource: { kind: 'mirror', mirror: 'sjtu' }, localWheelDir: '/wheels' });
    expect(withSettingsSources({ app: '/sd', source: { kind: 'official' } }, d, {}).input.source).toEqual({ kind: 'official' });
    expect(withSettingsSources({ app: '/sd' }, d, { TORCHLIFT_TORCH_INDEX: 'http://127.0.0.1:1/whl' }).input.source).toBeUndefined();
    expect(withSettingsSources({ app: '/sd' }, d, {}).input.findLinks).toBe('/wheels');
    expect(withSettingsSources({ app: '/sd' }, d, { TORCHLIFT_PIP_INDEX: 'http://x/simple' }).env.TORCHLIFT_PIP_INDEX).toBe('http://x/simple');
  });
});
