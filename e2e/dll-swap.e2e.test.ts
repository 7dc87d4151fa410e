import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AppPage } from './support/app-page.js';
import { launchBrowser, newPage, problemsOf } from './support/browser.js';
import type { Job } from '../shared/schemas/tx.js';
import { createHandlers } from '../electron/engine/api/handlers.js';
import { startScenarioHost, type ScenarioHost } from './support/scenario-host.js';
import { screenshotPath, startTestHost } from './support/web-host.js';

// Issue 4's UI on scenario (a): torch 2.0.1+cu118 with cuDNN 8.7 in torch/lib, and an unpacked cuDNN 8.9.7 (CUDA 11) archive.
const ARCHIVE = 'cudnn-windows-x86_64-8.9.7.29_cuda11-archive';
const RESULT_TIMEOUT = 90_000;

let browser: Browser;
let served: ScenarioHost;
beforeAll(async () => {
  [browser, served] = await Promise.all([launchBrowser(), startScenarioHost('rtx4070-a1111')]);
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const torchLib = (): string => path.join(served.scenario.sitePackages, 'torch', 'lib');
const archiveDir = (): string => {
  const dir = served.scenario.cudnnArchives[ARCHIVE];
  if (!dir) throw new Error(`scenario has no ${ARCHIVE}`);
  return dir;
};

/** sha256 of every file in a folder, by name. */
async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await fs.readdir(dir)).sort()) {
    const file = path.join(dir, name);
    if ((await fs.stat(file)).isFile()) out[name] = createHash('sha256').update(await fs.readFile(file)).digest('hex');
  }
  return out;
}

/** Opens the app, then the wizard from the install's "Swap CUDA/cuDNN DLLs" button on Diagnosis. */
async function openWizard(locale = 'en-US', url = served.host.url): Promise<AppPage> {
  const app = new AppPage(await newPage(browser, { locale }));
  await app.open(url);
  await app.waitForScanComplete();
  await app.openDiagnosis();
  await app.page.getByTestId('open-dll-swap').click();
  await app.page.getByTestId('dll-swap-choose').waitFor();
  return app;
}

/** Types a cuDNN folder into the wizard and goes on to the review. */
async function reviewCudnnSwap(page: Page, cudnnDir: string, shot?: string): Promise<void> {
  expect(await page.getByTestId('swap-install').inputValue()).toBe(served.scenario.apps[0]);
  await page.getByTestId('swap-cudnn-custom').check();
  await page.getByTestId('swap-cudnn-path').fill(cudnnDir);
  if (shot) await page.screenshot({ path: screenshotPath(shot), fullPage: true, animations: 'disabled' });
  await page.getByTestId('swap-plan').click();
  await page.getByTestId('dll-swap-review').waitFor({ timeout: RESULT_TIMEOUT });
}

/** Applies the reviewed swap and waits for the job's result. */
async function applyAndWait(page: Page): Promise<void> {
  await page.getByTestId('swap-apply').click();
  await page.getByTestId('dll-swap-result').waitFor({ timeout: RESULT_TIMEOUT });
}

