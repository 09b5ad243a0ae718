// The record's own check: the local chain and the copy of the server's log.

/**
 * What a check of the record found. `problems` is empty when everything holds; each problem
 * names the first position where it went wrong (a position in the server's log, or in this
 * workstation's own chain) and why.
 */
export interface AuditReport {
  ok: boolean;
  checkedAt: number;
  /** This workstation's own log (every event made or taken here), chained entry to entry. */
  chain: { entries: number };
  /** This workstation's copy of the server's log; null when it has never synced with a server that signs one. */
  serverLog: {
    entries: number;
    /** Of those, how many events this workstation keeps (the rest only as their hashes). */
    kept: number;
    /** The newest checkpoint it verified: the size, when the server signed it, and the key's fingerprint. */
    checkpoint: { size: number; signedAt: number; key: string } | null;
    /** Whether the server was asked today, and what it said of its log since. */
    server: 'consistent' | 'not-asked' | 'unreachable' | 'inconsistent';
  } | null;
  problems: { where: 'chain' | 'server-log' | 'server'; position: number | null; what: string }[];
}

/** An inclusion proof file (JSON text) and what it proves, in words. */
export interface AuditProof {
  fileName: string;
  file: string;
  summary: string;
}
