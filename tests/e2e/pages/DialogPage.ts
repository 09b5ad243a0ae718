import { expect, type Locator, type Page } from '@playwright/test';

export class DialogPage {
  readonly root: Locator;
  constructor(
    readonly page: Page,
    testId: string,
  ) {
    this.root = page.getByTestId(testId);
  }

  async expectOpen(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  async expectClosed(): Promise<void> {
    await expect(this.root).toHaveCount(0);
  }

  field(testId: string): Locator {
    return this.root.getByTestId(testId);
  }

  async type(testId: string, text: string): Promise<void> {
    await this.field(testId).focus();
    await this.page.keyboard.type(text);
  }
}
