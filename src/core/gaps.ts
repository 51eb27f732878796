import type { Entity } from './entity.js';
import { NAME_PROPERTIES } from './ftm.js';
import type { Designee, RecordLink } from './linking.js';
import { identifiersOf, regimesOf } from './linking.js';
import { normalizeName } from './names/normalize.js';

/**
 * Where nations fall short of a reference list (the Security Council's): for each designation on
 * it, whether each other list carries the same designee, since when, and what a screener using
 * that list would lack (names and identifiers the national record does not give).
 */

/** One other list's answer for one reference designation. */
export type GapCell =
  | { status: 'listed'; ids: string[]; listed_on: string | null; lag_days: number | null; missing_names: string[]; missing_identifiers: string[] }
  | { status: 'missing'; possible?: { id: string; confidence: number }[] }
  | { status: 'not_applicable'; reason: string };

export interface GapRow {
  id: string;
  caption: string;
  listed_on: string | null;
  lists: Record<string, GapCell>;
}

export interface GapSummary {
  listed: number;
  missing: number;
  not_applicable: number;
  /** The median of `lag_days` over the designations listed with both dates known; null when none. */
  median_lag_days: number | null;
}

export interface GapReport {
  reference: string;
  collection: string | null;
  against: string[];
  rows: GapRow[];
  summary: Record<string, GapSummary>;
}

/** The list of a dataset: its version's publication date, when it states one. */
export interface ListDate {
  dataset: string;
  published: string | null;
}

const DAY_MS = 86_400_000;

/** The earliest listing date among a record's designations on its own list. */
function listedOn(entity: Entity): string | null {
  const dates = entity.designations.map((d) => d.listingDate).filter((d): d is string => Boolean(d && /^\d{4}-\d\d-\d\d/.test(d))).sort();
  return dates[0]?.slice(0, 10) ?? null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

const namesOf = (entity: Entity): string[] => NAME_PROPERTIES.flatMap((p) => entity.properties[p] ?? []);

/** What the reference record gives that the national records lack: names (compared normalized) and identifiers. */
function lacking(reference: Entity, national: Entity[]): { missing_names: string[]; missing_identifiers: string[] } {
  const theirNames = new Set(national.flatMap(namesOf).map((n) => normalizeName(n)));
  const missingNames = [...new Set(namesOf(reference))].filter((n) => !theirNames.has(normalizeName(n)));
  const theirIds = new Set(national.flatMap((e) => [...identifiersOf(e).keys()]));
  const missingIds = [...identifiersOf(reference)].filter(([key]) => !theirIds.has(key)).map(([, shown]) => shown);
  return { missing_names: missingNames, missing_identifiers: missingIds };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * The implementation-gap report of `references` (the reference list's designations in scope)
 * against the lists `against`, from the designees linking found and the pairs it left for review.
 */
export function implementationGaps(input: {
  reference: string;
  collection: string | null;
  references: Entity[];
  against: ListDate[];
  entities: ReadonlyMap<string, Entity>;
  designees: Designee[];
  review: RecordLink[];
}): GapReport {
  const designeeOf = new Map<string, Designee>();
  for (const d of input.designees) for (const id of d.members) designeeOf.set(id, d);
  const reviewOf = new Map<string, RecordLink[]>();
  for (const link of input.review) for (const id of link.ids) reviewOf.set(id, [...(reviewOf.get(id) ?? []), link]);
  // The regimes each list carries at all: a list carrying none of a designation's regimes implements it elsewhere, if at all.
  const regimesByList = new Map<string, Set<string>>();
  for (const entity of input.entities.values()) {
    for (const dataset of entity.datasets) {
      const held = regimesByList.get(dataset) ?? new Set<string>();
      for (const regime of regimesOf(entity)) held.add(regime);
      regimesByList.set(dataset, held);
    }
  }

  const rows: GapRow[] = [];
  for (const reference of [...input.references].sort((a, b) => a.id.localeCompare(b.id))) {
    const since = listedOn(reference);
    const members = (designeeOf.get(reference.id)?.members ?? []).map((id) => input.entities.get(id)).filter((e): e is Entity => Boolean(e));
    const lists: Record<string, GapCell> = {};
    for (const { dataset, published } of input.against) {
      const national = members.filter((e) => e.datasets.includes(dataset));
      if (national.length) {
        const on = national.map(listedOn).filter((d): d is string => Boolean(d)).sort()[0] ?? null;
        lists[dataset] = { status: 'listed', ids: national.map((e) => e.id).sort(), listed_on: on, lag_days: on && since ? daysBetween(since, on) : null, ...lacking(reference, national) };
        continue;
      }
      const regimes = [...regimesOf(reference)];
      const carried = regimesByList.get(dataset) ?? new Set<string>();
      if (regimes.length && !regimes.some((r) => carried.has(r))) {
        lists[dataset] = { status: 'not_applicable', reason: `${dataset} carries no designation under ${regimes.join(', ')}` };
      } else if (published && since && published < since) {
        lists[dataset] = { status: 'not_applicable', reason: `${dataset}'s version was published ${published}, before the designation (${since})` };
      } else {
        const possible = (reviewOf.get(reference.id) ?? [])
          .map((link) => ({ id: link.ids[0] === reference.id ? link.ids[1] : link.ids[0], confidence: link.confidence }))
          .filter(({ id }) => input.entities.get(id)?.datasets.includes(dataset));
        lists[dataset] = possible.length ? { status: 'missing', possible } : { status: 'missing' };
      }
    }
    rows.push({ id: reference.id, caption: reference.caption, listed_on: since, lists });
  }

  const summary: Record<string, GapSummary> = {};
  for (const { dataset } of input.against) {
    const cells = rows.map((r) => r.lists[dataset]!);
    const lags = cells.flatMap((c) => (c.status === 'listed' && c.lag_days !== null ? [c.lag_days] : []));
    summary[dataset] = {
      listed: cells.filter((c) => c.status === 'listed').length,
      missing: cells.filter((c) => c.status === 'missing').length,
      not_applicable: cells.filter((c) => c.status === 'not_applicable').length,
      median_lag_days: median(lags),
    };
  }
  return { reference: input.reference, collection: input.collection, against: input.against.map((a) => a.dataset), rows, summary };
}
