import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError, InterdictError } from '../../core/errors.js';
import { readExemption, type Exemption, type Traveller, type TravelAnswer } from '../../core/travel/index.js';
import { readRegime } from '../../service/regime.js';
import { jsonValues } from '../../service/json-values.js';
import { checkExemptionPersons, createTravelChecker, exemptionFilter, recordTravelChecks, travelBanLists, travellerInputs } from '../../service/travel.js';
import type { ExemptionFilter, StoredExemption } from '../../store/index.js';
import { checkLists, cliActor, screeningState, withStore } from '../context.js';
import { readInputText } from '../json-lines.js';
import { printJson, printTable, type Io } from '../output.js';

const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** The answers as a table: one row a finding, the traveller's id and verdict on its first. */
function printAnswers(io: Io, answers: (TravelAnswer | { where: string; error: string })[]): void {
  const rows: (string | null)[][] = [];
  for (const answer of answers) {
    if ('error' in answer) {
      rows.push([answer.where, 'error', null, null, null, null, answer.error]);
      continue;
    }
    if (!answer.findings.length) rows.push([answer.id, 'clear', null, null, null, null, 'no listed person under a travel ban matched']);
    for (const [i, f] of answer.findings.entries()) rows.push([i ? '' : answer.id, i ? '' : answer.verdict, f.kind, f.entity, f.exemption, f.status, `${f.detail}${f.detail.includes(f.basis) ? '' : `; basis: ${f.basis}`}`]);
  }
  printTable(io, ['traveller', 'verdict', 'finding', 'entity', 'exemption', 'status', 'detail'], rows);
}

function printExemptions(io: Io, exemptions: StoredExemption[]): void {
  printTable(io, ['reference', 'persons', 'from', 'to', 'transit', 'destination', 'authority', 'purpose'], exemptions.map((e) => [e.reference, [...e.persons, ...e.names].join('; '), e.from, e.to, e.transit.join(',') || null, e.destination.join(','), e.authority, e.purpose]));
}

interface CheckOptions {
  db?: string;
  json?: boolean;
}

