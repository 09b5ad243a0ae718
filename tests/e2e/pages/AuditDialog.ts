import { expect, type Locator, type Page } from '@playwright/test';
import { DialogPage } from './DialogPage';

/** "Verify the record": opened from the command palette, it checks as it opens. */
export class AuditDialog extends DialogPage {
  readonly verdict: Locator;
  readonly again: Locator;

  constructor(page: Page) {
    super(page, 'audit-dialog');
    this.verdict = this.root.getByTestId('audit-verdict');
    this.again = this.root.getByTestId('audit-run');
  }

  /** Opens it the keyboard way: the palette (Ctrl+K), its name typed, Enter. */
  static async fromPalette(page: Page): Promise<AuditDialog> {
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('palette')).toBeVisible();
    await page.keyboard.type('Verify the record');
    await page.keyboard.press('Enter');
    const dialog = new AuditDialog(page);
    await dialog.expectOpen();
    return dialog;
  }

  /** Waits for the check to end: the button is back, with the keyboard on it. */
  async finished(): Promise<void> {
    await expect(this.again).toBeEnabled();
    await expect(this.again).toBeFocused();
  }
}
