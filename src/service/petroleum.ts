import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import {
  countDelivery, createLedgerLookup, ledgerStatus, periodOfDelivery, petroleumNotice, readDelivery, requirePeriod,
  type LedgerLookup, type LedgerStatus, type PetroleumLedger, type PetroleumNotice,
} from '../core/petroleum/index.js';
import { countryCode } from '../core/match/countries.js';
import type { LedgerKind, Regime } from '../core/regime/index.js';
import type { DeliveryInput, StoredDelivery, Store } from '../store/index.js';
import { jsonValues, type JsonValue } from './json-values.js';

/**
 * The petroleum ledgers' use cases: record a file or a request of deliveries (all or none,
 * each audited), where a year (or crude period) stands against its cap, a State's notification
 * of a month, and the ledger as a shipment check reads it.
 */

/** A delivery as a file or a request gives it: where it was found, and its value or why it could not be read. */
export type DeliveryValue = JsonValue;

/** The columns of a deliveries CSV file: the JSON form's fields, `parties` as `role: name; name`, the vessel's name and IMO number apart. */
export const DELIVERY_COLUMNS = ['state', 'month', 'date', 'quantity', 'unit', 'kind', 'barrels_per_tonne', 'source', 'parties', 'vessel', 'vessel_imo'] as const;

/** The most deliveries one file or request records (a year of every State's monthly reports is a few hundred). */
export const MAX_DELIVERIES = 10_000;

/** Deliveries of a JSON lines text (one object a line) or a JSON array (a byte order mark skipped), each with where it is. */
export function jsonDeliveryValues(text: string, label: string): DeliveryValue[] {
  return jsonValues(text.replace(/^\uFEFF/, ''), label);
}

/** A CSV cell as a JSON field's value: numbers for the numeric columns, parties split, empty cells absent. */
function csvDelivery(row: Record<string, string>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const cell = raw.trim();
    if (!cell || column === 'vessel' || column === 'vessel_imo') continue;
    if (column === 'quantity' || column === 'barrels_per_tonne') value[column] = /^[+-]?(\d[\d,]*\.?\d*|\.\d+)$/.test(cell) ? Number(cell.replaceAll(',', '')) : cell;
    else if (column === 'parties') {
      value.parties = cell.split(';').map((p) => p.trim()).filter(Boolean).map((p) => {
        const colon = p.indexOf(':');
        return colon > 0 ? { role: p.slice(0, colon).trim(), name: p.slice(colon + 1).trim() } : { name: p };
      });
    } else value[column] = cell;
  }
  const vessel = row.vessel?.trim();
  const imo = row.vessel_imo?.trim();
  if (vessel || imo) value.vessel = { ...(vessel ? { name: vessel } : {}), ...(imo ? { imo } : {}) };
  return value;
}

