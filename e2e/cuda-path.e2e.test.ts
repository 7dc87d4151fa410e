import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createHandlers } from '../electron/engine/api/handlers.js';
import { DEFAULT_RELEASES } from './nvidia/tree.js';
import { createNvidiaLab, type NvidiaLab } from './nvidia/machine.js';
import { makeFakeVenv } from './scenarios/index.js';
import { AppPage } from './support/app-page.js';
import { launchBrowser, newPage, problemsOf } from './support/browser.js';
import { screenshotPath, startTestHost } from './support/web-host.js';

// Issue 8 item 3: the guided CUDA 12 path through the web host and the real engine on scenario (a) (RTX 4070, driver
// 546.33 → CUDA 12.3), with NVIDIA's download tree simulated on 127.0.0.1 and the toolkit installed in user mode.
// Every step in en, ja and zh-CN, each screenshot opened and looked at.

type Lang = 'en' | 'ja' | 'zh-CN';

/** What each language must say (asserted as text, so a missing translation fails). */
const WORDS: Record<Lang, { locale: string; title: string; steps: string[]; skipped: string; upgrade: string; driverNever: string; install: string; verified: string }> = {
  en: { locale: 'en-US', title: 'The CUDA 12 path', steps: ['Overview', 'Toolkit', 'cuDNN', 'DLL swap', 'Verify'], skipped: 'Already done', upgrade: 'Upgrade torch instead', driverNever: 'never installs', install: 'Install the toolkit', verified: 'Verified' },
  ja: { locale: 'ja-JP', title: 'CUDA 12 への道', steps: ['全体', 'Toolkit', 'cuDNN', 'DLL の入れ替え', '確認'], skipped: '実施済み', upgrade: '代わりに torch をアップグレード', driverNever: 'インストールすることはありません', install: 'Toolkit をインストール', verified: '確認済み' },
  'zh-CN': { locale: 'zh-CN', title: 'CUDA 12 之路', steps: ['总览', 'Toolkit', 'cuDNN', '替换 DLL', '验证'], skipped: '已完成', upgrade: '改为升级 torch', driverNever: '从不安装', install: '安装 Toolkit', verified: '验证通过' },
};

/** Product and file words, commands and paths: they stay as they are in every language. */
const KEEP = /torchlift [a-z-]+ [a-z-]+(?: --[a-z]+ [A-Z]+)*|\/\S+|(?<![A-Za-z])(torch|CUDA|cuDNN|Toolkit|TorchLift|NVIDIA|DLL|lib|bin|include|nvcc|deviceQuery|venv|python_embeded|wheel|Web ?UI|UAC)(?![A-Za-z])/g;

/** The screen's own words (headings, labels, buttons, pills, steps) without code and paths: no English may remain on ja / zh-CN. */
async function leftoverEnglish(page: Page, lang: Lang): Promise<string[]> {
  if (lang === 'en') return [];
  const texts = await page.locator('[data-testid="cuda-path-screen"]').locator('h1, h2, h3, label, button, th, dt, .stepper, .pill, .banner p, .path-step-title, .path-step-detail, summary')
    .evaluateAll((els) => els.map((el) => {
      const copy = el.cloneNode(true) as typeof el;
      for (const engine of copy.querySelectorAll('code, pre, .path')) engine.remove();
      return copy.textContent ?? '';
    }));
  return texts.map((t) => t.replace(KEEP, '')).filter((t) => /[A-Za-z]{3,}/.test(t));
}

