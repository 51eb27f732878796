import { authorityOf, type Authority } from './authorities.js';
import { collectionsOf, isIn } from './collections.js';
import type { Entity } from './entity.js';
import { NAME_PROPERTIES } from './ftm.js';
import type { Designee, RecordLink } from './linking.js';
import { identifiersOf, regimesOf } from './linking.js';
import { normalizeName } from './names/normalize.js';

/**
 * Where nations fall short of a reference list (the Security Council's): for each designation on
 * it, whether each other list carries the same designee, since when, and what a screener using
 * that list would lack (names and identifiers the national record does not give); and the other
 * way, each list's own designations in the same scope that the reference does not carry.
 */

/** One other list's answer for one reference designation. */
export type GapCell =
  | { status: 'listed'; ids: string[]; listed_on: string | null; lag_days: number | null; missing_names: string[]; missing_identifiers: string[] }
  | { status: 'missing'; possible?: { id: string; confidence: number }[] }
  | { status: 'not_applicable'; reason: string };

export interface GapRow {
  id: string;
  caption: string;
  /** The reference record's schema (Person, Organization, Vessel...) and its designation programs, for filtering. */
  schema: string;
  programs: string[];
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

/**
 * A list's designations in the report's scope that no reference designation is linked to: the
 * authority's separate (autonomous) designations, counted by the year its own record gives.
 *
 * @example { total: 3, by_year: { '2016': 2, unknown: 1 }, ids: ['us_ofac_sdn-20001', ...] }
 */
export interface SeparateDesignations {
  total: number;
  /** Years in order, "unknown" (a record giving no listing date, as OFAC's CSV) last. */
  by_year: Record<string, number>;
  ids: string[];
}

/** A list's records of a year: linked to a reference designation (`un`), or separate. */
export interface YearCount {
  un: number;
  separate: number;
}

/** The version of a list a report was taken from. */
export interface TakenVersion {
  id: string;
  published: string | null;
}

/** A cell that changed between two reports: a gap closed (`now` listed) or opened (`now` missing). */
export interface GapChange {
  id: string;
  caption: string;
  dataset: string;
  /** `absent`: the designation is new since, with no cell then. */
  was: 'missing' | 'listed' | 'absent';
  now: 'listed' | 'missing';
}

/** The report at `since` against this one: designations added and removed, gaps closed and opened. */
export interface GapChanges {
  since: string;
  versions: Record<string, TakenVersion>;
  added: string[];
  removed: string[];
  closed: GapChange[];
  opened: GapChange[];
}

export interface GapReport {
  reference: string;
  collection: string | null;
  against: string[];
  /** The date the lists were taken at (each list's newest version on or before it); null: the current versions. */
  at: string | null;
  versions: Record<string, TakenVersion>;
  /** How the reference and each list against carry UN designations (src/core/authorities.ts). */
  authorities: Record<string, Authority>;
  rows: GapRow[];
  summary: Record<string, GapSummary>;
  separate: Record<string, SeparateDesignations>;
  by_year: Record<string, Record<string, YearCount>>;
  /** What the report left out and why (a list with no version at the date asked). */
  notes: string[];
  changes?: GapChanges;
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

/** The year of a record's earliest listing, from a full date or a year alone (DFAT gives "2022" for some); "unknown" when it gives none. */
function yearOf(entity: Entity): string {
  const years = entity.designations.map((d) => /^\d{4}/.exec(d.listingDate ?? '')?.[0]).filter((y): y is string => Boolean(y)).sort();
  return years[0] ?? 'unknown';
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

const namesOf = (entity: Entity): string[] => NAME_PROPERTIES.flatMap((p) => entity.properties[p] ?? []);

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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

/** Counts per year with the years in order and "unknown" last (JSON keeps the order). */
function byYear<T>(counts: Map<string, T>): Record<string, T> {
  const years = [...counts.keys()].filter((y) => y !== 'unknown').sort();
  if (counts.has('unknown')) years.push('unknown');
  return Object.fromEntries(years.map((y) => [y, counts.get(y)!]));
}

/**
 * The records of the lists against that a report looks at for their separate designations: those
 * in its collection, or without one, those under a regime of one of the reference designations.
 */
export function reportScope(collection: string | null, references: Entity[]): (entity: Entity) => boolean {
  if (collection) return (entity) => isIn(collection, entity.datasets, collectionsOf(entity));
  const regimes = new Set(references.flatMap((e) => [...regimesOf(e)]));
  return (entity) => [...regimesOf(entity)].some((r) => regimes.has(r));
}

/** A reference designation's cell on one list. */
function cellOf(reference: Entity, members: Entity[], list: ListDate, authority: Authority, possibleOf: (dataset: string) => { id: string; confidence: number }[]): GapCell {
  // A list whose authority applies the UN's list by regulation is asked nothing of: every cell is not applicable, for the table's reason.
  if (authority.implements_un === 'regulation') return { status: 'not_applicable', reason: authority.detail };
  const since = listedOn(reference);
  const national = members.filter((e) => e.datasets.includes(list.dataset));
  if (national.length) {
    const on = national.map(listedOn).filter((d): d is string => Boolean(d)).sort()[0] ?? null;
    return { status: 'listed', ids: national.map((e) => e.id).sort(), listed_on: on, lag_days: on && since ? daysBetween(since, on) : null, ...lacking(reference, national) };
  }
  if (list.published && since && list.published < since) {
    return { status: 'not_applicable', reason: `${list.dataset}'s version was published ${list.published}, before the designation (${since})` };
  }
  const possible = possibleOf(list.dataset);
  return possible.length ? { status: 'missing', possible } : { status: 'missing' };
}

/**
 * The implementation-gap report of `references` (the reference list's designations in scope)
 * against the lists `against`, from the designees linking found and the pairs it left for
 * review; with `scope` (the records of the lists against in the report's scope, linked in the
 * same run), each list's separate designations and every list's designations by year.
 */
export function implementationGaps(input: {
  reference: string;
  collection: string | null;
  references: Entity[];
  against: ListDate[];
  scope: Entity[];
  entities: ReadonlyMap<string, Entity>;
  designees: Designee[];
  review: RecordLink[];
  at?: string | null;
  versions?: Record<string, TakenVersion>;
  notes?: string[];
}): GapReport {
  const designeeOf = new Map<string, Designee>();
  for (const d of input.designees) for (const id of d.members) designeeOf.set(id, d);
  const reviewOf = new Map<string, RecordLink[]>();
  for (const link of input.review) for (const id of link.ids) reviewOf.set(id, [...(reviewOf.get(id) ?? []), link]);
  const authorities: Record<string, Authority> = Object.fromEntries([input.reference, ...input.against.map((a) => a.dataset)].map((d) => [d, authorityOf(d)]));
  const membersOf = (id: string): Entity[] => (designeeOf.get(id)?.members ?? [id]).map((m) => input.entities.get(m)).filter((e): e is Entity => Boolean(e));

  const rows: GapRow[] = [];
  for (const reference of [...input.references].sort((a, b) => a.id.localeCompare(b.id))) {
    const members = membersOf(reference.id);
    const possibleOf = (dataset: string): { id: string; confidence: number }[] => (reviewOf.get(reference.id) ?? [])
      .map((link) => ({ id: link.ids[0] === reference.id ? link.ids[1] : link.ids[0], confidence: link.confidence }))
      .filter(({ id }) => input.entities.get(id)?.datasets.includes(dataset));
    const lists: Record<string, GapCell> = {};
    for (const list of input.against) lists[list.dataset] = cellOf(reference, members, list, authorities[list.dataset]!, possibleOf);
    const programs = [...new Set(reference.designations.filter((d) => d.dataset === input.reference).map((d) => d.program ?? d.programId ?? '').filter(Boolean))].sort();
    rows.push({ id: reference.id, caption: reference.caption, schema: reference.schema, programs, listed_on: listedOn(reference), lists });
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

  // The other way: each list's records linked to a reference designation, and those in scope linked to none.
  const linked = new Set(input.references.flatMap((r) => membersOf(r.id)).map((e) => e.id));
  const carriedByReference = (entity: Entity): boolean => membersOf(entity.id).some((m) => m.datasets.includes(input.reference));
  const separate: Record<string, SeparateDesignations> = {};
  const yearCounts: Record<string, Record<string, YearCount>> = {};
  const count = (entities: Entity[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const e of entities) out.set(yearOf(e), (out.get(yearOf(e)) ?? 0) + 1);
    return out;
  };
  yearCounts[input.reference] = byYear(new Map([...count(input.references)].map(([y, n]) => [y, { un: n, separate: 0 }])));
  for (const { dataset } of input.against) {
    const own = input.scope.filter((e) => e.datasets.includes(dataset) && !carriedByReference(e));
    const unique = [...new Map(own.map((e) => [e.id, e])).values()];
    separate[dataset] = { total: unique.length, by_year: byYear(count(unique)), ids: unique.map((e) => e.id).sort(byCodeUnits) };
    const un = count([...linked].map((id) => input.entities.get(id)).filter((e): e is Entity => Boolean(e?.datasets.includes(dataset))));
    const years = new Map<string, YearCount>();
    for (const [year, n] of un) years.set(year, { un: n, separate: 0 });
    for (const [year, n] of Object.entries(separate[dataset].by_year)) years.set(year, { un: years.get(year)?.un ?? 0, separate: n });
    yearCounts[dataset] = byYear(years);
  }

  return {
    reference: input.reference,
    collection: input.collection,
    against: input.against.map((a) => a.dataset),
    at: input.at ?? null,
    versions: input.versions ?? {},
    authorities,
    rows,
    summary,
    separate,
    by_year: yearCounts,
    notes: input.notes ?? [],
  };
}
