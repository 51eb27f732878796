import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import { isLedgerKind, periodOfDelivery, type LedgerStatus } from '../../core/petroleum/index.js';
import { countryCode } from '../../core/match/countries.js';
import type { LedgerKind } from '../../core/regime/index.js';
import { deliveryNotice, deliveryValues, ledgerYears, petroleumStatus, recordDeliveries } from '../../service/petroleum.js';
import { readRegime } from '../../service/regime.js';
import { cliActor, withStore } from '../context.js';
import { printJson, printTable, type Io } from '../output.js';

function parseKind(value: string | undefined): LedgerKind {
  const kind = value ?? 'refined';
  if (!isLedgerKind(kind)) throw new InputError('BAD_OPTION', `--kind "${kind}": refined or crude`);
  return kind;
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new InputError('BAD_OPTION', `--year "${value}": a year such as 2019`);
  return Number(value);
}

function parseDay(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InputError('BAD_OPTION', `${option} "${value}": a date YYYY-MM-DD`);
  return value;
}

const bbl = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const words = (v: string): string => v.replace(/_/g, ' ');

/** A status as text: the total against the cap, the months with their running total, the states, the thresholds and the projection. */
function printStatus(io: Io, s: LedgerStatus): void {
  const what = s.kind === 'refined' ? 'Refined petroleum' : 'Crude oil';
  io.out.write(`${what} ${s.year} (${s.period.from} to ${s.period.to}), ${s.basis}: cap ${bbl(s.cap_bbl)} bbl${s.cap_t ? ` or ${bbl(s.cap_t)} t` : ''} (${words(s.cap_verification)})\n`);
  io.out.write(`recorded: ${bbl(s.total_bbl)} bbl${s.cap_t ? `, ${bbl(s.total_t)} t` : ''} in ${s.deliveries} deliver${s.deliveries === 1 ? 'y' : 'ies'} = ${(s.share * 100).toFixed(1)}% of the cap\n\n`);
  let running = 0;
  const rows: (string | null)[][] = [];
  for (const [month, amount] of Object.entries(s.by_month)) {
    running += amount;
    const pct = (running / s.cap_bbl) * 100;
    rows.push([month, amount ? bbl(amount) : '-', bbl(running), `${pct.toFixed(1)}%`, '#'.repeat(Math.min(50, Math.round(pct / 2)))]);
  }
  printTable(io, ['month', 'bbl', 'running total', 'share', ''], rows);
  io.out.write(`\nby state: ${Object.entries(s.by_state).map(([state, v]) => `${state} ${bbl(v)} bbl`).join(', ') || 'none'}\n`);
  io.out.write(`thresholds (${words(s.thresholds_verification)}): ${s.thresholds.map((t) => `${t.pct}% ${t.crossed ? `crossed ${t.crossed}` : 'not reached'}`).join(', ')}\n`);
  io.out.write(`cease point: ${s.cease_pct}% (a setting; the resolution's exact threshold is ${words(s.cease_verification)})${s.ceased ? `: reached ${s.ceased}, no more may be supplied in the period` : ': not reached'}\n`);
  io.out.write(`projected: ${s.projected_cap_month ? `the cap is reached in ${s.projected_cap_month}` : 'the cap is not reached within the period'}${s.pace_through ? ` at the pace through ${s.pace_through}` : ''}\n`);
}

