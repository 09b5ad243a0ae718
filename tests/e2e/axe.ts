// Accessibility checks for the browser tests: axe-core's WCAG 2 A and AA rules over the page, or
// over the parts of it a test names, failing with one readable line per element at fault.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** `scope`: CSS selectors of the parts to check (the whole page when left out). */
export async function expectNoAxeViolations(page: Page, scope?: string | readonly string[]): Promise<void> {
  const parts = scope === undefined ? [] : typeof scope === 'string' ? [scope] : [...scope];
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  for (const part of parts) axe = axe.include(part);
  const { violations } = await axe.analyze();
  const found = violations.flatMap((v) => [
    `${v.id} (${v.impact ?? 'impact unknown'}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.map((n) => `    at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`),
  ]);
  expect(found, `axe found accessibility violations in ${parts.length ? parts.join(', ') : 'the page'}`).toEqual([]);
}
