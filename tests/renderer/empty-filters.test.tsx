// An empty list names the filters that emptied it and lifts them one by one or all at once;
// the command palette names queues as the sidebar does; the detail pane says "arrived out of
// hours" only while it is news. The window is rendered against a real core.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { backAtWords } from '../../src/renderer/src/features/sla/SlaPanel';
import { filtersInForce } from '../../src/renderer/src/features/queue/NothingHere';
import { useStore } from '../../src/renderer/src/store';
import type { ItemSla } from '../../src/shared/hours';
import { bridgeCore, resetStore, type Bridge } from './helpers/core-bridge';

let bridge: Bridge;

beforeEach(() => {
  resetStore();
});

afterEach(async () => {
  cleanup();
  await bridge.quiet();
  bridge.close();
});

async function started(items: number): Promise<void> {
  bridge = bridgeCore({ items });
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('detail').getAttribute('data-item-id')).toMatch(/^\d+$/));
}

const setFilter = (patch: Parameters<ReturnType<typeof useStore.getState>['setFilter']>[0]) =>
  act(() => useStore.getState().setFilter(patch));
const total = () => useStore.getState().total;

describe('an empty list', () => {
  it('names each filter in force, as text, and clears one or all of them', async () => {
    await started(120);
    const everything = await bridge.direct<{ total: number }>('queue.count', { filter: {} });
    // Hostile text stays text: a search shown in the message is never markup.
    setFilter({ queue: 'fake-accounts', search: '<img src=x onerror=alert(1)>zzqx', minRisk: 0.9, label: 'vip' });
    await waitFor(() => expect(total()).toBe(0));
    const message = screen.getByTestId('nothing-filters');
    expect(message.textContent).toBe(
      'Nothing here with these filters: queue “Likely fake accounts”, waiting items only, search “<img src=x onerror=alert(1)>zzqx”, label “vip”, score 90 and above.',
    );
    expect(document.querySelector('[data-testid="nothing"] img')).toBeNull();
    const nothing = screen.getByTestId('nothing');
    expect(
      within(nothing)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'Clear the queue',
      'Show all statuses',
      'Clear the search',
      'Clear the label',
      'Clear the score floor',
      'Clear all filters',
    ]);

    // One filter lifted: the others stay, and are still named.
    fireEvent.click(screen.getByTestId('nothing-clear-search'));
    expect(useStore.getState().filter).toEqual({ queue: 'fake-accounts', minRisk: 0.9, label: 'vip' });
    // No item has the label "vip" yet: still empty, and the search is no longer named.
    await waitFor(() => expect(total()).toBe(0));
    expect(screen.getByTestId('nothing-filters').textContent).toBe(
      'Nothing here with these filters: queue “Likely fake accounts”, waiting items only, label “vip”, score 90 and above.',
    );

    // All of them, the order kept: every item of every status is back.
    setFilter({ search: 'zzqx', sort: 'risk' });
    await waitFor(() => expect(total()).toBe(0));
    fireEvent.click(screen.getByTestId('nothing-clear-all'));
    expect(useStore.getState().filter).toEqual({ status: 'all', sort: 'risk' });
    await waitFor(() => expect(total()).toBe(everything.total));
  });

  it('with only the waiting filter by default, offers every status', async () => {
    await started(5);
    const ids = await bridge.direct<{ rows: { id: number }[] }>('queue.page', { filter: {}, offset: 0, limit: 10 });
    await bridge.direct('decision.apply', { itemIds: ids.rows.map((r) => r.id), action: 'approve' });
    act(() => useStore.getState().reload());
    await waitFor(() => expect(total()).toBe(0));
    expect(screen.getByTestId('nothing-filters').textContent).toBe('Nothing here with these filters: waiting items only.');
    expect(screen.queryByTestId('nothing-clear-all')).toBeNull();
    fireEvent.click(screen.getByTestId('nothing-clear-status'));
    await waitFor(() => expect(total()).toBe(5));
  });

  it('leaves out the order, which hides nothing, and names a queue a rule made up by its own name', () => {
    expect(filtersInForce({ status: 'all', sort: 'due' })).toEqual([]);
    expect(filtersInForce({ status: 'all', queue: 'constructor' }).map((f) => f.text)).toEqual(['queue “constructor”']);
    expect(
      filtersInForce({ status: 'spam', kind: 'review', platform: 'shop', target: 'Hotel Nord', rule: 'r1' }).map((f) => f.text),
    ).toEqual(['spam items only', 'kind “Review”', 'platform “shop”', 'about “Hotel Nord”', 'routed by rule “r1”']);
  });
});

