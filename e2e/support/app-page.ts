import type { Locator, Page } from 'playwright-core';

/** A page object for the TorchLift UI: what a user sees and clicks, named the way they would name it. */
export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app at the host's URL (with its one-time token). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('scan-screen').waitFor();
  }

  /** Waits until the scan, probes included, has finished. */
  async waitForScanComplete(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('[data-testid="scan-status"][data-phase="complete"]').waitFor({ timeout: timeoutMs });
  }

  get gpuName(): Locator {
    return this.page.getByTestId('gpu-name');
  }

  get driverSummary(): Locator {
    return this.page.getByTestId('driver-summary');
  }

  get installCards(): Locator {
    return this.page.getByTestId('install-card');
  }

  /** Switches to the Diagnosis screen. */
  async openDiagnosis(): Promise<void> {
    await this.page.getByTestId('nav-diagnosis').click();
    await this.page.getByTestId('diagnosis-screen').waitFor();
  }

  /** Switches to the Scan screen. */
  async openScan(): Promise<void> {
    await this.page.getByTestId('nav-scan').click();
    await this.page.getByTestId('scan-screen').waitFor();
  }

  /** Picks a UI language from the sidebar switcher. */
  async chooseLanguage(lang: 'en' | 'ja' | 'zh-CN'): Promise<void> {
    await this.page.getByTestId('language').selectOption(lang);
  }

  /** Opens every "Why?" expander so screenshots show the evidence. */
  async expandAllWhy(): Promise<void> {
    for (const summary of await this.page.locator('details.finding-why > summary').all()) await summary.click();
  }

  /** A full-page screenshot at `file`. */
  async screenshot(file: string): Promise<void> {
    // From the top, so the sticky sidebar sits where a user sees it.
    await this.page.evaluate('window.scrollTo(0, 0)');
    await this.page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  }
}
