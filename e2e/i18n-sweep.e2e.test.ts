import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ScenarioName } from './scenarios/index.js';
import { AppPage } from './support/app-page.js';
import { launchBrowser, newPage, problemsOf } from './support/browser.js';
import { startScenarioHost, type ScenarioHost } from './support/scenario-host.js';
import { screenshotPath } from './support/web-host.js';

/*
 * Every screen in Japanese and Chinese at 900 px, with the real engine on a simulated machine:
 * (a) specific translated texts are there, (b) no English sentence of any catalog the screens draw from is left
 * on the page, (c) no version string (2.0.1+cu118, 546.33, 12.3) is broken across two lines.
 */

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'locales');
/** The catalogs whose texts reach these screens: the renderer's own and the engine's (findings, detect messages). */
const NAMESPACES = ['ui', 'tx', 'upgrade', 'settings', 'findings', 'detect'];
type Json = { [key: string]: string | Json };
type UiLang = 'ja' | 'zh-CN';

function leaves(node: Json, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}
function catalog(lang: string, ns: string): Map<string, string> {
  return new Map(leaves(JSON.parse(fs.readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Json));
}

/**
 * Technical tokens that read the same in every language, so an English catalog fragment made only of them is not an
 * untranslated sentence (kept short on purpose; a text identical in the language's own catalog is skipped too, as a
 * name rather than a sentence).
 */
const ALLOWED = [
  /^AUTOMATIC1111 WebUI$/, /^Stable Diffusion WebUI Forge$/, /^kohya-ss sd-scripts$/, // product names
  /^nvidia-smi \/ nvcc \/ torch$/,
];

/** English fragments of at least three words (the text between placeholders), per language, that must not show. */
function englishSentences(lang: UiLang): string[] {
  const out = new Set<string>();
  for (const ns of NAMESPACES) {
    const own = catalog(lang, ns);
    for (const [key, text] of catalog('en', ns)) {
      if (own.get(key) === text) continue; // the same in both languages: a name, not a sentence
      for (const raw of text.split(/\{\{[^}]+\}\}|<\/?\d+>|\n/)) {
        const fragment = raw.trim().replace(/^[\s:;,.—–-]+|[\s:;,—–-]+$/g, '');
        if ((fragment.match(/[A-Za-z]{2,}/g) ?? []).length < 3 || fragment.length < 12) continue;
        if (ALLOWED.some((re) => re.test(fragment))) continue;
        out.add(fragment);
      }
    }
  }
  return [...out];
}

/**
 * Version tokens whose text is split over more than one line on screen, checked in the page with Range client rects
 * (a string, as the test code is type-checked without the DOM library).
 */
const BROKEN_VERSIONS = `(() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const version = /\\d+(?:\\.\\d+)+(?:\\.post\\d+)?(?:\\+[a-z0-9]+)?/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent || '';
    for (const m of text.matchAll(version)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) found.push(m[0] + ' in "' + text.slice(0, 80) + '"');
    }
  }
  return found;
})()`;

async function brokenVersions(page: Page): Promise<string[]> {
  return (await page.evaluate(BROKEN_VERSIONS)) as string[];
}

/** The page's visible text. */
async function pageText(page: Page): Promise<string> {
  return String(await page.evaluate('document.body.innerText'));
}

/** English sentences of the catalogs found in the page's visible text. */
async function leftoverEnglish(page: Page, sentences: readonly string[]): Promise<string[]> {
  const text = (await pageText(page)).replace(/\s+/g, ' ');
  return sentences.filter((s) => text.includes(s));
}

interface ScreenCheck {
  name: string;
  open(page: Page): Promise<void>;
  /** Texts that must be on the screen, per language (from the catalogs, written out so a test reader sees them). */
  expect: Record<UiLang, string[]>;
}

const nav = (id: string, screen: string) => async (page: Page): Promise<void> => {
  await page.getByTestId(`nav-${id}`).click();
  await page.getByTestId(screen).waitFor();
};

