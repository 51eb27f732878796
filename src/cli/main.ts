import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import { InterdictError } from '../core/errors.js';
import { RELEASE } from '../release.js';
import { registerCompare } from './commands/compare.js';
import { registerDiff } from './commands/diff.js';
import { registerEntity } from './commands/entity.js';
import { registerExport } from './commands/export.js';
import { registerKeys } from './commands/keys.js';
import { registerLoad } from './commands/load.js';
import { registerMatch } from './commands/match.js';
import { registerLinks } from './commands/links.js';
import { registerRegime } from './commands/regime.js';
import { registerMonitoring } from './commands/monitor.js';
import { registerNews } from './commands/news.js';
import { registerPetroleum } from './commands/petroleum.js';
import { registerScreen } from './commands/screen.js';
import { registerShipments } from './commands/shipments.js';
import { registerTravel } from './commands/travel.js';
import { registerServe } from './commands/serve.js';
import { registerUpdate } from './commands/update.js';
import { registerVersions } from './commands/versions.js';
import { registerWorker } from './commands/worker.js';
import { registerWorkers } from './commands/workers.js';
import { guardClosedPipes, type Io } from './output.js';

/** The documented exit status of bad input (a wrong argument or option, a malformed file). */
const BAD_INPUT = 2;

/** The composition root of the command line; returns the exit code. */
export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  guardClosedPipes(io);
  const program = new Command('interdict')
    .description('Interdict: official sanctions lists, versioned and diffable; screening across scripts and romanizations')
    .version(RELEASE)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  try {
    const config = loadConfig(env);
    registerLoad(program, config, io);
    registerDiff(program, io);
    registerVersions(program, config, io);
    registerEntity(program, config, io);
    registerExport(program, config, io);
    registerCompare(program, io);
    registerMatch(program, config, io);
    registerLinks(program, config, io);
    registerRegime(program, io);
    registerScreen(program, config, io);
    registerShipments(program, config, io);
    registerPetroleum(program, config, io);
    registerTravel(program, config, io);
    registerWorkers(program, config, io);
    registerKeys(program, config, io);
    registerUpdate(program, config, io);
    registerMonitoring(program, config, io);
    registerNews(program, config, io);
    registerServe(program, config, io);
    registerWorker(program, config, io);
    await program.parseAsync(argv);
    // An output that failed after the last write (a full disk) fails the command; a closed pipe does not.
    if (io.out.errored) throw io.out.errored;
    return 0;
  } catch (error) {
    // Commander ends help and --version with 0 and every usage error (unknown command or option,
    // missing argument, invalid value) with 1, which docs/cli.md ("Exit codes") documents as an unexpected error.
    if (error instanceof CommanderError) return error.exitCode === 1 ? BAD_INPUT : error.exitCode;
    if (error instanceof InterdictError) {
      io.err.write(`interdict: ${error.message}\n`);
      if (error.code === 'INTERRUPTED') return 130;
      // Not found: 3; what the command was given or found (a file, an argument, a store in use): 2;
      // what failed around it (the store's holder gone, a database that cannot be opened): 1.
      if (error.status === 404) return 3;
      return error.status >= 500 ? 1 : BAD_INPUT;
    }
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    io.err.write(`interdict: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
