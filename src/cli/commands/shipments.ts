import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError, InterdictError } from '../../core/errors.js';
import type { Regime } from '../../core/regime/index.js';
import type { Shipment, ShipmentAnswer } from '../../core/shipments/index.js';
import type { ScreeningLists } from '../../service/list-ages.js';
import { petroleumLedger } from '../../service/petroleum.js';
import { readRegime } from '../../service/regime.js';
import type { Screening } from '../../service/screener.js';
import { checkShipmentFile, fileSha256, type ShipmentCounts } from '../../service/shipment-batch.js';
import { inspectShipmentFile, shipmentFileFormat, shipmentRows } from '../../service/shipment-file.js';
import { createShipmentChecker, recordShipmentChecks, shipmentValues, tryShipment } from '../../service/shipments.js';
import type { Store } from '../../store/index.js';
import { describeReading } from '../../service/customer-file.js';
import { parseWorkers, withBatchRun } from '../batch-progress.js';
import { checkLists, cliActor, screeningState, withStore } from '../context.js';
import { readInputText } from '../json-lines.js';
import { printTable, type Io } from '../output.js';

interface CheckOptions {
  db?: string;
  json?: boolean;
  allowEmpty?: boolean;
  out?: string;
  restart?: boolean;
  encoding?: string;
  delimiter?: string;
  workers?: string;
}

