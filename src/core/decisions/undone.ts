// Whether an event is undone, in SQL. Only an undo that counts undoes: one the server refused
// (or put in conflict) is evidence, not state, and two undos of one event can meet in the log
// (one made here, one accepted from another workstation), so the question is "is there one that
// counts", never "is there one".

/** SQL condition: the event aliased `alias` has an undo that counts (accepted, or not answered yet). */
export const undoneSql = (alias = 'e'): string =>
  `EXISTS (SELECT 1 FROM events u LEFT JOIN event_sync us ON us.event_id = u.id WHERE u.undo_of = ${alias}.id AND (us.status IS NULL OR us.status = 'accepted'))`;

/** SQL expression: the id of an undo of the event aliased `alias` that counts, or NULL. */
export const undoneBySql = (alias = 'e'): string =>
  `(SELECT u.id FROM events u LEFT JOIN event_sync us ON us.event_id = u.id WHERE u.undo_of = ${alias}.id AND (us.status IS NULL OR us.status = 'accepted') ORDER BY u.seq LIMIT 1)`;
