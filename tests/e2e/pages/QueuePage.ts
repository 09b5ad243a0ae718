import { expect, type Locator, type Page } from '@playwright/test';
import type { Host } from '../host';
import { DialogPage } from './DialogPage';
import { ImportDialog } from './ImportDialog';

/** The main screen: queue list, detail pane, status bar. Methods read like a moderator's steps. */
export class QueuePage {
  readonly list: Locator;
  readonly detail: Locator;
  readonly content: Locator;
  readonly position: Locator;
  readonly saveState: Locator;

  constructor(
    readonly page: Page,
    readonly host: Host,
  ) {
    this.list = page.getByTestId('queue-list');
    this.detail = page.getByTestId('detail');
    this.content = page.getByTestId('content');
    this.position = page.getByTestId('position');
    this.saveState = page.getByTestId('save-state');
  }

  async open(): Promise<void> {
    await this.page.goto(this.host.url);
    await expect(this.page.locator('.app[data-ready=true]')).toBeVisible();
  }

  /** Opens the app and waits until an item is on screen. */
  async openWithItems(): Promise<void> {
    await this.open();
    await expect(this.detail).not.toHaveAttribute('data-item-id', '');
  }

  async currentItemId(): Promise<number> {
    const id = await this.detail.getAttribute('data-item-id');
    expect(id, 'an item is shown').toBeTruthy();
    return Number(id);
  }

  async total(): Promise<number> {
    return Number(await this.list.getAttribute('data-total'));
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Presses a decision key and waits for the next item to replace the decided one. */
  async decide(key: string): Promise<number> {
    const before = await this.currentItemId();
    await this.press(key);
    await expect(this.detail).not.toHaveAttribute('data-item-id', String(before));
    return before;
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-saving', '0');
    await expect(this.saveState).toHaveText('All decisions saved');
  }

  /**
   * Types a search that finds something and hands the keyboard back to the list with ↓ (the
   * search keeps it until then); resolves once the list shows the first item found (its count
   * can arrive before its rows).
   */
  async search(text: string): Promise<void> {
    await this.press('/');
    await expect(this.page.getByTestId('search')).toBeFocused();
    await this.page.keyboard.type(text);
    await this.press('ArrowDown');
    await expect(this.page.getByTestId('search')).not.toBeFocused();
    await expect(this.page.getByTestId('search')).toHaveValue(text);
    await expect(this.detail).not.toHaveAttribute('data-item-id', '');
  }

  async filterStatus(status: string): Promise<void> {
    await this.page.getByTestId('filter-status').selectOption(status);
  }

  async importDialog(): Promise<ImportDialog> {
    await this.press('Control+o');
    const d = new ImportDialog(this.page);
    await expect(d.root).toBeVisible();
    return d;
  }

  dialog(testId: string): DialogPage {
    return new DialogPage(this.page, testId);
  }

  /**
   * Opens the reply dialog on the current item (t), finds a template by typing part of its
   * name, checks that the first match is `first` when given, takes it (Enter) and waits for the
   * reply text to have the keyboard.
   */
  async replyWithTemplate(search: string, first?: string): Promise<{ reply: DialogPage; text: Locator }> {
    await this.press('t');
    const reply = this.dialog('reply-dialog');
    await reply.expectOpen();
    await this.page.keyboard.type(search);
    if (first !== undefined) await expect(reply.root.getByRole('option').first()).toContainText(first);
    await this.press('Enter');
    const text = reply.field('reply-text');
    await expect(text).toBeFocused();
    return { reply, text };
  }

  rowTexts(): Promise<string[]> {
    return this.list.locator('.qrow:not(.placeholder) .cell-text').allTextContents();
  }

  /** Imports one NDJSON file through the import dialog and closes it once the file is done. */
  async importNdjson(name: string, buffer: Buffer): Promise<void> {
    const dialog = await this.importDialog();
    await dialog.importFiles({ name, mimeType: 'application/x-ndjson', buffer });
    await dialog.waitDone(name);
    await dialog.close();
  }

  async stats(): Promise<{ items: number; byStatus: Record<string, number>; decisions: number }> {
    return this.host.api('stats');
  }
}