describe('the command palette', () => {
  it('names queues as the sidebar does, and goes there', async () => {
    await started(300);
    await waitFor(() => expect(useStore.getState().counts?.queues.length).toBeGreaterThan(1));
    act(() => useStore.getState().open({ kind: 'palette' }));
    const palette = await screen.findByTestId('palette');
    const sidebar = within(screen.getByTestId('queues'))
      .getAllByRole('button')
      .map((b) => b.querySelector('span')!.textContent);
    const queues = within(palette).getByText('Queues').closest<HTMLElement>('[cmdk-group]')!;
    const goTo = within(queues)
      .getAllByRole('option')
      .map((o) => o.textContent ?? '');
    expect(goTo.map((t) => t.replace(/\s*[\d,]+ waiting$/, ''))).toEqual([
      'Go to all queues',
      ...sidebar.slice(1).map((n) => `Go to ${n}`),
    ]);
    expect(goTo.join('\n')).not.toMatch(/Go to queue |fake-|spam-waves/);
    const target = useStore.getState().counts!.queues.find((q) => q.queue === 'reviews') ?? useStore.getState().counts!.queues[0]!;
    const label = within(screen.getByTestId(`queue-${target.queue}`)).getAllByText(/./)[0]!.textContent!;
    fireEvent.click(within(palette).getByText(`Go to ${label}`));
    expect(useStore.getState().filter.queue).toBe(target.queue);
  });
});

describe('when the team is back', () => {
  const base: ItemSla = {
    itemId: 1,
    policy: null,
    team: null,
    firstResponseDue: null,
    resolutionDue: null,
    firstResponseAt: null,
    next: 'first-response',
    due: Date.UTC(2025, 5, 9, 10),
    businessLeftMs: 0,
    breached: false,
    openNow: false,
    arrivedAt: Date.UTC(2025, 5, 6, 21),
    arrivedOutOfHours: true,
    awaitingOpening: true,
    backAt: Date.UTC(2025, 5, 9, 9),
    backAtText: 'Monday 9 June 09:00 (UTC)',
    hoursText: null,
    now: Date.UTC(2025, 5, 7, 10),
  };
  it('says “arrived out of hours” only while the team has not opened since', () => {
    expect(backAtWords(base, base.backAtText!)).toBe('Arrived out of hours. The team is away; back Monday 9 June 09:00 (UTC).');
    const late = {
      ...base,
      awaitingOpening: false,
      breached: true,
      now: Date.UTC(2025, 5, 21, 11),
      backAtText: 'Monday 23 June 09:00 (UTC)',
    };
    const words = backAtWords(late, late.backAtText);
    expect(words).toMatch(
      /^Waiting 14 d 14 h since it arrived \(.+\), overdue since .+\. The team is away; back Monday 23 June 09:00 \(UTC\)\.$/,
    );
    expect(words).not.toContain('Arrived out of hours');
    expect(backAtWords({ ...late, openNow: true }, 'Monday 9 June 09:00 (UTC)')).not.toContain('away');
    expect(backAtWords({ ...base, awaitingOpening: false, openNow: true }, 'Monday 9 June 09:00 (UTC)')).toBe(
      'Arrived out of hours; the team was back Monday 9 June 09:00 (UTC).',
    );
    expect(backAtWords({ ...base, awaitingOpening: false, arrivedOutOfHours: false }, 'Monday 9 June 09:00 (UTC)')).toBe(
      'The team is away; back Monday 9 June 09:00 (UTC).',
    );
  });
});
