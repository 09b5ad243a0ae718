import { useCallback, useState } from 'react';
import type { SlaPolicy, Team, Weekday } from '@shared/hours';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { LastChanged } from '../sync/LastChanged';
import { DAYS, formatDay, formatHolidays, knownZone, parseHolidays, parseWeek } from './parseHours';
import { useSlaEpoch } from './slaEpoch';
import { TeamPicker, useTeams, type TeamChoice } from './TeamPicker';

interface Form {
  name: string;
  timeZone: string;
  days: Record<Weekday, string>;
  holidays: string;
  firstResponse: string;
  resolution: string;
}

function formOf(team: Team, policy: SlaPolicy | undefined): Form {
  return {
    name: team.name,
    timeZone: team.timeZone,
    days: Object.fromEntries(DAYS.map((d) => [d.id, formatDay(team.weekly[d.id])])) as Record<Weekday, string>,
    holidays: formatHolidays(team.holidays),
    firstResponse: String(policy?.firstResponseMinutes ?? 60),
    resolution: String(policy?.resolutionMinutes ?? 480),
  };
}

const zones = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
})();

/** Admin: a team's zone, weekly hours and closed dates, and its SLA targets in business minutes. */
export function HoursDialog() {
  const close = useStore((s) => s.close);
  const toast = useStore((s) => s.toast);
  const reload = useStore((s) => s.reload);
  const bump = useSlaEpoch((s) => s.bump);
  const [team, setTeam] = useState<Team | null>(null);
  const [policy, setPolicy] = useState<SlaPolicy | undefined>();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const onPick = useCallback(({ team: t, policy: p }: TeamChoice) => {
    setTeam(t);
    setPolicy(p);
    setForm(formOf(t, p));
    setError(null);
  }, []);
  const teams = useTeams(onPick);

  async function save(): Promise<void> {
    if (!form || !team) return;
    if (!form.name.trim()) return setError('Give the team a name.');
    if (!knownZone(form.timeZone.trim()))
      return setError(`“${form.timeZone}” is not a time zone this computer knows (use an IANA name such as Europe/Berlin).`);
    const week = parseWeek(form.days);
    if (!week.ok) return setError(week.message);
    const holidays = parseHolidays(form.holidays);
    if (!holidays.ok) return setError(holidays.message);
    const fr = Number(form.firstResponse);
    const res = Number(form.resolution);
    if (!Number.isInteger(fr) || fr < 1) return setError('First response: give a whole number of business minutes, 1 or more.');
    if (!Number.isInteger(res) || res < fr)
      return setError('Resolution: give a whole number of business minutes, at least the first-response target.');
    setSaving(true);
    setError(null);
    const t = await call('sla.team.save', {
      ...(team.id ? { id: team.id } : {}),
      name: form.name.trim(),
      timeZone: form.timeZone.trim(),
      weekly: week.value,
      holidays: holidays.value,
    });
    if (!t.ok) {
      setSaving(false);
      return setError(t.error.message);
    }
    let moved = t.value.recomputed.changed;
    // A new team (or one without a policy) gets its targets as a policy of its own.
    if (!policy || policy.firstResponseMinutes !== fr || policy.resolutionMinutes !== res) {
      const named = policy ? { id: policy.id, name: policy.name } : { name: `${t.value.team.name} targets` };
      const p = await call('sla.policy.save', { ...named, teamId: t.value.team.id, firstResponseMinutes: fr, resolutionMinutes: res });
      if (!p.ok) {
        setSaving(false);
        return setError(p.error.message);
      }
      moved += p.value.recomputed.changed;
    }
    setSaving(false);
    bump();
    reload();
    toast('success', `Business hours saved; ${moved.toLocaleString()} open item${moved === 1 ? '' : 's'} re-timed.`);
    close();
  }

  const weekday = (id: Weekday, value: string) => form && setForm({ ...form, days: { ...form.days, [id]: value } });

  return (
    <Dialog title="Business hours and SLA" wide testId="hours-dialog">
      <LastChanged docs={['team:', 'sla-policy:']} />
      {!form ? (
        <p className="muted">{error ?? teams.error ?? 'Loading…'}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p className="muted">
            Targets count only while the team is open. Hours are the team’s wall clock; a range ending at or before its start runs past
            midnight (22:00–02:00).
          </p>
          <TeamPicker teams={teams.teams} picked={teams.picked} pick={teams.pick} />
          <label>
            Team name
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="hours-team" />
          </label>
          <label>
            Time zone
            <input
              value={form.timeZone}
              list="vigil-zones"
              onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
              data-testid="hours-zone"
            />
            <datalist id="vigil-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </label>
          <fieldset className="hours-week">
            <legend>Weekly hours (empty: closed)</legend>
            {DAYS.map((d) => (
              <label key={d.id}>
                {d.name}
                <input
                  value={form.days[d.id]}
                  placeholder="closed"
                  onChange={(e) => weekday(d.id, e.target.value)}
                  data-testid={`hours-${d.id}`}
                />
              </label>
            ))}
          </fieldset>
          <label>
            Closed dates, one a line (2025-12-25 Christmas, or 2025-12-24 12:00–17:00 Christmas Eve)
            <textarea
              rows={4}
              value={form.holidays}
              onChange={(e) => setForm({ ...form, holidays: e.target.value })}
              data-testid="hours-holidays"
            />
          </label>
          <div className="row">
            <label>
              First response (business minutes)
              <input
                type="number"
                min={1}
                value={form.firstResponse}
                onChange={(e) => setForm({ ...form, firstResponse: e.target.value })}
                data-testid="sla-first-response"
              />
            </label>
            <label>
              Resolution (business minutes)
              <input
                type="number"
                min={1}
                value={form.resolution}
                onChange={(e) => setForm({ ...form, resolution: e.target.value })}
                data-testid="sla-resolution"
              />
            </label>
          </div>
          {error ? (
            <p className="error" role="alert" data-testid="hours-error">
              {error}
            </p>
          ) : null}
          <div className="row">
            <button type="submit" className="primary" disabled={saving} data-testid="hours-save">
              {saving ? 'Saving…' : 'Save and re-time open items'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
