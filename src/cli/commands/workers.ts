import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import { WORKER_VERDICTS, readCheckDate, type Worker, type WorkerAnswer } from '../../core/workers/index.js';
import { readRegime } from '../../service/regime.js';
import { workerFileValues } from '../../service/worker-file.js';
import { createWorkerChecker, recordWorkerChecks, today, tryWorker, workerValues } from '../../service/workers.js';
import { checkLists, cliActor, screeningState, withStore } from '../context.js';
import { readInputText } from '../json-lines.js';
import { printTable, type Io } from '../output.js';

interface CheckOptions {
  on?: string;
  db?: string;
  json?: boolean;
  allowEmpty?: boolean;
  encoding?: string;
  delimiter?: string;
}

/** The answers as a table: one row a finding, the worker's id and verdict on its first. */
function printAnswers(io: Io, answers: (WorkerAnswer | { where: string; error: string })[]): void {
  const rows: (string | null)[][] = [];
  for (const answer of answers) {
    if ('error' in answer) {
      rows.push([answer.where, 'error', null, null, null, null, answer.error]);
      continue;
    }
    if (!answer.findings.length) rows.push([answer.id, 'clear', null, null, null, null, 'no finding: not a DPRK national working abroad, no listed employer, agency or worker']);
    for (const [i, f] of answer.findings.entries()) {
      rows.push([i ? '' : answer.id, i ? '' : answer.verdict, f.kind, f.verdict, f.basis, f.status.replace(/_/g, ' '), `${f.detail}${f.entity ? ` [${f.entity}]` : ''}`]);
    }
  }
  printTable(io, ['worker', 'verdict', 'finding', 'gives', 'basis', 'status', 'detail'], rows);
}

export function registerWorkers(program: Command, config: Config, io: Io): void {
  const workers = program.command('workers').description('DPRK nationals working abroad against UNSCR 2375 OP17 and 2397 OP8, their employers and agencies against the lists (docs/workers.md)');
  workers
    .command('check')
    .description('check worker records (CSV with a header of the field names, JSON lines or a JSON array) as of a day: the work authorization and repatriation measures, and the employer, labour agency and worker against the lists; every check audited')
    .argument('<file>', 'worker records: CSV, JSON lines or a JSON array (docs/workers.md); - for standard input (JSON)')
    .option('--on <date>', 'the day the workers are judged at, YYYY-MM-DD (default: today, UTC)')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'one JSON answer a line: {"id", "verdict", "findings", "on", "rules_version"}')
    .option('--encoding <name>', 'the file\'s character encoding (default: detected: UTF-8 with or without BOM, UTF-16, else Windows-1252)')
    .option('--delimiter <char>', 'the CSV delimiter: , ; | or tab (default: detected)')
    .option('--allow-empty', 'check even when no list is loaded (the measures only: names are then not screened, and each worker is at least review)')
    .action(async (file: string, options: CheckOptions) => {
      const on = options.on === undefined ? today() : readCheckDate(options.on, '--on', 'BAD_OPTION');
      const regime = readRegime();
      const label = file === '-' ? 'standard input' : file;
      if (file === '-' && (options.encoding !== undefined || options.delimiter !== undefined)) throw new InputError('BAD_OPTION', `--${options.encoding !== undefined ? 'encoding' : 'delimiter'} applies to a file (standard input is read as UTF-8 JSON)`);
      const inputs = file === '-' ? workerValues(await readInputText(file), label) : await workerFileValues(file, label, options);
      if (!inputs.length) throw new InputError('EMPTY_INPUT', `${label}: no worker record`);
      await withStore(config, io, options, { command: 'workers check' }, async (store, location) => {
        const against = await checkLists(store, config, io, 'default', options.allowEmpty);
        const state = await screeningState(store, location, against);
        const checker = createWorkerChecker(regime, state);
        const checked: { worker: Worker; answer: WorkerAnswer }[] = [];
        const answers: (WorkerAnswer | { where: string; error: string })[] = [];
        let failed = 0;
        for (const { where, value, error } of inputs) {
          const read = error ? { error } : tryWorker(value, where);
          if (!read.worker) {
            failed++;
            io.err.write(`interdict: ${read.error!.message}\n`);
            answers.push({ where, error: read.error!.message });
            if (options.json) io.out.write(`${JSON.stringify({ where, error: read.error!.message })}\n`);
            continue;
          }
          const answer = checker.check(read.worker, on);
          checked.push({ worker: read.worker, answer });
          answers.push(answer);
          if (options.json) io.out.write(`${JSON.stringify(answer)}\n`);
        }
        await recordWorkerChecks(store, cliActor({}), checked, against.lists.map((l) => l.version));
        if (!options.json) {
          printAnswers(io, answers);
          const counts = WORKER_VERDICTS.map((v) => [v, checked.filter((c) => c.answer.verdict === v).length] as const).filter(([, n]) => n);
          io.out.write(`\n${checked.length} worker(s) checked as of ${on} against ${regime.rulesVersion}${against.lists.length ? ` and ${against.lists.map((l) => l.version).join(', ')}` : ', no list'}: ${counts.map(([v, n]) => `${n} ${v}`).join(', ') || 'none'}\n`);
        }
        if (failed) throw new InputError('BAD_LINES', `${failed} worker record(s) of ${label} could not be checked (reported above)`);
      });
    });
}