/** The answers as a table: one row a finding, the shipment's id and verdict on its first. */
function printAnswers(io: Io, answers: (ShipmentAnswer | { where: string; error: string })[]): void {
  const rows: (string | null)[][] = [];
  for (const answer of answers) {
    if ('error' in answer) {
      rows.push([answer.where, 'error', null, null, null, null, answer.error]);
      continue;
    }
    if (!answer.findings.length) rows.push([answer.id, 'clear', null, null, null, null, 'no finding: no DPRK nexus, no listed party or ship']);
    for (const [i, f] of answer.findings.entries()) {
      rows.push([i ? '' : answer.id, i ? '' : answer.verdict, `${f.kind}${f.line ? ` #${f.line}` : ''}`, f.verdict, f.basis, f.status, f.detail]);
    }
  }
  printTable(io, ['shipment', 'verdict', 'finding', 'gives', 'basis', 'status', 'detail'], rows);
}

const verdictCounts = (counts: ShipmentCounts): string => Object.entries(counts.verdicts).map(([v, n]) => `${n} ${v}`).join(', ');

/** A shipment of the input: read already (a row of a file), or a value to read, or why it cannot be. */
interface InputShipment {
  where: string;
  shipment?: Shipment;
  value?: unknown;
  error?: InputError;
}

/** Whether a file holds one JSON array (read whole) rather than JSON lines. */
function holdsArray(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    return /^(\uFEFF)?\s*\[/.test(head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/** The shipments of the input: a JSON array or standard input read whole, a JSON lines or CSV file row by row. */
async function inputShipments(file: string, label: string, options: CheckOptions): Promise<InputShipment[]> {
  if (file !== '-') {
    let stats: Stats;
    try {
      stats = statSync(file);
    } catch (error) {
      throw new InputError('FILE_NOT_FOUND', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!stats.isFile()) throw new InputError('FILE_NOT_FOUND', `${file}: cannot be read (not a file)`);
  }
  const format = file === '-' ? undefined : await shipmentFileFormat(file, options.encoding);
  if (!format || (format === 'jsonl' && holdsArray(file))) {
    if (options.encoding !== undefined || options.delimiter !== undefined) throw new InputError('BAD_OPTION', `--${options.encoding !== undefined ? 'encoding' : 'delimiter'} applies to a JSON lines or CSV file (a JSON array and standard input are read as UTF-8 JSON)`);
    return shipmentValues(await readInputText(file), label);
  }
  const reading = await inspectShipmentFile(file, format, label, options);
  const shipments: InputShipment[] = [];
  for await (const row of shipmentRows(file, reading, label)) {
    const where = `${label} line ${row.line}`;
    shipments.push(row.shipment ? { where, shipment: row.shipment } : { where, error: new InputError('INVALID_SHIPMENT', row.error!) });
  }
  return shipments;
}

/** `shipments check FILE --out OUT`: the batch, with a progress bar, resumed from an existing output. */
async function checkBatch(io: Io, store: Store, file: string, output: string, regime: Regime, state: Screening | undefined, against: ScreeningLists, options: CheckOptions): Promise<void> {
  await withBatchRun(io, 'checking', 'shipments', async (run) => {
    const summary = await checkShipmentFile({
      input: file,
      output,
      regime,
      state,
      encoding: options.encoding,
      delimiter: options.delimiter,
      restart: options.restart,
      workers: parseWorkers(options.workers),
      check: { petroleum: await petroleumLedger(store) },
      signal: run.signal,
      onReading: (reading) => void io.err.write(`interdict: ${file}: ${describeReading(reading)}\n`),
      onProgress: run.onProgress,
      onBadRow: (row) => run.report(`${row.error}; not checked`),
    });
    const seconds = run.finish();
    const { counts, previous } = summary;
    if (summary.resumed) io.err.write(`resumed after line ${summary.resumedAfterLine}: ${summary.resumed} shipment(s) were already checked (${verdictCounts(previous)}, ${previous.bad} bad)\n`);
    // Who checked which file, when, against which rules and lists, with what verdicts (never the shipments).
    await store.recordAudit({
      actor: cliActor({}),
      action: 'shipments.batch',
      subject: `file:${resolve(file)}`,
      after: { input_sha256: await fileSha256(file), read: counts.rows, bad: counts.bad, verdicts: counts.verdicts, resumed: summary.resumed, not_reached: summary.notReached, rules_version: regime.rulesVersion, versions: against.lists.map((l) => l.version) },
    });
    const { lookups, hits } = summary.screened;
    io.err.write(`read ${counts.rows} shipment(s) in ${seconds.toFixed(1)} s (${(counts.rows / Math.max(seconds, 1e-3)).toFixed(0)} shipments/s, ${summary.workers || 'no'} worker thread(s); ${lookups} parties and ships screened by name, ${hits} of them met earlier in the file): ${verdictCounts(counts)}, ${counts.bad} bad, ${summary.notReached} line(s) not reached -> ${output}\n`);
    if (summary.unreadable) throw new InputError('UNREADABLE_FILE', `${summary.unreadable}: ${summary.notReached} line(s) after it were not checked (the shipments before are in ${output})`);
    if (summary.interrupted) throw new InterdictError('INTERRUPTED', `interrupted after line ${summary.lastLine}: ${counts.rows} shipment(s) written to ${output}, ${summary.notReached} line(s) not reached; run the same command again to resume`, 130);
    const bad = counts.bad + previous.bad;
    if (bad) throw new InputError('BAD_LINES', `${bad} shipment(s) of ${file} could not be checked (reported ${counts.bad < bad ? 'in this run and the one it resumed, ' : ''}above and in the error column)`);
  });
}

export function registerShipments(program: Command, config: Config, io: Io): void {
  const shipments = program.command('shipments').description('trade shipments against the DPRK regime\'s measures and the lists (docs/shipments.md)');
  shipments
    .command('check')
    .description('check shipments (JSON lines, a JSON array, or CSV): goods against the measures in force at their date and direction, the route, and every party and ship against the lists; with --out, a batch with a progress bar, resumed from an existing output')
    .argument('<file>', 'shipments: one JSON object a line, one JSON array, or CSV with a header row (docs/shipments.md); - for standard input (JSON)')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'one JSON answer a line: {"id", "verdict", "findings", "rules_version"}')
    .option('--out <file>', 'check as a batch: one result row a shipment written to this file, CSV or .jsonl (an existing one is resumed)')
    .option('--restart', 'with --out: start again instead of resuming an existing output')
    .option('--workers <n>', 'with --out: worker threads (default 0: this thread, which keeps every party\'s results for the whole file; workers each keep their own, and pay off when parties seldom recur)')
    .option('--encoding <name>', 'the file\'s character encoding (default: detected: UTF-8 with or without BOM, UTF-16, else Windows-1252)')
    .option('--delimiter <char>', 'the CSV delimiter: , ; | or tab (default: detected)')
    .option('--allow-empty', 'check even when no list is loaded (goods and route only: parties and ships are then not screened, and each such shipment is at least review)')
    .action(async (file: string, options: CheckOptions) => {
      const regime = readRegime();
      const label = file === '-' ? 'standard input' : file;
      if (options.out !== undefined && options.json) throw new InputError('BAD_OPTION', '--json prints answers; --out writes them to a file (JSON lines when it ends in .jsonl): give one');
      if (options.out === undefined && (options.restart || options.workers !== undefined)) throw new InputError('BAD_OPTION', `--${options.restart ? 'restart' : 'workers'} applies to a batch written with --out`);
      // Checked here, before the store is opened; the batch reads it again.
      parseWorkers(options.workers);
      if (options.out !== undefined && file === '-') throw new InputError('BAD_OPTION', '--out checks a file as a batch and resumes it by its lines: give a file, not standard input');
      if (options.out === '') throw new InputError('BAD_OPTION', '--out needs a file');
      const inputs = options.out === undefined ? await inputShipments(file, label, options) : [];
      await withStore(config, io, options, { command: 'shipments check' }, async (store, location) => {
        const against = await checkLists(store, config, io, 'default', options.allowEmpty);
        const state = await screeningState(store, location, against);
        if (options.out !== undefined) return checkBatch(io, store, file, options.out, regime, state, against, options);
        // Goods under a cap (HS 2710, 2709 into the DPRK) are counted against the petroleum ledger as it stands.
        const checker = createShipmentChecker(regime, state, { petroleum: await petroleumLedger(store) });
        const checked: { shipment: Shipment; answer: ShipmentAnswer }[] = [];
        const answers: (ShipmentAnswer | { where: string; error: string })[] = [];
        let failed = 0;
        for (const { where, shipment, value, error } of inputs) {
          const read = error ? { error } : shipment ? { shipment } : tryShipment(value, where);
          if (!read.shipment) {
            failed++;
            io.err.write(`interdict: ${read.error!.message}\n`);
            answers.push({ where, error: read.error!.message });
            if (options.json) io.out.write(`${JSON.stringify({ where, error: read.error!.message })}\n`);
            continue;
          }
          const answer = checker.check(read.shipment);
          checked.push({ shipment: read.shipment, answer });
          answers.push(answer);
          if (options.json) io.out.write(`${JSON.stringify(answer)}\n`);
        }
        await recordShipmentChecks(store, cliActor({}), checked, against.lists.map((l) => l.version));
        if (!options.json) {
          printAnswers(io, answers);
          const counts = new Map<string, number>();
          for (const { answer } of checked) counts.set(answer.verdict, (counts.get(answer.verdict) ?? 0) + 1);
          io.out.write(`\n${checked.length} shipment(s) checked against ${regime.rulesVersion}${against.lists.length ? ` and ${against.lists.map((l) => l.version).join(', ')}` : ', no list'}: ${[...counts].map(([v, n]) => `${n} ${v}`).join(', ') || 'none'}\n`);
        }
        if (failed) throw new InputError('BAD_LINES', `${failed} shipment(s) of ${label} could not be checked (reported above)`);
      });
    });
}
