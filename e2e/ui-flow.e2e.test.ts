import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { WebHost } from '../electron/web/server.js';
import { AppPage } from './support/app-page.js';
import { launchBrowser, newPage, problemsOf } from './support/browser.js';
import { fixtureHandlers } from './support/fixtures/fixture-handlers.js';
import { startTestHost } from './support/web-host.js';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.js';

// The UI's own behaviour against a hand-written report (no detection engine): quick first, probe later.
// Every test stands alone: the one that holds the probe back has its own host, so no test waits for another to run.
describe('UI flow (fixture engine)', () => {
  let browser: Browser;
  let host: WebHost;
  const handlers = fixtureHandlers();

  beforeAll(async () => {
    host = await startTestHost(handlers);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('shows the quick report at once, "checking torch…" until the probe answers, then the probed facts', async () => {
    let release: () => void = () => undefined;
    const gated = fixtureHandlers({ gate: new Promise<void>((resolve) => (release = resolve)) });
    const gatedHost = await startTestHost(gated);
    try {
      await quickThenProbed(gatedHost, gated, release);
    } finally {
      release();
      await gatedHost.close();
    }
  });

  async function quickThenProbed(gatedHost: WebHost, gated: ReturnType<typeof fixtureHandlers>, release: () => void): Promise<void> {
    const page = await newPage(browser);
    const app = new AppPage(page);
    await app.open(gatedHost.url);
    await expect.poll(() => app.gpuName.textContent()).toBe('NVIDIA GeForce RTX 4070');
    expect(await page.getByTestId('install-card').getByText('checking torch…').first().isVisible()).toBe(true);
    expect(await page.getByTestId('scan-status').getAttribute('data-phase')).toBe('probing');
    release();
    await app.waitForScanComplete();
    expect(await page.getByText('checking torch…').count()).toBe(0);
    expect(await page.getByTestId('install-card').textContent()).toContain('8.7.0');
    expect(gated.calls.map((c) => c.probe).sort()).toEqual([false, true]);
    // The token left the address bar; the page keeps working from sessionStorage.
    expect(page.url()).not.toContain('token=');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  }

  it('explains a folder that does not exist and keeps the report', async () => {
    const page = await newPage(browser);
    const app = new AppPage(page);
    await app.open(host.url);
    await app.waitForScanComplete();
    await page.getByLabel('Add install folder').fill('/does-not-exist/スペース & [x]');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('does not exist');
    expect(await app.gpuName.textContent()).toBe('NVIDIA GeForce RTX 4070');
    await page.context().close();
  });

  it('switching language re-asks the engine in that language and remembers the choice', async () => {
    const page = await newPage(browser);
    const app = new AppPage(page);
    await app.open(host.url);
    await app.waitForScanComplete();
    const before = handlers.calls.length;
    await app.chooseLanguage('ja');
    await expect.poll(() => page.locator('h1').textContent()).toBe('スキャン');
    await app.waitForScanComplete();
    expect(handlers.calls.slice(before).map((c) => c.lang)).toEqual(['ja', 'ja']);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('スキャン');
    await page.context().close();
  });

  // Pasting a log goes to the real doctor: scan.e2e.test.ts, on a simulated machine.
  it('diagnosis groups findings, badges unconfirmed ones and copies the report', async () => {
    const page = await newPage(browser);
    const app = new AppPage(page);
    await app.open(host.url);
    await app.waitForScanComplete();
    await app.openDiagnosis();
    const groups = page.getByTestId('finding-group');
    expect(await groups.count()).toBe(2);
    expect(await groups.first().locator('h2').textContent()).toBe('This machine');
    expect(await groups.nth(1).getByTestId('unconfirmed').count()).toBe(1);
    const rec = page.getByTestId('recommendation');
    expect(await rec.textContent()).toContain('torch 2.3.1+cu121');
    expect(await rec.textContent()).toContain('xformers0.0.27');
    await page.getByText('Why?').first().click();
    expect(await page.getByText('nvidia-smi: CUDA Version: 12.3').isVisible()).toBe(true);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    await page.getByTestId('copy-report').click();
    await expect.poll(() => page.getByText('Report copied as Markdown.').count()).toBe(1);
    const markdown = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(markdown).toContain('## TorchLift report');
    expect(markdown).toContain('NVIDIA GeForce RTX 4070 — 12 GB, CC 8.9 (Ada Lovelace)');
    expect(markdown).toContain('| torch | 2.0.1+cu118 |');
    await page.context().close();
  });
});
