import { expect, type Locator, type Page } from '@playwright/test';
import { DialogPage } from './DialogPage';

/** The routing rules editor: steps an admin takes, one method each. */
export class RulesDialog extends DialogPage {
  readonly preview: Locator;
  constructor(page: Page) {
    super(page, 'rules-dialog');
    this.preview = this.field('rule-preview');
  }

  async addRule(name: string): Promise<void> {
    await this.field('rule-add').click();
    await this.field('rule-name').fill(name);
  }

  /** Sets condition `index` of the selected rule. */
  async condition(index: number, field: string, op: string, value: string): Promise<void> {
    const row = this.root.getByTestId(`rule-condition-${index}`);
    await row.getByTestId('condition-field').selectOption(field);
    await row.getByTestId('condition-op').selectOption(op);
    await row.getByTestId('condition-value').fill(value);
  }

  async save(): Promise<void> {
    await this.field('rules-save').click();
    await expect(this.root).toHaveCount(0);
  }
}
