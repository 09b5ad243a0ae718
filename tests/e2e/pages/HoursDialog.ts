import { expect, type Page } from '@playwright/test';
import { DialogPage } from './DialogPage';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Business hours and SLA (Ctrl/Cmd-Shift-H): a team's zone, weekly hours and closed dates. */
export class HoursDialog extends DialogPage {
  constructor(page: Page) {
    super(page, 'hours-dialog');
  }

  static async openFromKeyboard(page: Page): Promise<HoursDialog> {
    await page.keyboard.press('Control+Shift+H');
    const d = new HoursDialog(page);
    await d.expectOpen();
    await expect(d.field('hours-zone')).not.toHaveValue('');
    return d;
  }

  async setZone(zone: string): Promise<void> {
    await this.field('hours-zone').fill(zone);
  }

  async setEveryDay(ranges: string): Promise<void> {
    for (const d of DAYS) await this.field(`hours-${d}`).fill(ranges);
  }

  async setDay(day: (typeof DAYS)[number], ranges: string): Promise<void> {
    await this.field(`hours-${day}`).fill(ranges);
  }

  async setClosedDates(lines: string[]): Promise<void> {
    await this.field('hours-holidays').fill(lines.join('\n'));
  }

  /** Saves from the keyboard (Enter in a field submits) and waits for the dialog to close. */
  async save(): Promise<void> {
    await this.field('hours-zone').press('Enter');
    await this.expectClosed();
  }

  async saveRefused(): Promise<string> {
    await this.field('hours-zone').press('Enter');
    await expect(this.field('hours-error')).toBeVisible();
    return (await this.field('hours-error').textContent()) ?? '';
  }
}
