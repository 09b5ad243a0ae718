// What the server makes of one pushed event, whatever the database: the rules of the protocol
// written once. Decisions made concurrently (on the same item version) that disagree become a
// conflict for a supervisor; only a supervisor's resolution, itself an event, settles one.
// Nothing is overwritten, nothing is last-writer-wins.
import { CONFIG_ACTION, CONFIG_EDITORS, CONFIG_PLATFORM, describeDoc, editorsText, readConfigEvent } from '../../shared/config-sync';
import { DECISION_ACTIONS } from '../../shared/model';
import { refusal, type RuleContext } from '../../shared/event-rules';
import { CLAIM_LEASE_MAX_MS, resolvedBy, type PushStatus, type Role, type SyncEvent } from '../../shared/sync';

const DECISIONS = new Set<string>(DECISION_ACTIONS);

export function isDecision(action: string): boolean {
  return DECISIONS.has(action);
}

export interface Verdict {
  status: Exclude<PushStatus, 'duplicate'>;
  /** Why a conflict or a refusal; on an accepted event, what it is flagged for. */
  reason: string | null;
  /** Whether the item's version moves on. */
  advances: boolean;
}

/** Who holds an item, as the server granted it. */
export interface Lease {
  holder: string;
  grantedAt: number;
  until: number;
}

/** A stored event a resolution names. */
export interface NamedEvent {
  id: string;
  status: string;
  platform: string;
  externalId: string;
}

export interface JudgeContext extends RuleContext {
  /** Accepted events so far on the item. */
  head: number;
  /** The decisions already accepted on it from the event's base version on (what its author could not have seen), with who made them. */
  concurrent: readonly { action: string; by: string }[];
  /** The events a resolution names, as far as the server has them. */
  named: ReadonlyMap<string, NamedEvent>;
  lease: Lease | null;
}

function judgeResolution(e: SyncEvent, ids: readonly string[], c: JudgeContext): Verdict | null {
  for (const id of ids) {
    const n = c.named.get(id);
    if (!n || n.status !== 'conflict') return refuse(`event ${id} is not a conflict the server has`);
    if (n.platform !== e.platform || n.externalId !== e.externalId) return refuse(`event ${id} is a conflict on another item`);
  }
  return null;
}

const refuse = (reason: string): Verdict => ({ status: 'rejected', reason, advances: false });

/** Work done while another user held the item (typically offline): kept, and flagged for a supervisor. */
function heldFlag(e: SyncEvent, c: JudgeContext): string | null {
  const l = c.lease;
  if (!l || l.holder === c.by.name) return null;
  const heldThen = l.grantedAt <= e.createdAt && l.until > e.createdAt;
  return heldThen || l.until > c.now ? `done while ${l.holder} held the item` : null;
}

/**
 * The server's verdict on one item event: the rules of shared/event-rules (who may, and what is
 * valid), then the protocol's own: a resolution names open conflicts on the same item and
 * stands whatever came between (the supervisor saw both sides); a decision made on a version
 * someone had already decided otherwise is a conflict; work on an item another holds is kept
 * and flagged.
 */
export function judge(e: SyncEvent, c: JudgeContext): Verdict {
  const no = refusal(e, c);
  if (no) return refuse(no);
  const ids = resolvedBy(e);
  if (ids) return judgeResolution(e, ids, c) ?? { status: 'accepted', reason: null, advances: true };
  if (e.action === 'claim') return { status: 'accepted', reason: null, advances: true };
  const flag = heldFlag(e, c);
  if (e.baseVersion >= c.head || !isDecision(e.action)) return { status: 'accepted', reason: flag, advances: true };
  const other = c.concurrent.find((x) => x.action !== e.action);
  if (!other) return { status: 'accepted', reason: flag, advances: true };
  return {
    status: 'conflict',
    reason: `${c.by.name} decided ${e.action} while ${other.by} had decided ${other.action} on the same version`,
    advances: false,
  };
}

/**
 * The lease after an accepted event: a claim grants or renews it (for at most the lease's
 * length), a release ends it, a handover gives it to another user.
 */
export function leaseAfter(e: SyncEvent, by: string, lease: Lease | null, now: number): Lease | null | undefined {
  if (e.action === 'claim') {
    const asked = typeof e.payload?.until === 'number' ? e.payload.until : now + CLAIM_LEASE_MAX_MS;
    const until = Math.min(asked, now + CLAIM_LEASE_MAX_MS);
    return { holder: by, grantedAt: lease && lease.holder === by && lease.until > now ? lease.grantedAt : now, until };
  }
  // The rules let only the holder or a supervisor release a live lease.
  if (e.action === 'release') return lease ? null : undefined;
  if (e.action === 'handover' && typeof e.payload?.to === 'string')
    return { holder: e.payload.to, grantedAt: now, until: now + CLAIM_LEASE_MAX_MS };
  // A decision settles the item: whoever held it has nothing left to hold.
  if (isDecision(e.action) && lease) return null;
  return undefined;
}

/** A configuration document's newest accepted change, as the server has it. */
export interface DocHead {
  id: string;
  /** The signed-in user who pushed it (not the name the workstation wrote in it). */
  by: string;
  receivedAt: number;
  /** Accepted changes so far: the document's revision. */
  revision: number;
}

/** Either half of a configuration event marks one: both must hold, checked in judgeConfig. */
export function isConfigEvent(e: SyncEvent): boolean {
  return e.platform === CONFIG_PLATFORM || e.action === CONFIG_ACTION;
}

/**
 * A configuration change: only from a role that may edit the kind, only a valid whole document,
 * and only if it builds on the document's newest accepted change (the event id it names as its
 * base). A change made on an older revision is refused with who changed it meanwhile: the
 * admin reloads and applies the edit again; nothing is merged or overwritten silently.
 */
export function judgeConfig(e: SyncEvent, last: DocHead | null, by: { name: string; role: Role }): Verdict {
  const clock = (t: number) => new Date(t).toISOString().slice(11, 16);
  if (e.platform !== CONFIG_PLATFORM || e.action !== CONFIG_ACTION)
    return refuse(`configuration changes are ${CONFIG_ACTION} events on ${CONFIG_PLATFORM}, and only those`);
  const r = readConfigEvent(e);
  if (!r.ok) return refuse(r.problem);
  const what = describeDoc(e.externalId);
  if (!(CONFIG_EDITORS[r.kind] as readonly string[]).includes(by.role))
    return refuse(`only ${editorsText(r.kind)} changes ${what}; ${by.name} is a ${by.role}`);
  if ((last?.id ?? null) !== r.base) {
    if (!last) return refuse(`${what} has no revision on the server for this change to build on — reload and re-apply`);
    return refuse(
      `${what} changed by ${last.by} at ${clock(last.receivedAt)} UTC meanwhile (now revision ${last.revision}) — reload and re-apply`,
    );
  }
  return { status: 'accepted', reason: null, advances: true };
}
