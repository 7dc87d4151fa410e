import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AppPage } from './support/app-page.js';
import { launchBrowser, newPage, problemsOf } from './support/browser.js';
import { startScenarioHost, type ScenarioHost } from './support/scenario-host.js';
import { screenshotPath } from './support/web-host.js';

// Settings, Logs & report and About through the web host, with the real engine on a simulated machine.
describe('Settings, Logs & report, About', () => {
  let browser: Browser;
  let served: ScenarioHost;
  beforeAll(async () => {
    served = await startScenarioHost('rtx4070-a1111');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Stores `settings` through the host's API, as the Settings screen does: each test sets up what it relies on. */
  const saveSettings = async (settings: Record<string, unknown>): Promise<void> => {
    const origin = `http://127.0.0.1:${served.host.port}`;
    const res = await fetch(`${origin}/api/setSettings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${served.host.token}`, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ settings }),
    });
    expect(res.status).toBe(200);
  };

  const open = async (page: Page, nav: 'settings' | 'logs' | 'about'): Promise<void> => {
    await page.getByTestId(`nav-${nav}`).click();
    await page.getByTestId(`${nav}-screen`).waitFor();
  };

  it('stores a mirror, a PyPI mirror and an offline folder chosen with the folder browser; they survive a reload', async () => {
    const page = await newPage(browser);
    const app = new AppPage(page);
    await app.open(served.host.url);
    await open(page, 'settings');
    await page.getByTestId('settings-torch-mirror').check();
    await page.getByTestId('settings-torch-mirror-select').selectOption('sjtu');
    await page.getByTestId('settings-pypi-mirror').check();
    await page.getByTestId('settings-pypi-select').selectOption('tuna');
    // No system dialog in a browser: the host's folder browser opens on the places (home first).
    await page.getByTestId('settings-wheel-dir-browse').click();
    const home = served.scenario.env.HOME!;
    await page.getByTestId('folder-browser').getByRole('button', { name: home, exact: true }).click();
    await expect.poll(() => page.getByTestId('folder-current').textContent()).toContain(home);
    await page.getByTestId('folder-browser').getByRole('button', { name: 'Downloads', exact: true }).click();
    await expect.poll(() => page.getByTestId('folder-current').textContent()).toContain(path.join(home, 'Downloads'));
    await app.screenshot(screenshotPath('settings-folder-browser-en.png'));
    await page.getByTestId('folder-choose').click();
    expect(await page.getByTestId('settings-wheel-dir-value').textContent()).toBe(path.join(home, 'Downloads'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    const stored = JSON.parse(fs.readFileSync(path.join(served.scenario.env.TORCHLIFT_DATA_DIR!, 'settings.json'), 'utf8'));
    expect(stored).toMatchObject({ torchSource: { kind: 'mirror', mirror: 'sjtu' }, pypiMirror: 'tuna', localWheelDir: path.join(home, 'Downloads') });
    await page.reload();
    await page.getByTestId('scan-screen').waitFor();
    await open(page, 'settings');
    await expect.poll(() => page.getByTestId('settings-torch-mirror-select').inputValue()).toBe('sjtu');
    expect(await page.getByTestId('settings-wheel-dir-value').textContent()).toBe(path.join(home, 'Downloads'));
    await app.screenshot(screenshotPath('settings-en.png'));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the log (the saved settings are in it) and saves an anonymised report as a download', async () => {
    const downloads = path.join(served.scenario.env.HOME!, 'Downloads');
    fs.mkdirSync(downloads, { recursive: true });
    await saveSettings({ localWheelDir: downloads });
    const page = await newPage(browser);
    const app = new AppPage(page);
    await app.open(served.host.url);
    await open(page, 'logs');
    await expect.poll(() => page.getByTestId('log-lines').textContent()).toContain('setSettings');
    expect(await page.getByTestId('log-files').textContent()).toContain('torchlift.log');
    expect(await page.getByTestId('report-anonymize').isChecked()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-save').click()]);
    expect(download.suggestedFilename()).toMatch(/^torchlift-report-\d{8}-\d{6}\.md$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('# TorchLift report');
    expect(text).toContain('## Findings');
    expect(text).toContain(served.scenario.apps[0]!);
    // The offline folder (inside the simulated home) is in the log lines of the report, anonymised.
    expect(text).toContain(`~${path.sep}Downloads`);
    expect(text).not.toContain(served.scenario.env.HOME!);
    await page.getByTestId('report-saved').waitFor();
    await app.screenshot(screenshotPath('logs-en.png'));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('About shows the version, the data folder, sizes and licences; emptying the cache frees it', async () => {
    const cache = path.join(served.scenario.env.TORCHLIFT_DATA_DIR!, 'downloads', 'files', 'sha256-0123');
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(path.join(cache, 'torch-2.5.1.whl'), Buffer.alloc(3 * 1024 * 1024));
    const page = await newPage(browser);
    const app = new AppPage(page);
    await app.open(served.host.url);
    await open(page, 'about');
    const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(await page.getByTestId('about-version').textContent()).toBe(pkg.version);
    expect(await page.getByTestId('about-data-dir').textContent()).toBe(served.scenario.env.TORCHLIFT_DATA_DIR);
    expect(await page.getByTestId('about-cache-size').textContent()).toBe('3 MB');
    await page.getByTestId('about-licences').locator('..').locator('summary').click();
    expect(await page.getByTestId('about-licences').textContent()).toContain('electron-log');
    await app.screenshot(screenshotPath('about-en.png'));
    await page.getByTestId('about-prune-cache').click();
    await expect.poll(() => page.getByTestId('about-pruned').textContent()).toContain('3 MB');
    await expect.poll(() => page.getByTestId('about-cache-size').textContent()).toBe('0 B');
    expect(fs.existsSync(cache)).toBe(false);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['ja', { settings: '設定', logs: 'ログとレポート', about: 'TorchLift について', save: 'レポートを保存', mirror: '上海交通大学 (SJTU)' }],
    ['zh-CN', { settings: '设置', logs: '日志与报告', about: '关于 TorchLift', save: '保存报告', mirror: '上海交通大学 (SJTU)' }],
  ] as const)('%s: every screen speaks the language', async (lang, words) => {
    await saveSettings({ torchSource: { kind: 'mirror', mirror: 'sjtu' } });
    const page = await newPage(browser, { locale: lang });
    const app = new AppPage(page);
    await app.open(served.host.url);
    await app.chooseLanguage(lang);
    await open(page, 'settings');
    await expect.poll(() => page.getByTestId('settings-screen').locator('h1').textContent()).toBe(words.settings);
    await expect.poll(() => page.getByTestId('settings-torch-mirror-select').locator('option:checked').textContent()).toBe(words.mirror);
    await app.screenshot(screenshotPath(`settings-${lang}.png`));
    await open(page, 'logs');
    expect(await page.getByTestId('logs-screen').locator('h1').textContent()).toBe(words.logs);
    expect(await page.getByTestId('report-save').textContent()).toBe(words.save);
    await page.getByTestId('log-lines').waitFor();
    await app.screenshot(screenshotPath(`logs-${lang}.png`));
    await open(page, 'about');
    expect(await page.getByTestId('about-screen').locator('h1').textContent()).toBe(words.about);
    await page.getByTestId('about-version').waitFor();
    await app.screenshot(screenshotPath(`about-${lang}.png`));
    await open(page, 'settings');
    expect(await page.getByTestId(`nav-settings`).textContent()).toBe(words.settings);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