describe('DLL-swap wizard and History on scenario (a) rtx4070-a1111', () => {
  it('reviews cuDNN 8.7 → 8.9.7 (same major): every file with versions and sizes, backup size, free space; nothing changed', async () => {
    const before = await hashes(torchLib());
    const app = await openWizard();
    const page = app.page;
    // The detected CUDA 12.1 toolkit is offered as a source; the archive folder is typed in.
    expect(await page.getByTestId('swap-cuda').textContent()).toContain('CUDA 12.1 toolkit');
    await reviewCudnnSwap(page, archiveDir(), 'dll-swap-choose.png');
    const review = page.getByTestId('dll-swap-review');
    expect(await review.getAttribute('data-status')).toBe('ready');
    expect(await page.getByTestId('swap-summary').allTextContents()).toEqual(['cuDNN 8.7.0 → 8.9.7']);
    const rows = page.getByTestId('plan-file');
    expect(await rows.count()).toBe(7);
    expect(await rows.first().textContent()).toBe('cudnn64_8.dllcuDNN8.7.0 · 4 KB→8.9.7 · 4 KB');
    expect(await page.getByTestId('backup-size').locator('.stat-value').textContent()).toBe('88 KB');
    expect(await page.getByTestId('free-space').textContent()).toMatch(/GB Enough.*MB needed on this drive$/);
    expect(await page.getByTestId('swap-apply').textContent()).toBe('Swap 7 files');
    await app.screenshot(screenshotPath('dll-swap-review.png'));
    expect(await hashes(torchLib())).toEqual(before);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the review in Japanese', async () => {
    const app = await openWizard('ja-JP');
    await reviewCudnnSwap(app.page, archiveDir());
    expect(await app.page.locator('h1').textContent()).toBe('CUDA/cuDNN DLL の入れ替え');
    expect(await app.page.getByTestId('swap-apply').textContent()).toBe('7 個のファイルを入れ替える');
    expect(await app.page.getByTestId('stepper').locator('.step-label').allTextContents()).toEqual(['ファイルの選択', '確認', 'コピー', '入れ替え', '検証', '結果']);
    await app.screenshot(screenshotPath('dll-swap-review-ja.png'));
    expect(problemsOf(app.page)).toEqual([]);
    await app.page.context().close();
  });

  it('refuses cuDNN of another major version with the reason and the fix', async () => {
    const app = await openWizard();
    const page = app.page;
    await reviewCudnnSwap(page, served.scenario.cudnnArchives['cudnn-windows-x86_64-8.9.7.29_cuda12-archive'] ?? '');
    expect(await page.getByTestId('dll-swap-review').getAttribute('data-status')).toBe('refused');
    expect(await page.getByTestId('refusal').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('swap-apply').isDisabled()).toBe(true);
    await page.context().close();
  });

  it('shows each file\'s progress while the job runs (a job held mid-way by a stub getJob; nothing is changed)', async () => {
    const real = createHandlers({ host: 'web', env: { ...served.scenario.env } });
    const lib = torchLib();
    const job: Job = {
      id: 'job-held', goal: 'dll-swap', status: 'running', phase: 'preparing', txId: 'tx-held', message: 'staging new files', result: null,
      log: [], startedAt: new Date().toISOString(), finishedAt: null, app: null, downloads: [], verify: null,
      files: [
        { target: path.join(lib, 'cudnn64_8.dll'), bytes: 4096, doneBytes: 4096, state: 'staged' },
        { target: path.join(lib, 'cudnn_adv_infer64_8.dll'), bytes: 24576, doneBytes: 8192, state: 'staging' },
        { target: path.join(lib, 'cudnn_adv_train64_8.dll'), bytes: 4096, doneBytes: 0, state: 'pending' },
      ],
    };
    const held = await startTestHost({ ...real, startApply: async () => ({ ...job, phase: 'planning', files: [] }), getJob: async () => job });
    try {
      const app = await openWizard('en-US', held.url);
      const page = app.page;
      await reviewCudnnSwap(page, archiveDir());
      await page.getByTestId('swap-apply').click();
      await page.locator('[data-testid="dll-swap-run"][data-phase="preparing"]').waitFor();
      expect(await page.getByTestId('run-file').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['staged', 'staging', 'pending']);
      expect(await page.getByTestId('dll-swap-run').getByRole('status').textContent()).toBe('Copying the new files…');
      await app.screenshot(screenshotPath('dll-swap-progress.png'));
      await page.context().close();
    } finally {
      await held.close();
    }
  });

  it('rolls back a swap whose verification fails: "Rolled back: <reason>" with the log, every torch/lib file as before', async () => {
    const broken = path.join(served.scenario.root, 'home', 'Downloads', 'broken', ARCHIVE);
    await fs.cp(archiveDir(), broken, { recursive: true });
    await fs.writeFile(path.join(broken, 'bin', 'cudnn_cnn_infer64_8.dll'), 'MZ this is not a loadable DLL\n');
    const before = await hashes(torchLib());
    const app = await openWizard();
    const page = app.page;
    await reviewCudnnSwap(page, broken);
    await applyAndWait(page);
    expect(await page.getByTestId('dll-swap-result').getAttribute('data-status')).toBe('rolled-back');
    const title = await page.getByTestId('rolled-back-reason').textContent();
    expect(title).toMatch(/^Rolled back: (verification failed: )?import torch failed: OSError: \[WinError 126\]/);
    expect(title).toContain('cudnn_cnn_infer64_8.dll');
    // The failed check comes typed from the engine (job.verify), marked ✗ with the loader's error.
    const failed = page.locator('[data-testid="verify-check"][data-ok="false"]');
    expect(await failed.locator('.verify-name').allTextContents()).toEqual(['import']);
    expect(await failed.locator('.verify-detail').textContent()).toContain('WinError 126');
    expect(await page.getByTestId('swap-rollback').count()).toBe(0);
    expect(await hashes(torchLib())).toEqual(before);
    await app.screenshot(screenshotPath('dll-swap-rolled-back.png'));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('commits a verified swap, lists it in History with Rollback, and Rollback restores every file byte for byte', async () => {
    const before = await hashes(torchLib());
    const app = await openWizard();
    const page = app.page;
    await reviewCudnnSwap(page, archiveDir());
    await applyAndWait(page);
    expect(await page.getByTestId('dll-swap-result').getAttribute('data-status')).toBe('committed');
    expect(await page.getByTestId('result-change').textContent()).toBe('cuDNN 8.7.0 → 8.9.7');
    const checks = await page.getByTestId('verify-check').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-ok')} ${e.querySelector('.verify-name')?.textContent ?? ''}`));
    expect(checks).toContain('true import');
    expect(checks.filter((c) => !c.startsWith('true '))).toEqual([]);
    expect(await page.locator('[data-testid="verify-check"]', { hasText: 'cudnn-version' }).locator('.verify-detail').textContent()).toContain('cuDNN 8.9.7');
    const txId = (await page.getByTestId('result-tx').textContent()) ?? '';
    const swapped = await hashes(torchLib());
    expect(swapped['cudnn64_8.dll']).toBe((await hashes(path.join(archiveDir(), 'bin')))['cudnn64_8.dll']);
    expect(swapped).not.toEqual(before);
    await app.screenshot(screenshotPath('dll-swap-committed.png'));
    // Scan (and Diagnosis, which reads it) rescanned after the swap: the install's torch now has the new cuDNN.
    await app.openScan();
    await app.waitForScanComplete();
    await expect.poll(() => page.getByTestId('install-card').first().textContent()).toContain('cuDNN8.9.7');
    await page.getByTestId('nav-dll-swap').click();
    await page.getByTestId('swap-open-history').click();

    await page.locator('[data-testid="history-screen"][data-phase="ready"]').waitFor();
    const row = page.locator(`[data-testid="history-row"][data-id="${txId}"]`);
    expect(await row.getAttribute('data-status')).toBe('committed');
    expect(await page.getByTestId('history-row').count()).toBe(2);
    expect(await page.locator('[data-testid="history-row"][data-status="rolled-back"]').count()).toBe(1);
    expect(await page.getByTestId('prune').textContent()).toMatch(/^Prune backups \(frees \d+ KB\)$/);
    await app.screenshot(screenshotPath('history.png'));

    await row.getByTestId('history-rollback').click();
    expect(await row.getByTestId('history-rollback-confirm').textContent()).toContain('Put the 7 files of this change back');
    await row.screenshot({ path: screenshotPath('history-rollback-confirm.png'), animations: 'disabled' });
    await row.getByTestId('history-rollback-yes').click();
    await page.getByTestId('history-notice').waitFor({ timeout: RESULT_TIMEOUT });
    expect(await page.getByTestId('history-notice').textContent()).toContain(`Rolled back ${txId}: 7 files`);
    expect(await hashes(torchLib())).toEqual(before);
    expect(await row.getAttribute('data-status')).toBe('rolled-back');
    expect(await row.getByTestId('history-rollback').count()).toBe(0);
    await app.screenshot(screenshotPath('history-rolled-back.png'));
    // After the rollback Scan shows the old cuDNN again, so a successful rollback looks like one.
    await app.openScan();
    await app.waitForScanComplete();
    await expect.poll(() => page.getByTestId('install-card').first().textContent()).toContain('cuDNN8.7.0');
    await app.screenshot(screenshotPath('scan-after-history-rollback.png'));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
