import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { cacheDir } from './storage.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-app-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const dataDir = path.join(root, 'data 日本語 & [x]');
const handlers = createHandlers({ host: 'web', env: { TORCHLIFT_DATA_DIR: dataDir, TORCHLIFT_SEARCH_ROOTS: '', TORCHLIFT_NVIDIA_SMI: 'none' } });
const call = <N extends Parameters<typeof dispatch>[1]>(name: N, input: unknown) => dispatch(handlers, name, input);

describe('settings through the API', () => {
  it('stores and returns settings; a wheel folder that does not exist is refused in the asked language and nothing is stored', async () => {
    const wheels = path.join(root, 'wheels');
    fs.mkdirSync(wheels);
    const stored = await call('setSettings', { settings: { lang: 'ja', torchSource: { kind: 'mirror', mirror: 'sjtu' }, localWheelDir: wheels } });
    expect(stored).toMatchObject({ ok: true, value: { lang: 'ja', torchSource: { kind: 'mirror', mirror: 'sjtu' }, localWheelDir: wheels } });
    const missing = await call('setSettings', { settings: { localWheelDir: path.join(root, 'nope') }, lang: 'zh-CN' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('wheel-folder-missing');
      expect(missing.error.message).toContain('离线 wheel 文件夹');
    }
    expect(await call('getSettings', {})).toMatchObject({ ok: true, value: { torchSource: { kind: 'mirror', mirror: 'sjtu' } } });
    const bad = await call('setSettings', { settings: { torchSource: { kind: 'custom', url: 'file:///etc/passwd' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe('about and the cache', () => {
  it('reports folders, sizes and the licences of shipped packages; pruning the cache frees its bytes', async () => {
    const entry = path.join(cacheDir(dataDir), 'files', 'sha256-0123');
    fs.mkdirSync(entry, { recursive: true });
    fs.writeFileSync(path.join(entry, 'torch.whl'), Buffer.alloc(4096));
    const about = await call('about', {});
    expect(about.ok).toBe(true);
    if (!about.ok) return;
    expect(about.value.dataDir).toBe(dataDir);
    expect(about.value.cache).toEqual({ path: cacheDir(dataDir), bytes: 4096 });
    expect(about.value.logs.path).toBe(path.join(dataDir, 'logs'));
    expect(about.value.licences).toContainEqual(expect.objectContaining({ name: 'zod', license: 'MIT' }));
    expect(about.value.licences.map((l) => l.name)).not.toContain('vitest');
    expect(await call('pruneCache', {})).toEqual({ ok: true, value: { freedBytes: 4096 } });
    expect(fs.existsSync(entry)).toBe(false);
  });
});

describe('the folder browser', () => {
  it('lists sub-folders only (no files, no contents) and refuses a file', async () => {
    const base = path.join(root, 'browse');
    fs.mkdirSync(path.join(base, 'ComfyUI [portable]'), { recursive: true });
    fs.mkdirSync(path.join(base, '整合包'));
    fs.writeFileSync(path.join(base, 'secret.txt'), 'do not list me');
    const r = await call('listFolders', { path: base });
    expect(r).toEqual({ ok: true, value: { path: base, parent: root, folders: [
      { name: 'ComfyUI [portable]', path: path.join(base, 'ComfyUI [portable]') },
      { name: '整合包', path: path.join(base, '整合包') },
    ] } });
    const file = await call('listFolders', { path: path.join(base, 'secret.txt'), lang: 'ja' });
    expect(file).toMatchObject({ ok: false, error: { code: 'not-a-folder' } });
    if (!file.ok) expect(file.error.message).toContain('フォルダーではありません');
    const places = await call('listFolders', {});
    expect(places.ok && places.value.folders.map((f) => f.path)).toContain(os.homedir());
    const inHome = await dispatch(createHandlers({ host: 'web', env: { TORCHLIFT_DATA_DIR: dataDir, HOME: base } }), 'listFolders', {});
    expect(inHome.ok && inHome.value.folders[0]).toEqual({ name: base, path: base });
    expect(await call('pickFolder', {})).toEqual({ ok: true, value: { supported: false, path: null } });
  });
});

describe('readLogs', () => {
  it('returns the newest lines of this data folder\'s log', async () => {
    await call('pruneCache', {});
    const r = await call('readLogs', { maxLines: 50 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.dir).toBe(path.join(dataDir, 'logs'));
      expect(r.value.lines.some((l) => l.includes('pruneCache'))).toBe(true);
      expect(r.value.files.map((f) => f.name)).toContain('torchlift.log');
    }
  });
});
