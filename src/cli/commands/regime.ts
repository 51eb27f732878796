import type { Command } from 'commander';
import { NotFoundError } from '../../core/errors.js';
import { coverageSummary, findMeasure, regimeView, type Measure } from '../../core/regime/index.js';
import { readRegime } from '../../service/regime.js';
import { printJson, printTable, type Io } from '../output.js';

interface ShowOptions {
  measure?: string;
  json?: boolean;
}

const DIRECTION_WORDS = { export_from_dprk: 'export from DPRK', import_to_dprk: 'import to DPRK', both: 'both' } as const;

/** A status as a reader takes it in: `verified`, `partially verified`. */
const words = (status: string): string => status.replace(/_/g, ' ');

/** One measure in full: its basis, dates, coverage, cap, exceptions, status and sources. */
function describeMeasure(io: Io, measure: Measure, sources: Record<string, string>): void {
  const lines = [
    `${measure.id}: ${measure.title}`,
    `  basis:        ${measure.basis}${measure.paragraph ? '' : ' (paragraph not confirmed)'}`,
    `  in force:     ${measure.in_force}${measure.until ? ` until ${measure.until} (superseded by ${measure.superseded_by ?? 'a later measure'})` : ''}`,
    ...(measure.deadline ? [`  deadline:     ${measure.deadline} (what it covers is allowed until then)`] : []),
    `  direction:    ${DIRECTION_WORDS[measure.direction]}`,
    `  effect:       ${measure.effect}`,
    `  status:       ${words(measure.verification)}`,
    `  description:  ${measure.description}`,
  ];
  for (const c of measure.coverage) {
    const codes = c.hs.length ? `HS ${c.hs.map((s) => s.written).join(', ')}${c.exclude.length ? ` except ${c.exclude.map((s) => s.written).join(', ')}` : ''} (${words(c.mapping ?? '')}${c.scope === 'part' ? ', the codes hold other goods too' : ''})` : 'no HS codes';
    lines.push(`  coverage:     ${codes}${c.terms.length ? `; words: ${c.terms.join(', ')}` : ''}`);
    if (c.note) lines.push(`                ${c.note}`);
  }
  if (measure.cap) lines.push(`  cap:          ${measure.cap.amount}; ${measure.cap.period} (${words(measure.cap.verification)})${measure.cap.text ? `. ${measure.cap.text}` : ''}`);
  for (const e of measure.exceptions) lines.push(`  exception:    ${e.text} (${words(e.verification)})`);
  if (measure.notes) lines.push(`  notes:        ${measure.notes}`);
  for (const key of measure.sources) lines.push(`  source:       ${key}: ${sources[key]}`);
  io.out.write(`${lines.join('\n')}\n`);
}

export function registerRegime(program: Command, io: Io): void {
  const regime = program.command('regime').description('the sanctions regime\'s rules as data (regimes/dprk.yaml)');
  regime
    .command('show')
    .description('the DPRK regime\'s measures: basis, dates, direction, HS coverage, caps, exceptions and verification status')
    .option('--measure <id>', 'one measure in full (ids as listed)')
    .option('--json', 'the rules as JSON')
    .action((options: ShowOptions) => {
      const rules = readRegime();
      const measures = options.measure === undefined ? rules.measures : [findMeasure(rules, options.measure)];
      if (measures[0] === undefined) throw new NotFoundError(`measure ${options.measure}`, ` in ${rules.file}; interdict regime show lists the ids`);
      const chosen = measures as Measure[];
      if (options.json) {
        printJson(io, regimeView(rules, chosen));
        return;
      }
      io.out.write(`${rules.title}\nrules ${rules.rulesVersion}, ${rules.file}; compiled from ${rules.compiled_from}\n\n`);
      if (options.measure !== undefined) {
        describeMeasure(io, chosen[0]!, rules.sources);
        return;
      }
      printTable(io, ['id', 'basis', 'in force', 'until', 'direction', 'effect', 'status', 'coverage'],
        chosen.map((m) => [m.id, m.basis, m.in_force, m.until ?? null, DIRECTION_WORDS[m.direction], m.effect, words(m.verification), coverageSummary(m)]));
      io.out.write(`\n${chosen.length} measures; interdict regime show --measure ID gives one in full, with its exceptions and sources. A status other than verified, and an indicative HS mapping, are screening policy, not law.\n`);
    });
}