/** A proxy in front of the NVIDIA tree that holds each archive back a moment, so the run step can be seen and captured. */
async function slowProxy(target: string, delayMs: number): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const slow = req.method === 'GET' && /\.(zip|tar\.xz|exe)$/.test(req.url ?? '');
    setTimeout(() => {
      const up = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    }, slow ? delayMs : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Opens the CUDA path screen from the sidebar after a reload: a click that lands before the reloaded app has
 * attached its handlers (or while a reattached job's screen takes over) is repeated until the screen shows.
 */
async function openCudaPath(page: Page): Promise<void> {
  await expect.poll(async () => {
    await page.getByTestId('nav-cuda-path').click();
    return page.getByTestId('cuda-path-app').isVisible();
  }, { timeout: 30_000, interval: 500 }).toBe(true);
}

/** Waits for a step's sub-state (review, run, result) of goal `goal`. */
const goalStep = (page: Page, goal: string, sub: string) => page.locator(`[data-testid="cuda-path-goal"][data-goal="${goal}"][data-sub="${sub}"]`);

describe('the guided CUDA 12 path (real engine, scenario (a), simulated NVIDIA downloads)', () => {
  it.each(['en', 'ja', 'zh-CN'] as const)('walks every step in %s: torch-upgrade offer, driver stop, overview, toolkit, cuDNN, DLL swap, verify', async (lang) => {
    const words = WORDS[lang];
    // CUDA 12.3 (the newest the 546.33 driver runs) beside the tree's default releases.
    const lab: NvidiaLab = await createNvidiaLab({ driver: ['546.33', '12.3'], releases: [...DEFAULT_RELEASES, { release: '12.3.2', driver: '546.12' }] });
    const proxy = await slowProxy(lab.server.base, 700);
    try {
      // A second install beside scenario (a)'s A1111 (cu118): a web UI whose torch is a CUDA 12.1 build.
      const cu121 = path.join(lab.scenario.root, 'SD cu121 [テスト] & co');
      await fs.mkdir(cu121, { recursive: true });
      await fs.writeFile(path.join(cu121, 'webui.py'), '# A1111 stand-in\n');
      await makeFakeVenv({ dir: path.join(cu121, 'venv'), layout: 'windows-venv', machineFile: lab.scenario.machineFile, packages: { torch: '2.1.2+cu121' } });
      const handlers = createHandlers({ host: 'web', env: { ...lab.env, TORCHLIFT_NVIDIA_DOWNLOADS: proxy.base } });
      const host = await startTestHost(handlers);
      try {
        const page = await newPage(browser, { locale: words.locale });
        const app = new AppPage(page);
        const shot = (step: string): Promise<void> => app.screenshot(screenshotPath(`cuda-path-${step}-${lang}.png`));
        await app.open(host.url);
        await app.waitForScanComplete();

        // From Diagnosis, for scenario (a)'s A1111 (torch cu118): the DLL swap cannot work, said at the start, torch upgrade offered.
        await app.openDiagnosis();
        await page.getByTestId('open-cuda-path').first().click();
        const card = page.getByTestId('cuda-path-plan-card');
        await card.waitFor();
        expect(await page.locator('h1').textContent()).toBe(words.title);
        expect(await page.getByTestId('stepper').locator('.step-label').allTextContents()).toEqual(words.steps);
        expect(await card.getAttribute('data-route')).toBe('torch-upgrade');
        expect(await page.getByTestId('cuda-path-blocker').textContent()).toContain('11.8');
        expect(await page.getByTestId('cuda-path-upgrade').textContent()).toBe(words.upgrade);
        expect(await page.getByTestId('cuda-path-start').count()).toBe(0);
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('1-upgrade-offer');

        // CUDA 12.8 on a driver that runs 12.3: stopped at the driver, and no driver install is ever offered.
        await page.getByTestId('cuda-path-version').selectOption('12.8');
        await page.getByTestId('cuda-path-plan').click();
        await page.locator('[data-testid="cuda-path-plan-card"][data-route="blocked"]').waitFor();
        expect(await page.getByTestId('cuda-path-blocker').textContent()).toContain(words.driverNever);
        expect(await page.getByTestId('cuda-path-driver-never').isVisible()).toBe(true);
        expect(await page.getByTestId('cuda-path-step').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), e.getAttribute('data-state')]))).toEqual([['driver', 'blocked']]);
        expect(await page.locator('[data-testid="cuda-path-screen"] button').evaluateAll((els) => els.map((e) => e.textContent ?? '').filter((t) => /driver|ドライバー|驱动/i.test(t)))).toEqual([]);
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('2-driver-stop');

        // The cu121 install, newest CUDA the driver runs: every step planned up front, none refused.
        await page.getByTestId('cuda-path-app').fill(cu121);
        await page.getByTestId('cuda-path-version').selectOption('');
        await page.getByTestId('cuda-path-plan').click();
        await page.locator('[data-testid="cuda-path-plan-card"][data-route="dll-swap"]').waitFor();
        const states = (): Promise<(string | null)[][]> => page.getByTestId('cuda-path-step').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), e.getAttribute('data-state')]));
        expect(await states()).toEqual([['driver', 'done'], ['toolkit', 'todo'], ['cudnn', 'todo'], ['dll-swap', 'todo'], ['verify', 'todo']]);
        expect(await page.getByTestId('cuda-path-blocker').count()).toBe(0);
        expect(await page.getByTestId('cuda-path-summary').textContent()).toContain('12.3');
        expect(await page.getByTestId('cuda-path-steps').textContent()).toContain('8.9.7');
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('3-overview');

        // Toolkit: review (user mode, never the driver) → run (downloads from the simulated NVIDIA tree) → result.
        await page.getByTestId('cuda-path-start').click();
        await goalStep(page, 'toolkit', 'review').waitFor({ timeout: 30_000 });
        const toolkitReview = goalStep(page, 'toolkit', 'review');
        expect(await toolkitReview.getAttribute('data-status')).toBe('ready');
        expect(await page.getByTestId('cuda-path-components').textContent()).not.toMatch(/Display\.Driver|driver/i);
        expect(await page.getByTestId('cuda-path-downloads').locator('li').count()).toBeGreaterThanOrEqual(5);
        expect(await page.getByTestId('cuda-path-apply').textContent()).toBe(words.install);
        expect(await page.getByTestId('stepper').locator('[aria-current="step"] .step-label').textContent()).toBe(words.steps[1]);
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('4-toolkit-review');
        await page.getByTestId('cuda-path-apply').click();
        await page.locator('[data-testid="cuda-path-run"][data-phase="downloading"] [data-testid="upgrade-download-row"][data-state="done"]').first().waitFor({ timeout: 30_000 });
        await shot('5-toolkit-run');
        await page.locator('[data-testid="cuda-path-result"][data-status="committed"]').waitFor({ timeout: 60_000 });
        expect(await fs.readFile(path.join(lab.env.LOCALAPPDATA!, 'TorchLift', 'CUDA', 'v12.3', 'version.json'), 'utf8')).toContain('12.3.2');
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('6-toolkit-result');

        // cuDNN 8.9.7 (torch 2.1's cuDNN major) overlaid onto the new toolkit.
        await page.getByTestId('cuda-path-next').click();
        await goalStep(page, 'cudnn', 'review').waitFor({ timeout: 30_000 });
        expect(await goalStep(page, 'cudnn', 'review').getAttribute('data-status')).toBe('ready');
        expect(await page.getByTestId('cuda-path-cudnn-change').textContent()).toMatch(/→ 8\.9\.7/);
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('7-cudnn-review');
        await page.getByTestId('cuda-path-apply').click();
        await page.locator('[data-testid="cuda-path-result"][data-status="committed"]').waitFor({ timeout: 60_000 });
        await shot('8-cudnn-result');

        // The DLL swap into torch\lib, timed before and after.
        await page.getByTestId('cuda-path-next').click();
        await goalStep(page, 'dll-swap', 'review').waitFor({ timeout: 30_000 });
        expect(await goalStep(page, 'dll-swap', 'review').getAttribute('data-status')).toBe('ready');
        const files = await page.getByTestId('cuda-path-swap-files').locator('tbody tr').allTextContents();
        expect(files.some((f) => f.includes('cudart64_12.dll') && f.includes('12.3'))).toBe(true);
        expect(files.some((f) => f.includes('cudnn64_8.dll') && f.includes('8.9.7'))).toBe(true);
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('9-swap-review');
        await page.getByTestId('cuda-path-apply').click();
        await page.locator('[data-testid="cuda-path-result"][data-status="committed"]').waitFor({ timeout: 120_000 });
        await shot('10-swap-result');

        // Verify: the checks in the install's Python, the workload before and after, and three transactions to undo.
        await page.getByTestId('cuda-path-next').click();
        await page.getByTestId('cuda-path-verify').waitFor();
        expect(await page.getByTestId('cuda-path-verify').textContent()).toContain(words.verified);
        const checks = page.getByTestId('verify-check');
        expect(await checks.evaluateAll((els) => els.map((e) => [e.querySelector('.verify-name')?.textContent, e.getAttribute('data-ok')]))).toEqual(
          [['import', 'true'], ['cuda-available', 'true'], ['matmul', 'true'], ['conv2d', 'true'], ['synchronize', 'true'], ['cudnn-version', 'true']]);
        expect(await page.getByTestId('verify-timing').count()).toBe(1);
        expect(await page.getByTestId('cuda-path-transactions').locator('li').count()).toBe(3);
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('11-verify');

        // Back in the overview the three steps show as done now.
        await page.getByTestId('cuda-path-again').click();
        await page.locator('[data-testid="cuda-path-plan-card"][data-route="dll-swap"]').waitFor();
        await expect.poll(states).toEqual([['driver', 'done'], ['toolkit', 'committed'], ['cudnn', 'committed'], ['dll-swap', 'committed'], ['verify', 'todo']]);
        // A new session (the window reloaded) plans the same path: toolkit, cuDNN and the DLL swap are marked already done, with the evidence.
        await page.reload();
        await openCudaPath(page);
        await page.getByTestId('cuda-path-app').fill(cu121);
        await page.getByTestId('cuda-path-plan').click();
        await page.locator('[data-testid="cuda-path-plan-card"][data-route="dll-swap"]').waitFor();
        expect(await states()).toEqual([['driver', 'done'], ['toolkit', 'skipped'], ['cudnn', 'skipped'], ['dll-swap', 'skipped'], ['verify', 'todo']]);
        expect(await page.locator('[data-testid="cuda-path-step"][data-id="toolkit"] .pill').textContent()).toBe(words.skipped);
        expect(await page.locator('[data-testid="cuda-path-step"][data-id="dll-swap"] .pill').textContent()).toBe(words.skipped);
        expect(await page.locator('[data-testid="cuda-path-step"][data-id="dll-swap"]').textContent()).toMatch(/12\.3.*8\.9\.7/);
        expect(await page.locator('[data-testid="cuda-path-step"][data-id="toolkit"]').textContent()).toContain(path.join('TorchLift', 'CUDA', 'v12.3'));
        expect(await page.locator('[data-testid="cuda-path-step"][data-id="cudnn"]').textContent()).toContain('8.9.7');
        expect(await leftoverEnglish(page, lang)).toEqual([]);
        await shot('12-overview-after');
        // History lists each step as its own committed transaction, each one undoable.

        const { entries } = await handlers.history({ lang });
        expect(entries.filter((e) => e.state === 'committed' && e.rollbackAvailable).map((e) => e.goal).sort()).toEqual(['cuda-install', 'cudnn-overlay', 'dll-swap']);
        // Undo the middle step alone: the path plans the cuDNN overlay again, the toolkit stays installed.
        const rolled = await handlers.rollback({ id: entries.find((e) => e.goal === 'cudnn-overlay')!.id, lang });
        expect(rolled.kind).toBe('rolled-back');
        await page.getByTestId('cuda-path-plan').click();
        await page.locator('[data-testid="cuda-path-step"][data-id="cudnn"][data-state="todo"]').waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
          throw new Error(`${String(error)}\n${await page.getByTestId('cuda-path-screen').innerText()}`);
        });
        expect(await states()).toEqual([['driver', 'done'], ['toolkit', 'skipped'], ['cudnn', 'todo'], ['dll-swap', 'todo'], ['verify', 'todo']]);
        expect(problemsOf(page)).toEqual([]);
      } finally {
        await host.close();
      }
    } finally {
      await proxy.close();
      await lab.close();
    }
  }, 300_000);
});
