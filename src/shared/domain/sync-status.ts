// Sync as a workstation sees it: its state, what waits, what was refused or set aside, and
// the conflicts a supervisor settles.
import type { EventView } from './item-views';
import type { ItemKind, ItemStatus } from './items';

/** 'signed-out': the server no longer takes this workstation's session (expired or revoked). */
export type SyncState = 'disconnected' | 'online' | 'offline' | 'syncing' | 'signed-out';

/** The workstation's sync, as the status bar and settings show it. */
export interface SyncStatus {
  connected: boolean;
  /** 'offline' is a normal state: the outbox waits and nothing is lost. */
  state: SyncState;
  url: string | null;
  user: string | null;
  role: string | null;
  /** Set while the server is reached over plain http:// on another machine: the sentence to show (plainHttpWarning). */
  insecure: string | null;
  /** Events made here and not yet on the server. */
  outbox: number;
  /** Server events read so far. */
  cursor: number;
  /** The server's newest event when last heard: cursor < serverHead means catching up. */
  serverHead: number;
  lastSyncAt: number | null;
  lastError: string | null;
  /**
   * Events of this workstation the server refused or put in conflict and that still stand so,
   * newest first (at most 50): a conflict a supervisor has settled is no longer listed. A
   * configuration change names its document (`doc`) and no item.
   */
  refused: {
    eventId: string;
    itemId: number | null;
    action: string;
    status: 'conflict' | 'rejected';
    reason: string | null;
    doc?: string;
  }[];
  /** Conflicts no supervisor has resolved yet, across the team. */
  openConflicts: number;
  /** Open cases handed over too often or back to an earlier owner: for supervisors to look at. */
  bouncedCases: number;
  /** Replies a connector said it could not post (and none posted since), across the team. */
  failedReplies: number;
  /**
   * Server events kept beside the log: `unappliable` ones this workstation could not take in
   * (listed, newest first, at most 50), and the count of other workstations' events the server
   * refused (`refusedElsewhere`), kept as evidence.
   */
  setAside: { unappliable: number; refusedElsewhere: number; recent: SetAsideEvent[] };
}

/** A server event this workstation keeps beside its log, with the reason. */
export interface SetAsideEvent {
  eventId: string;
  /** 'refused': another workstation's event the server refused; 'unappliable': one this workstation could not apply. */
  kind: 'refused' | 'unappliable';
  serverSeq: number;
  platform: string;
  externalId: string;
  action: string;
  /** Its author of record (the signed-in user who pushed it). */
  by: string;
  /** When the server took it. */
  at: number;
  reason: string;
}

/** One side of a disagreement: a decision the server would not let stand beside another. */
export interface ConflictingDecision {
  eventId: string;
  action: string;
  /** Its author, as `author.name`. */
  actor: string;
  /** Its author of record, as an item's history shows it. */
  author: EventView['author'];
  createdAt: number;
  /** The server's account of the clash. */
  reason: string | null;
  /** The reason its author gave, if any. */
  said: string | null;
}

/** Work the server kept but flagged for a supervisor: done on an item someone else held. */
export interface FlaggedWork {
  eventId: string;
  itemId: number;
  platform: string;
  externalId: string;
  action: string;
  actor: string;
  createdAt: number;
  reason: string;
  text: string;
}

/** An item two people decided differently on the same version, waiting for a supervisor. */
export interface ConflictView {
  itemId: number;
  platform: string;
  externalId: string;
  kind: ItemKind;
  text: string;
  authorHandle: string | null;
  /** Detection's scores in [0, 1], or null for an item not scored; a detector that did not look is null. */
  scores: { risk: number; spam: number | null; review: number | null; author: number | null } | null;
  /**
   * What stands now: the item's status and the decision that set it (the one the server
   * accepted first), with its author of record; `decision` is null where no event in this
   * log set the status (an imported status, or a later reopen).
   */
  standing: {
    status: ItemStatus;
    by: string | null;
    at: number | null;
    decision: {
      eventId: string;
      action: string;
      author: EventView['author'];
      createdAt: number;
      said: string | null;
      synced: boolean;
    } | null;
  };
  /** The decisions that clashed with it. */
  contenders: ConflictingDecision[];
  foundAt: number;
}
