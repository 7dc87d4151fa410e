import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium as installed by the OS (never `playwright install`), with background traffic switched off. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.TORCHLIFT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-sandbox'],
  });
}

/** A fresh page (own storage) at 1280×800 with the browser language set, as a user's would be. */
export async function newPage(browser: Browser, opts: { locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: opts.locale ?? 'en-US', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    // The meta CSP's frame-ancestors is only enforced from the header; Chromium notes that, harmlessly.
    if (msg.type() === 'error' && !msg.text().includes('frame-ancestors')) problems.push(`console: ${msg.text()}`);
  });
  pageProblems.set(page, problems);
  return page;
}

const pageProblems = new WeakMap<Page, string[]>();

/** Uncaught errors and console errors the page produced so far (a CSP violation shows up here). */
export function problemsOf(page: Page): string[] {
  return pageProblems.get(page) ?? [];
}
