import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ScenarioName } from './scenarios/index.js';
import { AppPage } from './support/app-page.js';
import { launchBrowser, newPage, problemsOf } from './support/browser.js';
import { startScenarioHost, type ScenarioHost } from './support/scenario-host.js';
import { screenshotPath } from './support/web-host.js';

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'locales');

/** Every finding title the doctor's catalog has in `lang` (title, titleNewer, …). */
function findingTitles(lang: string): Set<string> {
  const catalog = JSON.parse(fs.readFileSync(path.join(LOCALES, lang, 'findings.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  return new Set(Object.values(catalog).flatMap((texts) => Object.entries(texts).filter(([k, v]) => k.startsWith('title') && typeof v === 'string').map(([, v]) => v as string)));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the app for `served` in a browser whose language is `locale`, and waits for the probed report. */
async function openApp(served: ScenarioHost, locale: string): Promise<AppPage> {
  const app = new AppPage(await newPage(browser, { locale }));
  await app.open(served.host.url);
  await app.waitForScanComplete();
  return app;
}

describe('Scan screen on scenario (a) rtx4070-a1111', () => {
  let served: ScenarioHost;
  beforeAll(async () => {
    served = await startScenarioHost('rtx4070-a1111');
  });
  afterAll(async () => {
    await served?.close();
  });

  it('shows the GPU, the driver with its max CUDA, and the install with torch 2.0.1+cu118', async () => {
    const app = await openApp(served, 'en-US');
    const page = app.page;
    expect(await app.gpuName.textContent()).toBe('NVIDIA GeForce RTX 4070');
    expect(await page.getByTestId('gpu-card').textContent()).toContain('Ada Lovelace');
    expect(await app.driverSummary.textContent()).toBe('Driver 546.33 — the newest CUDA your driver supports: 12.3');
    expect(await app.installCards.count()).toBe(1);
    const card = app.installCards.first();
    expect(await card.getByTestId('torch-version').textContent()).toBe('2.0.1+cu118');
    expect(await card.locator('h2').textContent()).toBe('AUTOMATIC1111 WebUI');
    expect(await card.getByTestId('install-path').textContent()).toBe(served.scenario.apps[0]);
    expect(await page.getByTestId('cuda-driver').textContent()).toContain('12.3');
    expect(await page.getByTestId('cuda-torch').textContent()).toContain('11.8');
    await app.screenshot(screenshotPath('scan-rtx4070.png'));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('a log pasted on Diagnosis goes to the real doctor, which answers in Japanese and fills in from the scan', async () => {
    const app = await openApp(served, 'ja-JP');
    const page = app.page;
    await app.openDiagnosis();
    await page.getByLabel('ログのテキスト').fill('Traceback (most recent call last):\nAssertionError: Torch not compiled with CUDA enabled');
    await page.getByRole('button', { name: '診断する' }).click();
    const result = page.getByTestId('doctor-result');
    await expect.poll(() => result.textContent()).toContain('torch が CPU 専用版です');
    const text = (await result.textContent()) ?? '';
    // The real doctor took what the paste does not say from this machine's scan (the fixture engine never does).
    expect(text).toContain('546.33');
    expect(text).not.toContain('torch is a CPU-only build');
    await app.expandAllWhy();
    expect(await result.locator('.evidence li').allTextContents()).toContain('AssertionError: Torch not compiled with CUDA enabled');
    expect((await result.locator('.evidence li').allTextContents()).join('\n')).toContain('スキャン結果: ');
    await app.screenshot(screenshotPath('diagnosis-paste-ja.png'));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});

const DIAGNOSED: ScenarioName[] = ['rtx4070-a1111', 'gtx1660-comfy-portable', 'rtx5070ti-forge'];

describe.each(DIAGNOSED)('Diagnosis screen on scenario %s', (name) => {
  let served: ScenarioHost;
  beforeAll(async () => {
    served = await startScenarioHost(name);
  });
  afterAll(async () => {
    await served?.close();
  });

  it.each([
    ['en', 'en-US', 'This machine', 'Diagnosis'],
    ['ja', 'ja-JP', 'このパソコン', '診断'],
    ['zh-CN', 'zh-CN', '这台电脑', '诊断'],
  ])('renders findings in %s', async (lang, locale, machineHeading, title) => {
    const app = await openApp(served, locale);
    const page = app.page;
    if (lang === 'en') await app.screenshot(screenshotPath(`scan-${name}.png`));
    await app.openDiagnosis();
    const groups = page.getByTestId('finding-group');
    expect(await groups.count()).toBeGreaterThanOrEqual(1);
    const headings = await groups.locator('h2').allTextContents();
    // Machine-wide findings, when there are any, come first; every install has its own group.
    if (headings.includes(machineHeading)) expect(headings[0]).toBe(machineHeading);
    expect(await page.locator('.finding-group .path').allTextContents()).toContain(served.scenario.apps[0]);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('h1').textContent()).toBe(title);
    // Every finding's title is a text of this language's catalog, and (in ja / zh-CN) none is left in English.
    const titles = await page.locator('.finding-title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    const own = findingTitles(lang);
    const english = findingTitles('en');
    for (const t of titles) {
      expect([...own].some((template) => new RegExp(`^${template.replace(/[.*+?^$()[\]\\|]/g, '\\$&').replace(/\{\{\s*[\w.-]+\s*\}\}/g, '.+')}$`).test(t)), t).toBe(true);
      if (lang !== 'en') expect(english.has(t), t).toBe(false);
    }
    await app.expandAllWhy();
    await app.screenshot(screenshotPath(`diagnosis-${name}-${lang}.png`));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});

describe('Scan screen on scenario (c) linux-no-gpu', () => {
  let served: ScenarioHost;
  beforeAll(async () => {
    served = await startScenarioHost('linux-no-gpu');
  });
  afterAll(async () => {
    await served?.close();
  });

  it('says there is no NVIDIA GPU and still lists the install', async () => {
    const app = await openApp(served, 'en-US');
    expect(await app.page.getByTestId('machine-notice').textContent()).toMatch(/NVIDIA/);
    expect(await app.installCards.count()).toBe(1);
    await app.screenshot(screenshotPath('scan-linux-no-gpu.png'));
    await app.page.context().close();
  });
});
