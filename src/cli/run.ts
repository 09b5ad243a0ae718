// The command line, callable in process: run(argv, io) → exit code. main.ts calls it with
// process.argv; tests call it with captured streams and a temporary data folder.
import { VERSION } from '../core/index';
import { auditCommand } from './commands/audit';
import { accountsCommand, campaignsCommand } from './commands/detect';
import { evalCommand } from './commands/eval';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { seedCommand } from './commands/seed';
import { statsCommand } from './commands/stats';
import { asFailure, CliFailure, EXIT, UsageError } from './errors';
import { say, withDefaults, type CliIo } from './io';
import { usage } from './usage';

export type { CliIo } from './io';
export { EXIT } from './errors';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  export: exportCommand,
  stats: statsCommand,
  seed: seedCommand,
  eval: evalCommand,
  accounts: accountsCommand,
  campaigns: campaignsCommand,
  audit: auditCommand,
};

/**
 * Runs one command. `argv` is what follows the script name (process.argv.slice(2)).
 * Never throws and never exits the process: every outcome is an exit code, with its
 * message already written to io.stderr.
 */
export async function run(argv: readonly string[], partialIo: Partial<CliIo> = {}): Promise<number> {
  const io = withDefaults(partialIo);
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = name === 'help' ? rest[0] : undefined;
      io.stderr.write(usage(topic && COMMANDS[topic] ? topic : null));
      return EXIT.usage;
    }
    if (name === 'version' || name === '--version') {
      say(io.stdout, VERSION);
      return EXIT.ok;
    }
    const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      const hint = name.startsWith('-') ? `The command comes first, then its options (got ${name}).` : `Unknown command "${name}".`;
      throw new UsageError(hint, null);
    }
    return await command(rest, io);
  } catch (e) {
    return report(e, io, name);
  }
}

function report(e: unknown, io: CliIo, name: string | undefined): number {
  if (e instanceof UsageError) {
    if (!e.message) {
      io.stderr.write(usage(e.command)); // asked for help
    } else if (e.command) {
      // A mistake on a known command: the message, its usage line and where to read more.
      say(io.stderr, `vigil ${e.command}: ${e.message}`);
      say(io.stderr, `${usage(e.command).split('\n')[0]}\nRun "npm run -s cli -- help ${e.command}" for details.`);
    } else {
      say(io.stderr, `vigil: ${e.message}\n`);
      io.stderr.write(usage(null));
    }
    return EXIT.usage;
  }
  const f = e instanceof CliFailure ? e : asFailure(e);
  say(io.stderr, `vigil ${name ?? ''}: ${f.message}`.replace('vigil : ', 'vigil: '));
  if (!(e instanceof CliFailure) && io.env.VIGIL_DEBUG && e instanceof Error && e.stack) say(io.stderr, e.stack);
  return EXIT.failed;
}
