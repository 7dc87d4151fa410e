import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asar from '@electron/asar';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CALLS, ipcChannel } from '../../shared/api/calls.js';
import { createScenario, type Scenario } from '../../e2e/scenarios/index.js';

// The packaged app, built here the way the release workflow builds it (electron-builder, the real file set, asar and
// asarUnpack), but into an unpacked folder and with a stub in place of the Electron runtime, which these machines
// cannot download. The layout is then checked the way the running app resolves it.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-pack-'));
const out = path.join(work, 'out');
let resources = '';
let archive = '';

beforeAll(async () => {
  expect(fs.existsSync(path.join(repo, 'dist', 'electron', 'main', 'main.js')), 'dist/ is missing: run "npm run build" first (npm test does)').toBe(true);
  const stub = path.join(work, 'electron-dist');
  fs.mkdirSync(stub);
  fs.writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\necho "no Electron runtime on this machine" >&2\nexit 1\n', { mode: 0o755 });
  fs.copyFileSync(path.join(repo, 'node_modules', 'electron', 'LICENSE'), path.join(stub, 'LICENSE'));
  const builder = path.join(repo, 'node_modules', '.bin', 'electron-builder');
  const r = await execa(builder, ['--linux', 'dir', '--publish', 'never', `--config.electronDist=${stub}`, `--config.directories.output=${out}`], {
    cwd: repo, reject: false, env: { ...process.env, CI: 'true' }, all: true,
  });
  expect(r.exitCode, r.all).toBe(0);
  resources = path.join(out, 'linux-unpacked', 'resources');
  archive = path.join(resources, 'app.asar');
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the packaged app (electron-builder --dir)', () => {
  it('packs the main, preload and renderer bundles and the production dependencies into app.asar', () => {
    const listing = new Set(asar.listPackage(archive, { isPack: false }).map((p) => p.replace(/\\/g, '/')));
    for (const file of [
      '/package.json', '/dist/electron/main/main.js', '/dist/electron/preload/index.cjs', '/dist/renderer/index.html',
      '/dist/electron/engine/api/handlers.js', '/dist/electron/cli/main.js', '/node_modules/zod/package.json', '/node_modules/electron-log/node.js',
    ]) expect(listing.has(file), file).toBe(true);
    expect([...listing].some((p) => /^\/dist\/renderer\/assets\/.+\.js$/.test(p))).toBe(true);
    // Not shipped: source maps, the bench, dev tools.
    expect([...listing].filter((p) => (p.startsWith('/dist/') && p.endsWith('.map')) || p.startsWith('/dist/electron/bench') || p.startsWith('/node_modules/vitest/'))).toEqual([]);
    const main = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    expect(listing.has(`/${main.main}`)).toBe(true);
  });

  it('keeps every resource (probe, knowledge, locales) outside the archive in app.asar.unpacked, where Python can read it', async () => {
    for (const file of ['resources/probe/probe.py', 'resources/knowledge/gpus.json', 'resources/locales/ja/settings.json', 'resources/locales/zh-CN/engine.json']) {
      expect((asar.statFile(archive, file) as { unpacked?: boolean }).unpacked, file).toBe(true);
      expect(fs.existsSync(path.join(resources, 'app.asar.unpacked', file)), file).toBe(true);
    }
    const probe = path.join(resources, 'app.asar.unpacked', 'resources', 'probe', 'probe.py');
    const py = await execa('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read()); print("parsed")', probe], { reject: false });
    expect(py.stdout, py.stderr).toBe('parsed');
  });

  describe('the main process, started under a mocked electron against the packaged files', () => {
    let scenario: Scenario;
    let report: {
      windows: Array<{ loadFile: string; preload: string | null }>;
      channels: string[];
      calls: Record<string, { ok: boolean; value?: Record<string, unknown>; error?: unknown }>;
      errors: string[];
    };
    // The archive as Electron shows it to the app: a folder at the same path (…/resources/app.asar/…) holding only
    // what is packed; the unpacked files exist only in app.asar.unpacked, as in a real install.
    let appRoot = '';

    beforeAll(async () => {
      scenario = await createScenario('linux-no-gpu');
      const packed = path.join(work, 'packed.asar');
      fs.copyFileSync(archive, packed);
      fs.symlinkSync(path.join(resources, 'app.asar.unpacked'), `${packed}.unpacked`);
      const extracted = path.join(work, 'extracted');
      asar.extractAll(archive, extracted);
      fs.rmSync(archive);
      fs.renameSync(extracted, archive);
      appRoot = archive;
      for (const file of asar.listPackage(packed, { isPack: false })) {
        const rel = file.replace(/^[\\/]/, '');
        const entry = asar.statFile(packed, rel) as { unpacked?: boolean; files?: unknown };
        if (entry.unpacked && !entry.files && rel.startsWith('resources')) fs.rmSync(path.join(appRoot, rel));
      }
      const reportFile = path.join(work, 'main-report.json');
      const r = await execa(process.execPath, ['--import', path.join(repo, 'electron', 'packaging', 'testing', 'register-electron-stub.mjs'), path.join(appRoot, 'dist', 'electron', 'main', 'main.js')], {
        cwd: work, reject: false, all: true, timeout: 120_000,
        env: { ...scenario.env, TL_STUB_REPORT: reportFile, TL_STUB_APP_ROOT: appRoot, TL_STUB_RESOURCES: resources, TL_STUB_APPS: JSON.stringify(scenario.apps) },
      });
      expect(r.exitCode, r.all).toBe(0);
      report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as typeof report;
    }, 180_000);
    afterAll(async () => scenario?.cleanup());

    it('opens the window on the packaged renderer with the packaged preload, and wires every API channel', () => {
      expect(report.errors).toEqual([]);
      expect(report.windows).toEqual([{ loadFile: path.join(appRoot, 'dist', 'renderer', 'index.html'), preload: path.join(appRoot, 'dist', 'electron', 'preload', 'index.cjs') }]);
      expect(fs.existsSync(report.windows[0]!.loadFile)).toBe(true);
      expect(report.channels.sort()).toEqual(API_CALLS.map((n) => ipcChannel(n)).sort());
    });

    it('finds its resources: knowledge and Japanese texts in detect, the probe run by the install\'s Python from app.asar.unpacked', () => {
      const detect = report.calls.detect!;
      expect(detect.ok, JSON.stringify(detect.error)).toBe(true);
      const value = detect.value as { installs: Array<{ path: string; probe: { state: string; message: string | null } | null }>; findings: Array<{ code: string; title: string }> };
      const install = value.installs.find((i) => i.path === scenario.apps[0]);
      expect(install?.probe?.state, JSON.stringify(install?.probe)).toMatch(/^(ok|import-failed)$/);
      expect(value.findings.length).toBeGreaterThan(0);
      expect(value.findings.some((f) => /[\u3040-\u30ff]/.test(f.title))).toBe(true);
    });

    it('reports its version and licences from the packaged files and writes its log in the data folder', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string };
      expect(report.calls.appInfo).toMatchObject({ ok: true, value: { version: pkg.version, host: 'electron' } });
      const about = report.calls.about!.value as { licences: Array<{ name: string }>; dataDir: string };
      expect(about.licences.map((l) => l.name)).toContain('execa');
      expect(about.dataDir).toBe(scenario.env.TORCHLIFT_DATA_DIR);
      const logs = report.calls.readLogs!.value as { lines: string[] };
      expect(logs.lines.some((l) => l.includes('[electron]') && l.includes(`resources ${resources}`))).toBe(true);
    });
  });
});
