// The business-hours dialog edits any team, and makes new ones: a team is picked from a
// select (keyboard-native), "New team…" starts an empty one whose targets become a policy of
// its own, and saving one team leaves the others as they were. Against a real core.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HoursDialog } from '../../src/renderer/src/features/sla/HoursDialog';
import type { SlaPolicy, Team } from '../../src/shared/hours';
import { bridgeEachTest } from './helpers/rendered-bridge';

const bridge = bridgeEachTest();

const teams = () => bridge().direct<{ teams: Team[]; policies: SlaPolicy[] }>('sla.teams', {});
const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const type = (id: string, value: string) => act(() => void fireEvent.change(field(id), { target: { value } }));

async function save(): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId('hours-save'));
    await bridge().quiet();
  });
}

describe('the hours dialog with several teams', () => {
  it('creates a team with its own targets, then edits it without touching the first', async () => {
    const before = await teams();
    const first = before.teams[0]!;
    render(<HoursDialog />);
    await waitFor(() => expect(field('hours-team').value).toBe(first.name));
    const select = screen.getByTestId('hours-team-select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual([...before.teams.map((t) => t.name), 'New team…']);

    act(() => void fireEvent.change(select, { target: { value: 'new' } }));
    expect(field('hours-team').value).toBe('');
    // The first team's zone and week to start from; no closed dates.
    expect(field('hours-zone').value).toBe(first.timeZone);
    expect(field('hours-holidays').value).toBe('');
    await save();
    expect(screen.getByTestId('hours-error').textContent).toBe('Give the team a name.');

    type('hours-team', 'Night shift');
    type('hours-zone', 'Asia/Tokyo');
    type('hours-mon', '22:00-06:00');
    type('sla-first-response', '30');
    type('sla-resolution', '240');
    await save();
    const after = await teams();
    const night = after.teams.find((t) => t.name === 'Night shift')!;
    expect(night).toMatchObject({ timeZone: 'Asia/Tokyo', weekly: { mon: [{ from: '22:00', to: '06:00' }] } });
    expect(after.policies.filter((p) => p.teamId === night.id)).toEqual([
      expect.objectContaining({ firstResponseMinutes: 30, resolutionMinutes: 240, isDefault: false }),
    ]);
    expect(after.teams.find((t) => t.id === first.id)).toEqual(first);
    expect(after.policies.filter((p) => p.teamId === first.id)).toEqual(before.policies.filter((p) => p.teamId === first.id));
    cleanup();

    // Opened again: the new team is in the list; picking it shows its own calendar and targets.
    render(<HoursDialog />);
    await waitFor(() => expect(field('hours-team').value).toBe(after.teams[0]!.name));
    act(() => void fireEvent.change(screen.getByTestId('hours-team-select'), { target: { value: String(first.id) } }));
    expect(field('hours-team').value).toBe(first.name);
    act(() => void fireEvent.change(screen.getByTestId('hours-team-select'), { target: { value: String(night.id) } }));
    expect(field('hours-team').value).toBe('Night shift');
    expect(field('hours-zone').value).toBe('Asia/Tokyo');
    expect(field('sla-first-response').value).toBe('30');
    type('hours-tue', '09:00-17:00');
    await save();
    const last = await teams();
    expect(last.teams.find((t) => t.id === night.id)!.weekly.tue).toEqual([{ from: '09:00', to: '17:00' }]);
    expect(last.teams).toHaveLength(before.teams.length + 1);
    expect(last.teams.find((t) => t.id === first.id)).toEqual(first);
  });
});
