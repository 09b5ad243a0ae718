import { useEffect, useState } from 'react';
import type { SlaPolicy, Team } from '@shared/hours';
import { call } from '../../api/client';

/** What the hours dialog edits: a team and its policy, or a new team (no id yet, no policy). */
export interface TeamChoice {
  team: Team;
  policy: SlaPolicy | undefined;
}

const NEW = 'new';

/** A new team starts as the first one's calendar: most teams of one brand share hours. */
function newTeam(like: Team | undefined): Team {
  return {
    id: 0,
    name: '',
    timeZone: like?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    weekly: like?.weekly ?? { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    holidays: [],
  };
}

const policyOf = (policies: SlaPolicy[], teamId: number) =>
  policies.find((x) => x.teamId === teamId && x.isDefault) ?? policies.find((x) => x.teamId === teamId);

/**
 * The teams there are and which one the dialog edits. `onPick` (stable) hands the dialog the
 * choice to fill its form from; a new team has id 0 until it is saved.
 */
export function useTeams(onPick: (c: TeamChoice) => void): {
  teams: Team[];
  picked: number | typeof NEW;
  pick(value: string): void;
  error: string | null;
} {
  const [teams, setTeams] = useState<Team[]>([]);
  const [policies, setPolicies] = useState<SlaPolicy[]>([]);
  const [picked, setPicked] = useState<number | typeof NEW>(NEW);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('sla.teams', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setTeams(r.value.teams);
      setPolicies(r.value.policies);
      const t = r.value.teams[0];
      setPicked(t ? t.id : NEW);
      onPick(t ? { team: t, policy: policyOf(r.value.policies, t.id) } : { team: newTeam(undefined), policy: undefined });
    });
    // onPick is stable (the dialog's state setters): this runs once, when the dialog opens.
  }, [onPick]);

  function pick(value: string): void {
    if (value === NEW) {
      setPicked(NEW);
      return onPick({ team: newTeam(teams[0]), policy: undefined });
    }
    const t = teams.find((x) => x.id === Number(value));
    if (!t) return;
    setPicked(t.id);
    onPick({ team: t, policy: policyOf(policies, t.id) });
  }

  return { teams, picked, pick, error };
}

/** A native select: arrow keys move between teams, and "New team…" is one of them. */
export function TeamPicker({ teams, picked, pick }: { teams: Team[]; picked: number | typeof NEW; pick(value: string): void }) {
  return (
    <label>
      Edit team
      <select value={String(picked)} onChange={(e) => pick(e.target.value)} data-testid="hours-team-select">
        {teams.map((t) => (
          <option key={t.id} value={String(t.id)}>
            {t.name}
          </option>
        ))}
        <option value={NEW}>New team…</option>
      </select>
    </label>
  );
}