/** Deliveries of a CSV text with a header row of DELIVERY_COLUMNS (any order; an unknown column is refused, naming it). */
export function csvDeliveryValues(text: string, label: string): DeliveryValue[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    return [{ where: label, error: new InputError('INVALID_DELIVERY', `${label}: not CSV (${(error as Error).message})`) }];
  }
  const [head, ...rows] = records;
  if (!head) return [];
  const header = head.record.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(DELIVERY_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return [{ where: `${label} line 1`, error: new InputError('INVALID_DELIVERY', `${label} line 1: column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not among a deliveries file's (${DELIVERY_COLUMNS.join(', ')})`) }];
  return rows.map(({ record, info }) => {
    const where = `${label} line ${info.lines}`;
    if (record.length > header.length) return { where, error: new InputError('INVALID_DELIVERY', `${where}: ${record.length} fields for ${header.length} columns`) };
    return { where, value: csvDelivery(Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']))) };
  });
}

/** Whether a file of deliveries is CSV or JSON: by its name, else by its first character. */
export function deliveryValues(text: string, label: string): DeliveryValue[] {
  if (/\.csv$/i.test(label)) return csvDeliveryValues(text, label);
  if (/\.(jsonl|ndjson|json)$/i.test(label)) return jsonDeliveryValues(text, label);
  return /^\uFEFF?\s*[[{]/.test(text) ? jsonDeliveryValues(text, label) : csvDeliveryValues(text, label);
}

/**
 * Record deliveries all together or none: each is read, placed in its cap period and counted
 * (barrels, and the factor: its own, else its State's); when any cannot be, nothing is recorded
 * and the error lists every one, naming its line (or item) and field.
 */
export async function recordDeliveries(store: Store, regime: Regime, values: DeliveryValue[], actor: string): Promise<StoredDelivery[]> {
  if (!values.length) throw new InputError('INVALID_DELIVERY', 'no delivery given');
  if (values.length > MAX_DELIVERIES) throw new InputError('INVALID_DELIVERY', `${values.length} deliveries: at most ${MAX_DELIVERIES} a file or request`);
  const factors = new Map((await store.petroleum.factors()).map((f) => [f.state, f.barrels_per_tonne]));
  const inputs: DeliveryInput[] = [];
  const errors: string[] = [];
  for (const { where, value, error } of values) {
    if (error) {
      errors.push(error.message);
      continue;
    }
    try {
      const delivery = readDelivery(value, where);
      periodOfDelivery(regime, delivery, where);
      inputs.push({ ...countDelivery(delivery, factors, where), origin: where });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e.message);
    }
  }
  if (errors.length) {
    const shown = errors.slice(0, 20);
    throw new InputError('INVALID_DELIVERY', `${errors.length} of ${values.length} deliveries cannot be recorded, so none was (nothing stored before is changed):\n  ${shown.join('\n  ')}${errors.length > shown.length ? `\n  and ${errors.length - shown.length} more` : ''}`);
  }
  return store.petroleum.recordDeliveries(inputs, actor);
}

/** Where a ledger's year (a crude period: the one ending in that year) stands, as of a day (default today). */
export async function petroleumStatus(store: Store, regime: Regime, kind: LedgerKind, year: number, asOf: string = new Date().toISOString().slice(0, 10)): Promise<LedgerStatus> {
  const period = requirePeriod(regime, kind, year);
  const [deliveries, settings] = await Promise.all([store.petroleum.deliveries({ kind, from: period.from, to: period.to }), store.petroleum.settings()]);
  return ledgerStatus(regime, period, deliveries, settings, asOf);
}

/** A State's notification of its deliveries of a month (`YYYY-MM`) to the Committee, from the ledger. */
export async function deliveryNotice(store: Store, regime: Regime, stateGiven: string, month: string, kind: LedgerKind = 'refined'): Promise<PetroleumNotice> {
  const state = countryCode(stateGiven.trim());
  if (!state) throw new InputError('BAD_OPTION', `state "${stateGiven}": a country (an ISO code such as CN)`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InputError('BAD_OPTION', `month "${month}": a month YYYY-MM`);
  const period = periodOfDelivery(regime, { kind, month }, `month ${month}`);
  const deliveries = await store.petroleum.deliveries({ kind, from: period.from, to: period.to });
  const status = ledgerStatus(regime, period, deliveries, await store.petroleum.settings());
  return petroleumNotice(state, month, kind, deliveries, status);
}

/** The ledger as a shipment check reads it (every delivery, the settings, today). */
export async function petroleumLedger(store: Store): Promise<PetroleumLedger> {
  const [deliveries, settings] = await Promise.all([store.petroleum.deliveries(), store.petroleum.settings()]);
  return { deliveries, settings, asOf: new Date().toISOString().slice(0, 10) };
}

/** The ledger's lookup for a shipment checker. */
export async function petroleumLookup(store: Store, regime: Regime): Promise<LedgerLookup> {
  return createLedgerLookup(regime, await petroleumLedger(store));
}

/** The years (the crude periods by the year they end in) the ledger holds deliveries in, newest first. */
export function ledgerYears(regime: Regime, deliveries: StoredDelivery[], kind: LedgerKind): number[] {
  const years = new Set<number>();
  for (const d of deliveries) if (d.kind === kind) years.add(periodOfDelivery(regime, d, `delivery ${d.id}`).year);
  return [...years].sort((a, b) => b - a);
}
