import { InputError } from '../errors.js';
import type { LedgerKind, Measure, Regime, Verification } from '../regime/regime.js';
import { round, type CountedDelivery } from './delivery.js';

/**
 * The petroleum ledgers' rules, read from the regime (the measures whose cap names a ledger):
 * which cap a delivery counts against, the period it falls in, and where a period's total
 * stands: the share of the cap, the thresholds crossed and the month each was, the cease point
 * and a projection of the month the cap is reached at the period's pace.
 */

/** A ledger's settings: the Committee's notice thresholds and the share at which supplies cease. */
export interface LedgerSettings {
  /** Per cent of the cap from which no more is supplied in the period (a shipment check answers `prohibited`). */
  cease_pct: number;
}

/**
 * The cease point's default: 90%. The reference (dprk_measures.json,
 * refined_petroleum_mechanism.threshold_notifications, partially verified) gives the
 * Committee's notices at 75%, 90% and 95%, but the 2397 OP5 wording of the point at which
 * States are told to cease was not retrieved: EU Regulation 2017/1509 Art. 16e(1)(c) blocks
 * supplies once 90% is notified, and the coal cap of 2321 ceases at 95%. The earlier of the two
 * is the default; `interdict petroleum settings --cease-pct 95` sets the other.
 */
export const DEFAULT_LEDGER_SETTINGS: Readonly<LedgerSettings> = Object.freeze({ cease_pct: 90 });

/** How well the cease point is established: never verified law (see DEFAULT_LEDGER_SETTINGS). */
export const CEASE_VERIFICATION: Verification = 'partially_verified';

/** The thresholds counted where the regime gives none for a cap (the crude cap, 2017's refined cap): the refined cap's. */
export const DEFAULT_THRESHOLDS_PCT: readonly number[] = Object.freeze([75, 90, 95]);

