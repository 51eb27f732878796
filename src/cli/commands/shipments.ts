import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import type { Shipment, ShipmentAnswer } from '../../core/shipments/index.js';
import { readRegime } from '../../service/regime.js';
import { currentEntities, loadIndex, type Screening } from '../../service/screener.js';
import { checkShipment, recordShipmentChecks, shipmentValues, tryShipment } from '../../service/shipments.js';
import { checkLists, cliActor, localDir, withStore } from '../context.js';
import { printTable, type Io } from '../output.js';

interface CheckOptions {
  db?: string;
  json?: boolean;
  allowEmpty?: boolean;
}

/** The whole input: a file, or standard input for `-`. */
async function readInput(path: string): Promise<string> {
  if (path !== '-') {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new InputError('FILE_NOT_FOUND', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
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

export function registerShipments(program: Command, config: Config, io: Io): void {
  const shipments = program.command('shipments').description('trade shipments against the DPRK regime\'s measures and the lists (docs/shipments.md)');
  shipments
    .command('check')
    .description('check shipments (JSON lines, or a JSON array): goods against the measures in force at their date and direction, the route, and every party and ship against the lists')
    .argument('<file>', 'shipments, one JSON object a line or one JSON array; - for standard input')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'one JSON answer a line: {"id", "verdict", "findings", "rules_version"}')
    .option('--allow-empty', 'check even when no list is loaded (goods and route only: parties and ships are then not screened, and each such shipment is at least review)')
    .action(async (file: string, options: CheckOptions) => {
      const regime = readRegime();
      const label = file === '-' ? 'standard input' : file;
      const values = shipmentValues(await readInput(file), label);
      await withStore(config, io, options, { command: 'shipments check' }, async (store, location) => {
        const against = await checkLists(store, config, io, 'default', options.allowEmpty);
        let state: Screening | undefined;
        if (against.lists.length) {
          const { index } = await loadIndex(store, localDir(location));
          const entities = await currentEntities(store);
          state = { index, entities: new Map(entities.map((e) => [e.id, e])), versions: await store.currentVersions() };
        }
        const checked: { shipment: Shipment; answer: ShipmentAnswer }[] = [];
        const answers: (ShipmentAnswer | { where: string; error: string })[] = [];
        let failed = 0;
        for (const { where, value, error } of values) {
          const read = error ? { error } : tryShipment(value, where);
          if (!read.shipment) {
            failed++;
            io.err.write(`interdict: ${read.error!.message}\n`);
            answers.push({ where, error: read.error!.message });
            if (options.json) io.out.write(`${JSON.stringify({ where, error: read.error!.message })}\n`);
            continue;
          }
          const answer = checkShipment(read.shipment, regime, state);
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
