import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Settings } from '../../../shared/api/app-contract.js';
import { DEFAULT_SETTINGS, effectiveSources, loadSettings, saveSettings, settingsFile } from './settings.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('settings.json', () => {
  it('gives the defaults when there is no file, and reads back what was saved', () => {
    const dir = tmp();
    expect(loadSettings(dir)).toEqual({ lang: null, torchSource: { kind: 'official' }, pypiMirror: null, localWheelDir: null, nvidiaBaseUrl: null });
    const saved = saveSettings(dir, { ...DEFAULT_SETTINGS, lang: 'ja', torchSource: { kind: 'mirror', mirror: 'nju' }, pypiMirror: 'tuna' });
    expect(loadSettings(dir)).toEqual(saved);
    expect(JSON.parse(fs.readFileSync(settingsFile(dir), 'utf8')).torchSource).toEqual({ kind: 'mirror', mirror: 'nju' });
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
  });

  it('keeps the valid fields of a damaged file and never throws on one that is not JSON', () => {
    const dir = tmp();
    fs.writeFileSync(settingsFile(dir), JSON.stringify({ lang: 'zh-CN', torchSource: { kind: 'mirror', mirror: 'no-such-mirror' }, nvidiaBaseUrl: 'ftp://x' }));
    expect(loadSettings(dir)).toMatchObject({ lang: 'zh-CN', torchSource: { kind: 'official' }, nvidiaBaseUrl: null });
    fs.writeFileSync(settingsFile(dir), '{ not json');
    expect(loadSettings(dir)).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses URLs that are not http(s) and mirrors that do not exist', () => {
    expect(Settings.safeParse({ torchSource: { kind: 'custom', url: 'file:///etc' } }).success).toBe(false);
    expect(Settings.safeParse({ torchSource: { kind: 'mirror', mirror: 'evil' } }).success).toBe(false);
    expect(Settings.safeParse({ pypiMirror: 'javascript:alert(1)' }).success).toBe(false);
    expect(Settings.parse({ torchSource: { kind: 'custom', url: 'https://example.test/whl' } }).torchSource).toEqual({ kind: 'custom', url: 'https://example.test/whl', style: 'index' });
  });
});

describe('effectiveSources (what every goal downloads from)', () => {
  it('official by default, a preset mirror with its style, a custom URL with the variant appended', () => {
    expect(effectiveSources(DEFAULT_SETTINGS, {})).toEqual({
      torch: { style: 'index', template: 'https://download.pytorch.org/whl/{variant}', name: 'official' },
      pypi: 'https://pypi.org/simple', localWheelDir: null, nvidiaBaseUrl: null,
    });
    const aliyun = effectiveSources({ ...DEFAULT_SETTINGS, torchSource: { kind: 'mirror', mirror: 'aliyun' }, pypiMirror: 'tuna' }, {});
    expect(aliyun.torch).toEqual({ style: 'find-links', template: 'https://mirrors.aliyun.com/pytorch-wheels/{variant}/', name: 'aliyun' });
    expect(aliyun.pypi).toBe('https://pypi.tuna.tsinghua.edu.cn/simple');
    const custom = effectiveSources({ ...DEFAULT_SETTINGS, torchSource: { kind: 'custom', url: 'http://127.0.0.1:9/whl/', style: 'index' }, pypiMirror: 'http://127.0.0.1:9/simple' }, {});
    expect(custom.torch.template).toBe('http://127.0.0.1:9/whl/{variant}');
    expect(custom.pypi).toBe('http://127.0.0.1:9/simple');
  });

  it('the environment variables win over the settings', () => {
    const s = effectiveSources({ ...DEFAULT_SETTINGS, torchSource: { kind: 'mirror', mirror: 'nju' }, pypiMirror: 'tuna' }, {
      TORCHLIFT_TORCH_INDEX: 'http://127.0.0.1:8000/whl/', TORCHLIFT_PIP_INDEX: 'http://127.0.0.1:8000/simple',
    });
    expect(s.torch).toEqual({ style: 'index', template: 'http://127.0.0.1:8000/whl/{variant}', name: 'TORCHLIFT_TORCH_INDEX' });
    expect(s.pypi).toBe('http://127.0.0.1:8000/simple');
  });
});