/** One period of a cap: its measure, first and last days, and its figures. */
export interface CapPeriod {
  kind: LedgerKind;
  /** The period's label: the calendar year it ends in. */
  year: number;
  from: string;
  to: string;
  measure: Measure;
  barrels: number;
  tonnes: number | null;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The measures whose caps a ledger counts against, the latest in force first. */
function capMeasures(regime: Regime, kind: LedgerKind): Measure[] {
  return regime.measures.filter((m) => m.cap?.ledger === kind).sort((a, b) => b.in_force.localeCompare(a.in_force));
}

/**
 * A cap's period labelled by the year it ends in: a calendar year for a cap starting 01-01; for
 * a cap starting 12-22, 22 December of the year before to 21 December. Clipped to the days its
 * measure counts (from `cap.from` or `in_force`, to the day before `until`); undefined when no
 * cap of the ledger covers any day of it.
 */
export function capPeriod(regime: Regime, kind: LedgerKind, year: number): CapPeriod | undefined {
  for (const measure of capMeasures(regime, kind)) {
    const cap = measure.cap!;
    const start = cap.period_start!;
    const nominalFrom = start === '01-01' ? `${year}-01-01` : `${year - 1}-${start}`;
    const nominalTo = addDays(start === '01-01' ? `${year + 1}-01-01` : `${year}-${start}`, -1);
    const first = [nominalFrom, measure.in_force, cap.from ?? measure.in_force].sort().at(-1)!;
    const last = measure.until && addDays(measure.until, -1) < nominalTo ? addDays(measure.until, -1) : nominalTo;
    if (first <= last) return { kind, year, from: first, to: last, measure, barrels: cap.barrels!, tonnes: cap.tonnes ?? null };
  }
  return undefined;
}

/**
 * The day a delivery is counted on: its date when given, else the first day of its month. A
 * delivery given only by its month therefore counts in the period holding the month's first
 * day: a crude delivery of "2019-12" in the period ending 21 December 2019 (21 of December's
 * 31 days are in it); one that falls on 22-31 December gives its `date`.
 */
export function deliveryDay(delivery: { month: string; date?: string }): string {
  return delivery.date ?? `${delivery.month}-01`;
}

/** The cap period a delivery counts in, or an `INVALID_DELIVERY` error naming where it was found. */
export function periodOfDelivery(regime: Regime, delivery: { kind: LedgerKind; month: string; date?: string }, where: string): CapPeriod {
  const day = deliveryDay(delivery);
  const year = Number(day.slice(0, 4));
  for (const y of [year, year + 1]) {
    const period = capPeriod(regime, delivery.kind, y);
    if (period && period.from <= day && day <= period.to) return period;
  }
  const first = capMeasures(regime, delivery.kind).map((m) => m.cap!.from ?? m.in_force).sort()[0];
  throw new InputError('INVALID_DELIVERY', `${where}: ${delivery.date ? 'date' : 'month'}: ${delivery.date ?? delivery.month}: no cap on ${delivery.kind === 'refined' ? 'refined petroleum' : 'crude oil'} counts that day${first ? ` (the ledger counts from ${first})` : ''}`);
}

/** The cap period of a day, for a shipment's date: undefined before the first cap. */
export function periodOfDay(regime: Regime, kind: LedgerKind, day: string): CapPeriod | undefined {
  const year = Number(day.slice(0, 4));
  for (const y of [year, year + 1]) {
    const period = capPeriod(regime, kind, y);
    if (period && period.from <= day && day <= period.to) return period;
  }
  return undefined;
}

/** Where a period's total stands against its cap (`interdict petroleum status --json`, GET /petroleum/status). */
export interface LedgerStatus {
  year: number;
  kind: LedgerKind;
  measure: string;
  basis: string;
  period: { from: string; to: string };
  cap_bbl: number;
  cap_t: number | null;
  total_bbl: number;
  /** Tonnes as reported or converted by a delivery's own factor; crude's cap counts them too. */
  total_t: number;
  /** The larger of the barrels' and (for a cap in tonnes too) the tonnes' share of the cap, 4 decimals. */
  share: number;
  by_state: Record<string, number>;
  by_month: Record<string, number>;
  deliveries: number;
  thresholds: { pct: number; crossed: string | null }[];
  thresholds_verification: Verification;
  cease_pct: number;
  cease_verification: Verification;
  /** The month the cease point was reached, null while below it. */
  ceased: string | null;
  /** The month the cap is reached at the period's pace so far (the month it was, once reached); null when not within the period. */
  projected_cap_month: string | null;
  /** The month the pace is reckoned to: the later of the last delivery's and the status date's, within the period. */
  pace_through: string | null;
  cap_verification: Verification;
  sources: string[];
}

/** The months of a period, in order (YYYY-MM). */
export function periodMonths(period: { from: string; to: string }): string[] {
  const months: string[] = [];
  let [y, m] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const last = period.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

/** The month a delivery is shown under: its own (a crude delivery of 22-31 December shows under that December, in the next period). */
function monthKey(delivery: CountedDelivery): string {
  return delivery.month;
}

/**
 * Where a period stands: its deliveries (those of other periods or kinds are left out) summed
 * by supplying State and by month, the thresholds crossed with the month each was, the cease
 * point, and the month the cap is reached at the pace so far. `asOf` (YYYY-MM-DD) is the status
 * date: the pace is the total over the months from the period's first to the later of the last
 * delivery's and asOf's (within the period).
 */
export function ledgerStatus(regime: Regime, period: CapPeriod, deliveries: readonly CountedDelivery[], settings: LedgerSettings, asOf?: string): LedgerStatus {
  const counted = deliveries.filter((d) => d.kind === period.kind && period.from <= deliveryDay(d) && deliveryDay(d) <= period.to);
  const months = periodMonths(period);
  const byMonth = new Map<string, { bbl: number; t: number }>(months.map((m) => [m, { bbl: 0, t: 0 }]));
  const byState = new Map<string, number>();
  let totalBbl = 0;
  let totalT = 0;
  for (const d of counted) {
    const month = byMonth.get(monthKey(d)) ?? byMonth.get(months[0]!)!;
    month.bbl += d.barrels;
    month.t += d.tonnes ?? 0;
    byState.set(d.state, (byState.get(d.state) ?? 0) + d.barrels);
    totalBbl += d.barrels;
    totalT += d.tonnes ?? 0;
  }
  const shareOf = (bbl: number, t: number): number => Math.max(bbl / period.barrels, period.tonnes ? t / period.tonnes : 0);
  // The month each share is first reached, walking the months in order.
  const crossing = (pct: number): string | null => {
    let bbl = 0;
    let t = 0;
    for (const [month, sum] of byMonth) {
      bbl += sum.bbl;
      t += sum.t;
      if (shareOf(bbl, t) * 100 >= pct - 1e-9) return month;
    }
    return null;
  };
  const cap = period.measure.cap!;
  const thresholds = cap.thresholds_pct ?? DEFAULT_THRESHOLDS_PCT;
  const share = shareOf(totalBbl, totalT);
  const lastDelivery = counted.map(monthKey).sort().at(-1);
  const asOfMonth = asOf && asOf.slice(0, 7) >= months[0]! ? (asOf.slice(0, 7) > months.at(-1)! ? months.at(-1)! : asOf.slice(0, 7)) : undefined;
  const paceThrough = [lastDelivery, asOfMonth].filter((m): m is string => m !== undefined).sort().at(-1) ?? null;
  let projected: string | null = crossing(100);
  if (!projected && paceThrough && share > 0) {
    const elapsed = months.indexOf(paceThrough) + 1;
    const needed = Math.ceil(elapsed / share - 1e-9);
    projected = months[needed - 1] ?? null;
  }
  return {
    year: period.year,
    kind: period.kind,
    measure: period.measure.id,
    basis: period.measure.basis,
    period: { from: period.from, to: period.to },
    cap_bbl: period.barrels,
    cap_t: period.tonnes,
    total_bbl: round(totalBbl, 3),
    total_t: round(totalT, 3),
    share: round(share, 4),
    by_state: Object.fromEntries([...byState].sort(([a], [b]) => a.localeCompare(b)).map(([s, v]) => [s, round(v, 3)])),
    by_month: Object.fromEntries([...byMonth].map(([m, v]) => [m, round(v.bbl, 3)])),
    deliveries: counted.length,
    thresholds: thresholds.map((pct) => ({ pct, crossed: crossing(pct) })),
    thresholds_verification: cap.thresholds_verification ?? 'unverified',
    cease_pct: settings.cease_pct,
    cease_verification: CEASE_VERIFICATION,
    ceased: crossing(settings.cease_pct),
    projected_cap_month: projected,
    pace_through: paceThrough,
    cap_verification: cap.verification,
    sources: period.measure.sources,
  };
}

/** A period by its ledger and year, or an `INVALID_PERIOD` error saying which years have a cap. */
export function requirePeriod(regime: Regime, kind: LedgerKind, year: number): CapPeriod {
  const period = Number.isInteger(year) ? capPeriod(regime, kind, year) : undefined;
  if (!period) {
    const first = capMeasures(regime, kind).map((m) => m.cap!.from ?? m.in_force).sort()[0];
    throw new InputError('INVALID_PERIOD', `year ${year}: no cap on ${kind === 'refined' ? 'refined petroleum' : 'crude oil'} covers it${first ? ` (the caps count from ${first})` : ''}`);
  }
  return period;
}

/** The ledger as a shipment check reads it: the deliveries counted, the settings, and the status date. */
export interface PetroleumLedger {
  deliveries: readonly CountedDelivery[];
  settings: LedgerSettings;
  asOf?: string;
}

/** A period's status by ledger and day, each period's computed once. */
export interface LedgerLookup {
  statusAt(kind: LedgerKind, day: string): LedgerStatus | undefined;
}

export function createLedgerLookup(regime: Regime, ledger: PetroleumLedger): LedgerLookup {
  const known = new Map<string, LedgerStatus>();
  return {
    statusAt(kind, day) {
      const period = periodOfDay(regime, kind, day);
      if (!period) return undefined;
      const key = `${kind}:${period.year}`;
      let status = known.get(key);
      if (!status) {
        status = ledgerStatus(regime, period, ledger.deliveries, ledger.settings, ledger.asOf);
        known.set(key, status);
      }
      return status;
    },
  };
}
