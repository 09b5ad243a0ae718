// How the SQLite store reads its log for a check, in this thread or a helper's: rows as they
// come (range-check.ts's LogRecord), the logged hash as hex text (hex() of a missing one is '').
export const RECORDS_SQL = 'SELECT leaf, seq, body, hex(leaf_hash) FROM events WHERE leaf >= ? ORDER BY leaf LIMIT ?';