const SCREENS: ScreenCheck[] = [
  {
    name: 'scan',
    open: nav('scan', 'scan-screen'),
    expect: {
      ja: ['スキャン', 'グラフィックカード', 'このドライバーが対応する最新の CUDA: 12.3', 'Stable Diffusion の環境', '3 つの「CUDA バージョン」', 'CUDA_PATH、CUDA_PATH_V12_1、標準のフォルダー、PATH'],
      'zh-CN': ['扫描', '显卡', '该驱动支持的最高 CUDA 版本：12.3', 'Stable Diffusion 安装', '三种不同的“CUDA 版本”', 'CUDA_PATH、CUDA_PATH_V12_1、默认位置、PATH'],
    },
  },
  {
    name: 'diagnosis',
    async open(page) {
      await nav('diagnosis', 'diagnosis-screen')(page);
      await page.getByTestId('finding').first().waitFor();
      await new AppPage(page).expandAllWhy();
    },
    expect: {
      ja: ['診断', 'おすすめの構成', 'ログを貼り付ける', '根拠', 'NVIDIA ドライバー 546.33（CUDA 12.3 まで）', 'a1111 には torch 2.1.2 以降が必要'],
      'zh-CN': ['诊断', '推荐配置', '粘贴日志', '依据', 'NVIDIA 驱动 546.33（最高 CUDA 12.3）', 'a1111 需要 torch 2.1.2 或更高版本'],
    },
  },
  {
    name: 'torch-upgrade',
    open: nav('torch-upgrade', 'upgrade-choose'),
    expect: { ja: ['torch の更新', '入れるビルドと入手先を選ぶ'], 'zh-CN': ['升级 torch', '选择版本和下载来源'] },
  },
  {
    name: 'dll-swap',
    open: nav('dll-swap', 'dll-swap-choose'),
    expect: { ja: ['ファイルの選択'], 'zh-CN': ['选择文件', '替换 CUDA/cuDNN DLL'] },
  },
  { name: 'history', open: nav('history', 'history-screen'), expect: { ja: ['履歴'], 'zh-CN': ['历史记录'] } },
  { name: 'settings', open: nav('settings', 'settings-screen'), expect: { ja: ['設定', '言語'], 'zh-CN': ['设置', '语言'] } },
  { name: 'logs', open: nav('logs', 'logs-screen'), expect: { ja: ['ログとレポート', 'レポートを保存'], 'zh-CN': ['日志与报告', '保存报告'] } },
  { name: 'about', open: nav('about', 'about-screen'), expect: { ja: ['TorchLift について', 'データフォルダー'], 'zh-CN': ['关于 TorchLift', '数据文件夹'] } },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page 900 px wide in `lang`, the app opened and the probed scan finished. */
async function openAt900(served: ScenarioHost, lang: UiLang): Promise<AppPage> {
  const page = await newPage(browser, { locale: lang === 'ja' ? 'ja-JP' : 'zh-CN' });
  await page.setViewportSize({ width: 900, height: 800 });
  const app = new AppPage(page);
  await app.open(served.host.url);
  await app.waitForScanComplete();
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  return app;
}

function hostFor(name: ScenarioName): { get: () => ScenarioHost } {
  let served: ScenarioHost | undefined;
  beforeAll(async () => {
    served = await startScenarioHost(name);
  });
  afterAll(async () => {
    await served?.close();
  });
  return { get: () => served as ScenarioHost };
}

describe.each(['ja', 'zh-CN'] as const)('every screen in %s at 900 px (rtx4070-a1111)', (lang) => {
  const host = hostFor('rtx4070-a1111');
  const sentences = englishSentences(lang);

  it('the catalogs give the sweep English sentences to look for', () => {
    // The check below is only as good as this list: the Scan screen's English heading sentence must be in it.
    expect(sentences).toContain('Stable Diffusion installs');
    expect(sentences.length).toBeGreaterThan(300);
  });

  it('the checks catch a version broken across lines and an English sentence left on the page', async () => {
    const app = await openAt900(host.get(), lang);
    const page = app.page;
    expect(await brokenVersions(page)).toEqual([]);
    await page.evaluate(`(() => {
      const probe = document.createElement('div');
      probe.style.cssText = 'width: 24px; word-break: break-all; font-size: 16px';
      probe.textContent = '2.0.1+cu118 and Stable Diffusion installs';
      document.querySelector('main').prepend(probe);
    })()`);
    expect((await brokenVersions(page)).join()).toContain('2.0.1+cu118');
    expect(await leftoverEnglish(page, sentences)).toContain('Stable Diffusion installs');
    await page.context().close();
  });

  it.each(SCREENS.map((s) => [s.name, s] as const))('%s: translated, no English sentence, no version split across lines', async (name, screen) => {
    const app = await openAt900(host.get(), lang);
    const page = app.page;
    await screen.open(page);
    await app.screenshot(screenshotPath(`i18n-${lang}-${name}.png`));
    const text = await pageText(page);
    for (const expected of screen.expect[lang]) expect(text, `${name} shows "${expected}"`).toContain(expected);
    expect(await leftoverEnglish(page, sentences), `${name}: English left`).toEqual([]);
    expect(await brokenVersions(page), `${name}: versions broken across lines`).toEqual([]);
    // Wizard step labels are whole: none is wider than its box.
    const clipped = await page.locator('.step-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(clipped).toEqual([]);
    // The same warning is not shown twice on one screen (the driver-upgrade banner and a note below it, say).
    const paragraphs = await page.locator('main p, main li').allTextContents();
    const repeated = paragraphs.map((p) => p.trim()).filter((p, i, all) => p.length > 20 && all.indexOf(p) !== i);
    expect(repeated).toEqual([]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});

describe.each(['ja', 'zh-CN'] as const)('a machine without an NVIDIA driver in %s at 900 px (linux-no-gpu)', (lang) => {
  const host = hostFor('linux-no-gpu');

  it('the Scan screen explains it once, in the user language', async () => {
    const app = await openAt900(host.get(), lang);
    const page = app.page;
    const notice = await page.getByTestId('machine-notice').textContent();
    expect(notice).toContain(lang === 'ja' ? 'NVIDIA のグラフィックカードがありません' : '没有 NVIDIA 显卡');
    // The driver card does not repeat the banner's warning, in English or otherwise.
    expect(await page.getByTestId('driver-message').count()).toBe(0);
    const text = await pageText(page);
    expect(text).not.toContain('nvidia-smi was not found');
    expect(text.split(lang === 'ja' ? 'nvidia-smi が見つかりません' : '找不到 nvidia-smi').length).toBeLessThanOrEqual(2);
    await app.screenshot(screenshotPath(`i18n-${lang}-scan-no-gpu.png`));
    expect(await leftoverEnglish(page, englishSentences(lang))).toEqual([]);
    await page.context().close();
  });
});