export function registerPetroleum(program: Command, config: Config, io: Io): void {
  const petroleum = program
    .command('petroleum')
    .description('the DPRK petroleum ledgers: deliveries of refined petroleum and crude oil against their caps (UNSCR 2397 OP4-5), thresholds, notices (docs/petroleum.md)')
    .option('--db <dir>', 'embedded store folder');
  const db = (options: { db?: string }): { db?: string } => ({ db: options.db ?? petroleum.opts<{ db?: string }>().db });

  petroleum
    .command('record')
    .description('record the deliveries of a file (CSV with a header row, or JSON lines): all of them, or none when any cannot be (each reported with its line and field); audited')
    .argument('<file>', 'deliveries: .csv (columns state, month, date, quantity, unit, kind, barrels_per_tonne, source, parties, vessel, vessel_imo) or .jsonl (one {"state", "month", "quantity", "unit", "kind", "barrels_per_tonne", "source", ...} a line)')
    .option('--db <dir>', 'embedded store folder')
    .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
    .option('--json', 'the deliveries recorded as JSON lines')
    .action(async (file: string, options: { db?: string; actor?: string; json?: boolean }) => {
      const regime = readRegime();
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new InputError('FILE_NOT_FOUND', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      await withStore(config, io, db(options), { command: 'petroleum record', create: true }, async (store) => {
        const recorded = await recordDeliveries(store, regime, deliveryValues(text, file), cliActor(options));
        if (options.json) {
          for (const d of recorded) io.out.write(`${JSON.stringify(d)}\n`);
          return;
        }
        const years = new Map<string, number>();
        for (const d of recorded) {
          const key = `${d.kind} ${periodOfDelivery(regime, d, d.origin).year}`;
          years.set(key, (years.get(key) ?? 0) + d.barrels);
        }
        io.out.write(`${recorded.length} deliver${recorded.length === 1 ? 'y' : 'ies'} of ${file} recorded (ids ${recorded[0]!.id}-${recorded.at(-1)!.id}): ${[...years].map(([k, v]) => `${k}: ${bbl(v)} bbl`).join('; ')}\n`);
      });
    });

  petroleum
    .command('status')
    .description('where a year (crude: the 12 months to 21 December of that year) stands against its cap: totals by state and month, share, thresholds crossed, cease point, projection')
    .option('--year <year>', 'the year (default: the current one)')
    .option('--kind <kind>', 'refined or crude (default refined)')
    .option('--as-of <date>', 'YYYY-MM-DD: the status date the pace is reckoned to (default today)')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'as JSON: {"year", "kind", "cap_bbl", "total_bbl", "share", "by_state", "by_month", "thresholds", "projected_cap_month", ...}')
    .action(async (options: { year?: string; kind?: string; asOf?: string; db?: string; json?: boolean }) => {
      const kind = parseKind(options.kind);
      const year = parseYear(options.year) ?? new Date().getUTCFullYear();
      const asOf = parseDay(options.asOf, '--as-of');
      await withStore(config, io, db(options), { command: 'petroleum status' }, async (store) => {
        const status = await petroleumStatus(store, readRegime(), kind, year, asOf);
        if (options.json) return printJson(io, status);
        printStatus(io, status);
      });
    });

  petroleum
    .command('deliveries')
    .description('the deliveries recorded, in the order recorded')
    .option('--year <year>', 'of this year (crude: the period ending in it)')
    .option('--kind <kind>', 'refined or crude (default refined)')
    .option('--state <code>', 'of this supplying State')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'one JSON delivery a line')
    .action(async (options: { year?: string; kind?: string; state?: string; db?: string; json?: boolean }) => {
      const kind = parseKind(options.kind);
      const year = parseYear(options.year);
      const state = options.state === undefined ? undefined : countryCode(options.state);
      if (options.state !== undefined && !state) throw new InputError('BAD_OPTION', `--state "${options.state}": a country (an ISO code such as CN)`);
      await withStore(config, io, db(options), { command: 'petroleum deliveries' }, async (store) => {
        const regime = readRegime();
        const all = await store.petroleum.deliveries({ kind, ...(state ? { state } : {}) });
        const shown = year === undefined ? all : all.filter((d) => periodOfDelivery(regime, d, `delivery ${d.id}`).year === year);
        if (options.json) {
          for (const d of shown) io.out.write(`${JSON.stringify(d)}\n`);
          return;
        }
        printTable(io, ['id', 'state', 'month', 'reported', 'bbl', 'factor', 'vessel', 'source'], shown.map((d) => [
          d.id, d.state, d.date ?? d.month, `${d.quantity} ${d.unit}`, bbl(d.barrels), d.factor === null ? null : `${d.factor} (${d.factor_source})`, d.vessel ? [d.vessel.name, d.vessel.imo].filter(Boolean).join(' ') : null, d.source,
        ]));
        io.out.write(`${shown.length} deliver${shown.length === 1 ? 'y' : 'ies'}${year === undefined ? ` in ${ledgerYears(regime, all, kind).length} year(s)` : ''}\n`);
      });
    });

  petroleum
    .command('notice')
    .description('the 30-day notification to the 1718 Committee of a State\'s deliveries in a month, from the ledger: amount, all parties, vessels, sources')
    .requiredOption('--state <code>', 'the supplying State, e.g. CN')
    .requiredOption('--month <YYYY-MM>', 'the month of the deliveries')
    .option('--kind <kind>', 'refined or crude (default refined)')
    .option('--out <file>', 'write the notification\'s text to this file')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'as JSON: {"state", "month", "total_bbl", "deliveries", "parties", "vessels", "sources", "due", "text", ...}')
    .action(async (options: { state: string; month: string; kind?: string; out?: string; db?: string; json?: boolean }) => {
      const kind = parseKind(options.kind);
      await withStore(config, io, db(options), { command: 'petroleum notice' }, async (store) => {
        const notice = await deliveryNotice(store, readRegime(), options.state, options.month, kind);
        if (options.out !== undefined) {
          await writeFile(options.out, notice.text);
          io.err.write(`interdict: the notification of ${notice.state}'s ${notice.month} deliveries (${bbl(notice.total_bbl)} bbl) written to ${options.out}\n`);
        }
        if (options.json) return printJson(io, notice);
        if (options.out === undefined) io.out.write(notice.text);
      });
    });

  petroleum
    .command('factor')
    .description('the barrels-per-tonne factor of a supplying State, used for its deliveries in tonnes that give none (audited); without arguments, the factors set')
    .argument('[state]', 'the State, e.g. CN')
    .argument('[barrels_per_tonne]', 'the factor, e.g. 7.33')
    .option('--remove', 'remove the State\'s factor')
    .option('--note <text>', 'where the factor comes from (kept in the audit trail)')
    .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'as JSON')
    .action(async (stateGiven: string | undefined, value: string | undefined, options: { remove?: boolean; note?: string; actor?: string; db?: string; json?: boolean }) => {
      const state = stateGiven === undefined ? undefined : countryCode(stateGiven);
      if (stateGiven !== undefined && !state) throw new InputError('BAD_OPTION', `state "${stateGiven}": a country (an ISO code such as CN)`);
      if (state && value === undefined && !options.remove) throw new InputError('BAD_OPTION', `give ${state}'s factor (e.g. interdict petroleum factor ${state} 7.33 --note "...") or --remove`);
      if (value !== undefined && options.remove) throw new InputError('BAD_OPTION', 'a factor or --remove, not both');
      const factor = value === undefined ? null : Number(value);
      if (value !== undefined && (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(factor))) throw new InputError('BAD_OPTION', `barrels_per_tonne "${value}": a number such as 7.33`);
      const create = state !== undefined;
      await withStore(config, io, db(options), { command: 'petroleum factor', create }, async (store) => {
        if (state) {
          if (options.note === undefined) throw new InputError('NO_NOTE', '--note: say where the factor comes from (it is kept in the audit trail)');
          const set = await store.petroleum.setFactor(state, factor, options.note, cliActor(options));
          if (options.json) return printJson(io, set ?? { state, removed: true });
          io.out.write(set ? `${state}: ${set.barrels_per_tonne} barrels per tonne for its deliveries in tonnes that give no factor\n` : `${state}: no factor; its deliveries in tonnes must give theirs\n`);
          return;
        }
        const factors = await store.petroleum.factors();
        if (options.json) return printJson(io, factors);
        printTable(io, ['state', 'barrels_per_tonne', 'note', 'set_by', 'set_at'], factors.map((f) => [f.state, f.barrels_per_tonne, f.note, f.setBy, f.setAt]));
      });
    });

  petroleum
    .command('settings')
    .description('the ledger\'s settings: the cease point (per cent of the cap from which no more is supplied; default 90, partially verified: docs/petroleum.md)')
    .option('--cease-pct <pct>', 'set the cease point (audited)')
    .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'as JSON')
    .action(async (options: { ceasePct?: string; actor?: string; db?: string; json?: boolean }) => {
      const pct = options.ceasePct === undefined ? undefined : Number(options.ceasePct);
      if (options.ceasePct !== undefined && !/^\d+(\.\d+)?$/.test(options.ceasePct)) throw new InputError('BAD_OPTION', `--cease-pct "${options.ceasePct}": a per cent such as 95`);
      await withStore(config, io, db(options), { command: 'petroleum settings', create: pct !== undefined }, async (store) => {
        const settings = pct === undefined ? await store.petroleum.settings() : await store.petroleum.setSetting('cease_pct', pct, cliActor(options));
        if (options.json) return printJson(io, settings);
        io.out.write(`cease_pct: ${settings.cease_pct} (per cent of the cap; the resolution's exact threshold is partially verified)\n`);
      });
    });
}
