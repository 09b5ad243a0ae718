// Usage text, general and per command. Kept in step with docs/cli.md.

const COMMON = `Every command also takes:
  --data-dir DIR   the data folder holding vigil.db (default: $VIGIL_DATA_DIR, else the
                   platform's user data folder, the one the app uses)
  --json           machine-readable output on stdout; progress and messages stay on stderr
  -h, --help       this text`;

export const COMMAND_USAGE: Record<string, string> = {
  import: `Usage: npm run -s cli -- import FILE... [--format ndjson|csv] [--data-dir DIR] [--json]

Imports accounts, items and follows in the interchange format (NDJSON, or CSV with one
record type per file, e.g. accounts.csv, items.csv, follows.csv). Files are streamed and
stored in batches; a bad row is reported with its file and line and skipped, good rows are
kept. Importing the same file again updates, it never duplicates.
  --format F       read every FILE as ndjson or csv (default: .csv is CSV, anything else NDJSON)

Exit code: 0 every row imported, 1 some rows rejected (the rest imported), 2 usage error,
3 failure.`,
  export: `Usage: npm run -s cli -- export [--format ndjson|csv] [--out FILE] [--data-dir DIR] [--json]

Exports every item with its decisions, page by page, to stdout or FILE.
  --format F       ndjson (default) or csv; with --out FILE.csv the default is csv
  --out FILE       write to FILE instead of stdout; with --json a summary goes to stdout`,
  stats: `Usage: npm run -s cli -- stats [--data-dir DIR] [--json]

Counts of items (by status and kind), accounts, follows, decisions, events and outbox.`,
  seed: `Usage: npm run -s cli -- seed --items N [--seed S] [--now ISO] [--out FILE] [--data-dir DIR] [--json]

Generates a realistic workload (brand mentions, reviews, comments with spam waves, genuine
and bought-follower accounts) and loads it into the database, or writes it as NDJSON.
  --items N        how many items (1 to 10,000,000), required
  --seed S         random seed (default 1): the same seed and --now give the same workload
  --now ISO        the moment the workload is generated at (default: now)
  --out FILE       write NDJSON to FILE instead of loading the database`,
  accounts: `Usage: npm run -s cli -- accounts [--top N] [--data-dir DIR] [--json]

The accounts most likely fake (bought followers, bots), highest score first, with reasons;
where an account's followers are known, the share that look fake and its adjusted reach.
  --top N          how many (default 20, at most 10,000)`,
  campaigns: `Usage: npm run -s cli -- campaigns [--data-dir DIR] [--json]

Groups of accounts posting the same or nearly the same text in a burst, with their members.`,
  audit: `Usage: npm run -s cli -- audit verify [--data-dir DIR] [--offline] [--json]
       npm run -s cli -- audit verify --server URL [--server URL2] [--key KEY] [--data-dir DIR] [--json]
       npm run -s cli -- audit proof EVENT_ID [--data-dir DIR] [--out FILE] [--json]
       npm run -s cli -- audit verify-proof FILE --key KEY [--json]

Checks the record: this workstation's own log and its copy of the central server's verifiable
log, servers' signed logs, and inclusion proofs of one logged decision.
  verify           this workstation's log chain, its copy of the server's log against every
                   checkpoint it verified, every server event it keeps against the hash the log
                   has for it, and (unless --offline) the server today, which must extend what
                   was verified here
  verify --server URL
                   a server's newest signed checkpoint (under --key, else the key this
                   workstation kept, else the server's own, said to be unchecked), whether it
                   extends what this workstation verified, and with a second --server whether
                   the two logs are one or a fork (naming the first entry where they part)
  proof EVENT_ID   asks the server for an inclusion proof of one event, checks it against the
                   key kept at sign-in and this workstation's copy, writes it as a small JSON file
  --out FILE       where to write the proof (default vigil-proof-EVENT_ID.json)
  verify-proof FILE  does this inclusion proof file (one logged decision, the path to the
                   root of a signed checkpoint) hold under the log's public key? Needs only
                   the file and the key, no database.
  --key KEY        the log's public key: base64 of its 32 bytes, a PEM, a name+id+key
                   verifier key, or a file holding one of these

Exit code: 0 it holds, 1 it does not (each problem said), 2 usage error, 3 failure.`,
  eval: `Usage: npm run -s eval -- --train DIR --test DIR [--json]

Measures the detectors on labelled CSV files (accounts.csv, reviews.csv, comments.csv) in
--test: the defaults as they ship (zeroShot), and the app's trainer fitted on the same files
in --train (trained). Test labels are used for scoring only.
  --train DIR      labelled files to train on
  --test DIR       labelled files to score`,
};

export function usage(command?: string | null): string {
  const specific = command ? COMMAND_USAGE[command] : undefined;
  if (specific) return `${specific}\n\n${COMMON}\n`;
  return `Vigil command line.

Usage: npm run -s cli -- <command> [options]

Commands:
  import FILE...   import NDJSON or CSV files (accounts, items, follows)
  export           export items with their decisions as NDJSON or CSV
  stats            counts of items, accounts, decisions
  seed --items N   generate a seeded workload into the database or a file
  accounts         accounts most likely fake, with reasons
  campaigns        coordinated groups of accounts
  eval             measure the detectors on labelled CSV folders
  audit verify     check this workstation's record, or servers' logs (--server URL)
  audit proof EVENT_ID
                   an inclusion proof file for one logged event
  audit verify-proof FILE --key KEY
                   check an inclusion proof of the server's verifiable log
  help [COMMAND]   this text, or a command's

${COMMON}

Exit codes: 0 done, 1 some import rows rejected (or a proof that does not hold), 2 usage
error, 3 failure.
See docs/cli.md for examples.
`;
}
