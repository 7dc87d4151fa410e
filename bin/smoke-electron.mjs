#!/usr/bin/env node
// `npm run smoke:electron`: the real-Electron smoke test (Playwright's _electron): the window opens, Scan paints,
// Settings, Logs & report and About open, and the console shows no errors. It needs the Electron runtime, which the
// release workflow downloads (`npm run electron:download`); where there is none (these development machines cannot
// fetch it) it says so and exits 0 — it is not part of `npm test`.
// TORCHLIFT_SMOKE_EXECUTABLE=<packaged app executable> tests an unpacked build (out/linux-unpacked/torchlift,
// out/win-unpacked/TorchLift.exe) instead of `electron .`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { electronBinary } from './start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packaged = process.env.TORCHLIFT_SMOKE_EXECUTABLE;
const found = packaged ? (fs.existsSync(packaged) ? { bin: packaged } : { why: `${packaged} does not exist` }) : electronBinary();
if (!found.bin) {
  process.stdout.write(`Electron smoke test: no Electron runtime on this machine (${found.why}); nothing to launch. ` +
    'The release workflow downloads Electron and runs this test on Windows and Linux.\n0 passed, 0 failed\n');
  process.exit(0);
}
if (!packaged && !fs.existsSync(path.join(root, 'dist', 'electron', 'main', 'main.js'))) {
  process.stderr.write('dist/ is missing: run "npm run build" first.\n');
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-smoke-'));
const problems = [];
let passed = 0;
const check = (name, ok, detail = '') => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}\n`);
  if (ok) passed++;
  else problems.push(name);
};

const app = await electron.launch({
  executablePath: found.bin,
  args: packaged ? [] : [root],
  env: { ...process.env, TORCHLIFT_DATA_DIR: dataDir, TORCHLIFT_NVIDIA_SMI: process.env.TORCHLIFT_NVIDIA_SMI ?? 'none', ELECTRON_ENABLE_LOGGING: '1' },
  timeout: 60_000,
});
try {
  const page = await app.firstWindow({ timeout: 60_000 });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  check('the window opens', (await page.title()) !== undefined, await page.title());
  await page.getByTestId('scan-screen').waitFor({ timeout: 60_000 });
  check('Scan paints', await page.getByTestId('scan-screen').isVisible());
  check('the preload exposes the API', await page.evaluate('typeof window.torchlift?.appInfo === "function"'));
  for (const [nav, screen] of [['nav-settings', 'settings-screen'], ['nav-logs', 'logs-screen'], ['nav-about', 'about-screen']]) {
    await page.getByTestId(nav).click();
    await page.getByTestId(screen).waitFor({ timeout: 30_000 });
    check(`${screen} opens`, true);
  }
  await page.getByTestId('about-version').waitFor({ timeout: 30_000 });
  check('About shows the version from the packaged files', /\d+\.\d+\.\d+/.test(await page.getByTestId('about-version').innerText()));
  await page.screenshot({ path: path.join(dataDir, 'smoke.png') });
  check('no console errors', consoleErrors.length === 0, consoleErrors.join(' | '));
  check('the log file is written', fs.existsSync(path.join(dataDir, 'logs', 'torchlift.log')));
} catch (error) {
  check('smoke run', false, String(error));
} finally {
  await app.close().catch(() => undefined);
}
process.stdout.write(`\n${passed} passed, ${problems.length} failed\n`);
process.exit(problems.length === 0 ? 0 : 1);