export function registerTravel(program: Command, config: Config, io: Io): void {
  const travel = program.command('travel').description('travellers against the travel bans of the lists and the exemption register (docs/travel.md)');
  travel
    .command('check')
    .description('check travellers (JSON lines or a JSON array): each against the listed people under a travel ban (UN, DFAT), with the exemptions of the register; one answer a traveller: denied, allowed_by_exemption, review or clear')
    .argument('<file>', 'travellers: one JSON object a line ({"id", "name", "birthDate", "nationality", "passport", "from", "to", "itinerary", "purpose"}) or one JSON array; - for standard input')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'one JSON answer a line: {"id", "verdict", "findings", "lists"}')
    .action(async (file: string, options: CheckOptions) => {
      const label = file === '-' ? 'standard input' : file;
      const inputs = travellerInputs(await readInputText(file), label);
      await withStore(config, io, options, { command: 'travel check' }, async (store, location) => {
        const against = await checkLists(store, config, io, 'default');
        const state = await screeningState(store, location, against);
        if (!state || !travelBanLists(state).length) throw new InterdictError('NO_LISTS', `no list with travel-ban data is loaded (the UN list or DFAT's; loaded: ${against.lists.map((l) => l.version).join(', ')}): a travel check would come back clear, so none is answered`);
        const checker = createTravelChecker(readRegime(), state, await store.exemptions.exemptions());
        const checked: { traveller: Traveller; answer: TravelAnswer }[] = [];
        const answers: (TravelAnswer | { where: string; error: string })[] = [];
        let failed = 0;
        for (const { where, traveller, error } of inputs) {
          if (!traveller) {
            failed++;
            io.err.write(`interdict: ${error!.message}\n`);
            answers.push({ where, error: error!.message });
            if (options.json) io.out.write(`${JSON.stringify({ where, error: error!.message })}\n`);
            continue;
          }
          const answer = checker.check(traveller);
          checked.push({ traveller, answer });
          answers.push(answer);
          if (options.json) io.out.write(`${JSON.stringify(answer)}\n`);
        }
        await recordTravelChecks(store, cliActor({}), checked);
        if (!options.json) {
          printAnswers(io, answers);
          const counts = new Map<string, number>();
          for (const { answer } of checked) counts.set(answer.verdict, (counts.get(answer.verdict) ?? 0) + 1);
          const unused = state.versions.map((v) => v.id).filter((id) => !travelBanLists(state).includes(id));
          io.out.write(`\n${checked.length} traveller(s) checked against ${travelBanLists(state).join(', ')}${unused.length ? ` (${unused.join(', ')} ${unused.length > 1 ? 'carry' : 'carries'} no travel-ban data: not used)` : ''}: ${[...counts].map(([v, n]) => `${n} ${v}`).join(', ') || 'none'}\n`);
        }
        if (failed) throw new InputError('BAD_LINES', `${failed} traveller(s) of ${label} could not be checked (reported above)`);
      });
    });

  const exemptions = program.command('exemptions').description('the travel-ban exemption register: the 1718 Committee\'s exemptions and national licences (docs/travel.md)');
  exemptions
    .command('add')
    .description('record an exemption (audited)')
    .requiredOption('--reference <ref>', 'its reference (unique in the register)')
    .option('--person <id>', 'a listed record it exempts, by entity id (repeat, or comma-separated)', collect, [])
    .option('--name <name>', 'a person it exempts, by name (repeat)', (v: string, p: string[]) => [...p, v], [])
    .requiredOption('--purpose <text>', 'the purpose of the travel')
    .requiredOption('--from <date>', 'its first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'its last day (YYYY-MM-DD)')
    .option('--transit <codes>', 'countries of transit (ISO codes, comma-separated or repeated)', collect, [])
    .requiredOption('--destination <codes>', 'countries of destination (ISO codes, comma-separated or repeated)', collect, [])
    .option('--conditions <text>', 'conditions attached')
    .requiredOption('--source <text>', 'where it is written (Committee letter, notice, licence)')
    .requiredOption('--authority <name>', 'who granted it: 1718 Committee, or a national authority')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'print the recorded exemption as JSON')
    .action(async (options: { reference: string; person: string[]; name: string[]; purpose: string; from: string; to: string; transit: string[]; destination: string[]; conditions?: string; source: string; authority: string; db?: string; json?: boolean }) => {
      const exemption = readExemption({ reference: options.reference, persons: options.person, names: options.name, purpose: options.purpose, from: options.from, to: options.to, transit: options.transit, destination: options.destination, conditions: options.conditions, source: options.source, authority: options.authority }, 'command line');
      await withStore(config, io, options, { command: 'exemptions add', create: true }, async (store) => {
        await checkExemptionPersons(store, [{ exemption, where: 'command line' }]);
        const stored = await store.exemptions.addExemption(exemption, cliActor({}));
        if (options.json) printJson(io, stored);
        else io.out.write(`recorded exemption ${stored.reference}: ${[...stored.persons, ...stored.names].join('; ')}, ${stored.from} to ${stored.to}, ${[...stored.transit, ...stored.destination].join(', ')}\n`);
      });
    });

  exemptions
    .command('import')
    .description('record exemptions from a file (JSON lines or a JSON array): all of them, or none when one is refused; each audited')
    .argument('<file>', 'exemptions: one JSON object a line ({"reference", "persons", "names", "purpose", "from", "to", "transit", "destination", "conditions", "source", "authority"}), or one JSON array; - for standard input')
    .option('--db <dir>', 'embedded store folder')
    .action(async (file: string, options: { db?: string }) => {
      const label = file === '-' ? 'standard input' : file;
      const records: { exemption: Exemption; where: string }[] = [];
      const errors: string[] = [];
      for (const { where, value, error } of jsonValues(await readInputText(file), label)) {
        if (error) errors.push(error.message);
        else {
          try {
            records.push({ exemption: readExemption(value, where), where });
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            errors.push(e.message);
          }
        }
      }
      for (const message of errors) io.err.write(`interdict: ${message}\n`);
      if (errors.length) throw new InputError('BAD_LINES', `${errors.length} exemption(s) of ${label} could not be read (reported above): none was recorded`);
      if (!records.length) throw new InputError('BAD_LINES', `${label}: no exemption in it`);
      await withStore(config, io, options, { command: 'exemptions import', create: true }, async (store) => {
        await checkExemptionPersons(store, records);
        const stored = await store.exemptions.importExemptions(records.map((r) => r.exemption), cliActor({}));
        io.out.write(`recorded ${stored.length} exemption(s): ${stored.map((e) => e.reference).join(', ')}\n`);
      });
    });

  exemptions
    .command('list')
    .description('the exemptions of the register, by start date')
    .option('--reference <ref>', 'this reference only')
    .option('--person <id-or-name>', 'those naming this listed record (entity id) or a name holding these words')
    .option('--country <code>', 'those covering this country (transit or destination)')
    .option('--on <date>', 'those in force on this day (YYYY-MM-DD)')
    .option('--authority <name>', 'those granted by this authority')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'print JSON')
    .action(async (options: ExemptionFilter & { db?: string; json?: boolean }) => {
      const filter = exemptionFilter(options, 'BAD_OPTION', (field) => `--${field}`);
      await withStore(config, io, options, { command: 'exemptions list' }, async (store) => {
        const found = await store.exemptions.exemptions(filter);
        if (options.json) printJson(io, found);
        else {
          printExemptions(io, found);
          io.out.write(`\n${found.length} exemption(s)\n`);
        }
      });
    });
}
