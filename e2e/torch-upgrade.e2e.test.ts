import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebHost } from '../electron/web/server.js';
import { AppPage } from './support/app-page.js';
import { launchBrowser, newPage, problemsOf } from './support/browser.js';
import { upgradeFixture, type Frame, type UpgradeFixture } from './support/fixtures/upgrade-fixture.js';
import { screenshotPath, startTestHost } from './support/web-host.js';

// Issue 7's wizard through the web host against a scripted engine (the real one lands separately): every step in
// en, ja and zh-CN, a reload mid-job, and Scan refreshing after a rollback.

type Lang = 'en' | 'ja' | 'zh-CN';

/** What each language must say (asserted as text, so a missing translation fails). */
const WORDS: Record<Lang, { locale: string; title: string; steps: string[]; apply: string; downloading: string; eta: string; official: string; speed: string; rolledBack: string; committed: string; outside: string; reattached: string; scan: string; xformers: string }> = {
  en: {
    locale: 'en-US', title: 'Upgrade torch & xformers', steps: ['Target', 'Review', 'Download', 'Install', 'Verify', 'Result'], apply: 'Download and install', official: 'Official PyTorch index',
    downloading: 'Downloading', eta: '1 min 03 s left', speed: '1.8× faster', rolledBack: 'Rolled back: torch and its packages are as they were before.', committed: 'Upgraded and verified', outside: 'outside torch',
    reattached: 'This upgrade was already running; TorchLift picked it up again.', scan: 'Scan', xformers: '0.0.20 · built for torch 2.0.1+cu118, CUDA 11.8',
  },
  ja: {
    locale: 'ja-JP', title: 'torch と xformers の更新', steps: ['選択', '確認', 'ダウンロード', 'インストール', '検証', '結果'], apply: 'ダウンロードしてインストール', official: 'PyTorch 公式インデックス',
    downloading: 'ダウンロード中', eta: '残り 1 分 03 秒', speed: '1.8 倍速くなりました', rolledBack: '元に戻しました。torch と関連パッケージは更新前の状態です。', committed: '更新して動作を確認しました', outside: 'torch 以外',
    reattached: 'この更新はすでに実行中でした。TorchLift が続きから表示しています。', scan: 'スキャン', xformers: '0.0.20 · torch 2.0.1+cu118 向けにビルド、CUDA 11.8',
  },
  'zh-CN': {
    locale: 'zh-CN', title: '升级 torch 和 xformers', steps: ['选择', '确认', '下载', '安装', '验证', '结果'], apply: '下载并安装', official: 'PyTorch 官方源',
    downloading: '下载中', eta: '剩余 1 分 03 秒', speed: '快了 1.8 倍', rolledBack: '已回滚：torch 及相关软件包已恢复到升级前的样子。', committed: '已升级并通过验证', outside: '非 torch',
    reattached: '这次升级之前就在进行中，TorchLift 已重新接上。', scan: '扫描', xformers: '0.0.20 · 针对 torch 2.0.1+cu118 编译、CUDA 11.8',
  },
};

/** Product and file words that stay as they are in every language. */
const KEEP = /\b(torch|torchvision|xformers|wheel|sha256|pip|URL|Python|CUDA|cuDNN|TorchLift|Web ?UI|WebUI|PyTorch|download\.pytorch\.org|numpy|https)\b/g;

/**
 * The wizard's own words (headings, labels, buttons, table heads, step names, states) with product words, code, paths
 * and the engine's texts (which arrive in the language asked for) left out: on ja / zh-CN screens no English may remain.
 */
