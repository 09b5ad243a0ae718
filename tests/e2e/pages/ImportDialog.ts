import { expect, type Locator, type Page } from '@playwright/test';

export class ImportDialog {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('import-dialog');
  }

  async importFiles(...files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.root.getByTestId('import-file').setInputFiles(files);
  }

  job(fileName: string): Locator {
    return this.root.getByTestId('import-job').filter({ hasText: fileName });
  }

  async waitDone(fileName: string): Promise<Locator> {
    const job = this.job(fileName);
    await expect(job).toHaveAttribute('data-state', 'done');
    return job;
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toHaveCount(0);
  }
}