async function leftoverEnglish(page: Page, lang: Lang): Promise<string[]> {
  if (lang === 'en') return [];
  const texts = await page.locator('[data-testid="upgrade-screen"]').locator('h1, h2, h3, legend, label, button, th, .stepper, .stat-label, .run-file-state, .field-label, summary, .pill')
    .evaluateAll((els) => els.map((el) => {
      const copy = el.cloneNode(true) as typeof el;
      for (const engine of copy.querySelectorAll('code, pre, .choice-path, .path')) engine.remove();
      return copy.textContent ?? '';
    }));
  return texts.map((t) => t.replace(KEEP, '')).filter((t) => /[A-Za-z]{3,}/.test(t));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh scripted engine and a host serving it, for one test. */
async function serve(): Promise<{ fixture: UpgradeFixture; host: WebHost }> {
  const fixture = upgradeFixture();
  return { fixture, host: await startTestHost(fixture.handlers) };
}

/** Opens the app, then the wizard from Diagnosis' "Upgrade torch & xformers". */
async function openFromDiagnosis(host: WebHost, locale: string, width = 1280): Promise<AppPage> {
  const page = await newPage(browser, { locale });
  if (width !== 1280) await page.setViewportSize({ width, height: 800 });
  const app = new AppPage(page);
  await app.open(host.url);
  await app.waitForScanComplete();
  await app.openDiagnosis();
  await page.getByTestId('open-torch-upgrade').click();
  await page.locator('[data-testid="upgrade-choose"][data-preview="ready"]').waitFor();
  return app;
}

/** Starts the reviewed upgrade and waits until the engine's job answered (its downloads are listed). */
async function startUpgrade(page: Page): Promise<void> {
  await page.getByTestId('upgrade-apply').click();
  await page.locator('[data-testid="upgrade-run"][data-phase="downloading"]').getByTestId('upgrade-download-row').first().waitFor();
}

/** Moves the scripted job on and waits until the wizard shows that step. */
async function advance(page: Page, fixture: UpgradeFixture, frame: Frame): Promise<void> {
  fixture.go(frame);
  if (frame === 'committed' || frame === 'rolled-back') await page.locator(`[data-testid="upgrade-result"][data-status="${frame}"]`).waitFor();
  else await page.locator(`[data-testid="upgrade-run"][data-phase="${frame}"]`).waitFor();
}

describe('torch-upgrade wizard (scripted engine)', () => {
  it.each(['en', 'ja', 'zh-CN'] as const)('walks every step in %s: target → review → download → install → verify → result → rollback', async (lang) => {
    const words = WORDS[lang];
    const { fixture, host } = await serve();
    try {
      const app = await openFromDiagnosis(host, words.locale);
      const page = app.page;
      const shot = (step: string): Promise<void> => app.screenshot(screenshotPath(`upgrade-${step}-${lang}.png`));

      // Choose: the install preselected, the recommendation preselected, the alternative with why, the rejected with the reason.
      expect(await page.locator('h1').textContent()).toBe(words.title);
      expect(await page.getByTestId('stepper').locator('.step-label').allTextContents()).toEqual(words.steps);
      expect(await page.getByTestId('upgrade-install').inputValue()).toContain('stable-diffusion-webui');
      expect(await page.getByTestId('upgrade-target-recommended').isChecked()).toBe(true);
      expect(await page.getByTestId('upgrade-targets').textContent()).toContain('torch 2.3.1+cu121');
      expect(await page.getByTestId('upgrade-target-alternative').getAttribute('data-target')).toBe('2.5.1+cu121');
      await page.getByTestId('upgrade-rejected').locator('summary').click();
      expect(await page.getByTestId('upgrade-rejected').textContent()).toContain('580');
      await page.getByTestId('upgrade-source-mirror').check();
      expect(await page.getByTestId('upgrade-mirror').inputValue()).toBe('nju');
      await page.getByTestId('upgrade-source-official').check();
      await page.locator('[data-testid="upgrade-choose"][data-preview="ready"]').waitFor();
      expect(await leftoverEnglish(page, lang)).toEqual([]);
      await shot('1-choose');

      // Review: every package old → new with its size, the cached one marked, numpy highlighted as outside torch.
      await page.getByTestId('upgrade-plan').click();
      await page.locator('[data-testid="upgrade-review"][data-status="ready"]').waitFor();
      expect(await page.getByTestId('upgrade-summary').textContent()).toBe('torch 2.0.1+cu118 → 2.3.1+cu121');
      const rows = page.getByTestId('upgrade-package');
      expect(await rows.evaluateAll((els) => els.map((e) => [e.querySelector('code')?.textContent, e.getAttribute('data-family'), e.getAttribute('data-cached')])))
        .toEqual([['torch', 'true', 'false'], ['torchvision', 'true', 'true'], ['xformers', 'true', 'false'], ['numpy', 'false', 'false']]);
      expect(await rows.nth(3).textContent()).toContain(words.outside);
      expect(await page.getByTestId('outside-notice').textContent()).toContain('numpy');
      expect(await page.getByTestId('upgrade-download').locator('.stat-value').textContent()).toBe('2.5 GB');
      expect(await page.getByTestId('launcher-change').count()).toBe(2);
      expect(await page.getByTestId('upgrade-source-label').textContent()).toBe(words.official);
      expect(await page.getByTestId('upgrade-apply').textContent()).toBe(words.apply);
      expect(await leftoverEnglish(page, lang)).toEqual([]);
      await shot('2-review');

      // Download: per-file bars with bytes, speed and time left.
      await startUpgrade(page);
      expect(fixture.started).toMatchObject([{ goal: 'torch-upgrade', source: { kind: 'official' }, lang }]);
      const downloads = page.getByTestId('upgrade-download-row');
      await downloads.first().waitFor();
      expect(await downloads.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['downloading', 'cached', 'done', 'pending']);
      expect(await downloads.first().locator('.run-file-state').textContent()).toBe(words.downloading);
      const facts = await downloads.first().getByTestId('download-facts').textContent();
      expect(facts).toContain('2.4 GB');
      expect(facts).toContain('23.4 MB');
      expect(facts).toContain(words.eta);
      expect(await page.getByTestId('stepper').locator('[aria-current="step"] .step-label').textContent()).toBe(words.steps[2]);
      expect(await leftoverEnglish(page, lang)).toEqual([]);
      await shot('3-download');

      // Install: pip's output, the newest line at the bottom and scrolled into view.
      await advance(page, fixture, 'installing');
      await expect.poll(() => page.getByTestId('upgrade-log').textContent()).toContain('Successfully uninstalled torch-2.0.1+cu118');
      expect(await page.getByTestId('upgrade-log').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(24);
      // Log times are local, not the engine's UTC stamps.
      expect(await page.getByTestId('upgrade-log').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      await shot('4-install');

      // Verify: the checks so far, each ✓.
      await advance(page, fixture, 'verifying');
      expect(await page.getByTestId('verify-check').evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))).toEqual(Array(6).fill('true'));
      await shot('5-verify');

      // Result: verified with the before/after timing, a copyable rollback command, Rollback.
      await advance(page, fixture, 'committed');
      expect(await page.getByTestId('result-banner').locator('.banner-title').textContent()).toBe(words.committed);
      expect(await page.getByTestId('verify-speedup').textContent()).toBe(words.speed);
      expect(await page.getByTestId('rollback-command').locator('pre').textContent()).toBe('torchlift rollback tx-upgrade-1');
      expect(await leftoverEnglish(page, lang)).toEqual([]);
      await shot('6-result');
      await page.getByTestId('upgrade-rollback').click();
      await page.getByTestId('rollback-yes').click();
      await page.getByTestId('manual-rollback-done').waitFor();
      expect(await page.getByTestId('manual-rollback-done').textContent()).toContain(words.rolledBack);
      await shot('7-rolled-back');
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    } finally {
      await host.close();
    }
  });

  it('shows a verification failure as "Rolled back: <reason>" with the failed check marked ✗', async () => {
    const { fixture, host } = await serve();
    try {
      const app = await openFromDiagnosis(host, 'en-US');
      const page = app.page;
      await page.getByTestId('upgrade-plan').click();
      await startUpgrade(page);
      await advance(page, fixture, 'rolled-back');
      expect(await page.getByTestId('rolled-back-reason').textContent()).toBe('Rolled back: torchvision.ops.nms failed: operator torchvision::nms does not exist');
      const failed = page.locator('[data-testid="verify-check"][data-ok="false"]');
      expect([await failed.locator('.verify-mark').textContent(), await failed.locator('.verify-name').textContent()]).toEqual(['✗', 'torchvision.ops.nms']);
      expect(await page.getByTestId('upgrade-rollback').count()).toBe(0);
      // The banner names the failure; the checks are folded below it, so it is not shown twice.
      expect(await page.getByTestId('verification').getAttribute('open')).toBeNull();
      await app.screenshot(screenshotPath('upgrade-6-result-rolled-back-en.png'));
      await page.context().close();
    } finally {
      await host.close();
    }
  });

  it('picks the alternative: the plan says xformers is removed and why', async () => {
    const { host } = await serve();
    try {
      const app = await openFromDiagnosis(host, 'ja-JP', 900);
      const page = app.page;
      /** Version strings shown broken across two lines, or sticking out of their box (none may be, at 900 px). */
      const brokenVersions = (): Promise<(string | null)[]> =>
        page.locator('.version').evaluateAll((els) => els
          .filter((e) => e.checkVisibility())
          .filter((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size > 1
            || e.getBoundingClientRect().right > (e.parentElement?.getBoundingClientRect().right ?? Infinity) + 1)
          .map((e) => e.textContent));
      expect(await brokenVersions()).toEqual([]);
      for (const screen of ['scan', 'diagnosis'] as const) {
        await page.getByTestId(`nav-${screen}`).click();
        await page.getByTestId(`${screen}-screen`).waitFor();
        expect(await page.locator('.version').count()).toBeGreaterThan(0);
        expect(await brokenVersions()).toEqual([]);
        await app.screenshot(screenshotPath(`${screen}-ja-900.png`));
      }
      await page.getByTestId('nav-torch-upgrade').click();
      await page.getByTestId('upgrade-target-alternative').check();
      await page.getByTestId('upgrade-plan').click();
      await page.locator('[data-testid="upgrade-review"][data-status="ready"]').waitFor();
      expect(await page.getByTestId('upgrade-summary').textContent()).toBe('torch 2.0.1+cu118 → 2.5.1+cu121');
      expect(await page.getByTestId('xformers-drop').textContent()).toContain('xformers は削除されます');
      // Every step label is shown whole (none cut off or overflowing its box).
      expect(await page.locator('.step-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth || e.getBoundingClientRect().right > (e.closest('.step')?.getBoundingClientRect().right ?? 0)).map((e) => e.textContent))).toEqual([]);
      expect(await brokenVersions()).toEqual([]);
      await app.screenshot(screenshotPath('upgrade-2-review-alternative-ja-900.png'));
      await page.context().close();
    } finally {
      await host.close();
    }
  });

  it.each(['en', 'ja', 'zh-CN'] as const)('a window reloaded mid-download finds the running job and shows its running step (%s)', async (lang) => {
    const words = WORDS[lang];
    const { fixture, host } = await serve();
    try {
      const app = await openFromDiagnosis(host, words.locale);
      const page = app.page;
      await page.getByTestId('upgrade-plan').click();
      await startUpgrade(page);
      await page.reload();
      await page.locator('[data-testid="upgrade-run"][data-phase="downloading"]').waitFor();
      // The reloaded window is on the running job's own step, saying so in the user's language.
      expect(await page.getByTestId('upgrade-reattached').textContent()).toBe(words.reattached);
      expect(await page.getByTestId('nav-torch-upgrade').getAttribute('aria-current')).toBe('page');
      expect(await page.locator('h1').textContent()).toBe(words.title);
      expect(await page.getByTestId('stepper').locator('[aria-current="step"] .step-label').textContent()).toBe(words.steps[2]);
      const rows = page.getByTestId('upgrade-download-row');
      expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['downloading', 'cached', 'done', 'pending']);
      expect(await rows.first().locator('.run-file-state').textContent()).toBe(words.downloading);
      expect(await rows.first().getByTestId('download-facts').textContent()).toContain(words.eta);
      expect(await leftoverEnglish(page, lang)).toEqual([]);
      await app.screenshot(screenshotPath(`upgrade-reattached-${lang}.png`));
      await advance(page, fixture, 'installing');
      await advance(page, fixture, 'committed');
      expect(await page.getByTestId('verify-speedup').textContent()).toBe(words.speed);
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    } finally {
      await host.close();
    }
  });

  it.each(['en', 'ja', 'zh-CN'] as const)('Scan shows the new torch after the upgrade and the old one after a rollback from History (%s)', async (lang) => {
    const { fixture, host } = await serve();
    try {
      const app = await openFromDiagnosis(host, WORDS[lang].locale);
      const page = app.page;
      await page.getByTestId('upgrade-plan').click();
      await startUpgrade(page);
      await advance(page, fixture, 'committed');
      await app.openScan();
      await expect.poll(() => page.getByTestId('torch-version').textContent()).toBe('2.3.1+cu121');
      expect(await page.locator('[data-fact="cudnn"] dd').textContent()).toBe('8.9.2');
      await page.getByTestId('nav-history').click();
      await page.locator('[data-testid="history-row"][data-status="committed"]').waitFor();
      await page.getByTestId('history-rollback').click();
      await page.getByTestId('history-rollback-yes').click();
      await page.getByTestId('history-notice').waitFor();
      await app.openScan();
      await app.waitForScanComplete();
      await expect.poll(() => page.getByTestId('torch-version').textContent()).toBe('2.0.1+cu118');
      // The refreshed Scan in the user's language shows the restored stack, not the upgraded one: torch's own CUDA
      // and cuDNN are the old ones again.
      expect(await page.locator('h1').textContent()).toBe(WORDS[lang].scan);
      expect(await page.locator('[data-fact="torch-cuda"] dd').textContent()).toBe('11.8');
      expect(await page.locator('[data-fact="cudnn"] dd').textContent()).toBe('8.7.0');
      expect(await page.locator('[data-fact="xformers"] dd').textContent()).toBe(WORDS[lang].xformers);
      expect(await page.getByTestId('gpu-card').textContent()).toContain('Ada Lovelace');
      await app.screenshot(screenshotPath(`scan-after-rollback-${lang}.png`));
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    } finally {
      await host.close();
    }
  });
});
