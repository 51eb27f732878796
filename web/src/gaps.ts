// The implementation-gap report (GET /gaps) as the console reads it, and what the Implementation page derives from it.
import type { GapCell, GapSummary } from '../../src/core/gaps.js';
import { call } from './api.js';

export type { GapCell, GapSummary };

/**
 * One reference designation and every other list's answer for it. `schema` and `programs` are
 * optional: a server that predates them gives neither, and the page then offers no type or
 * program filter.
 */
export interface GapAnswerRow {
  id: string;
  caption: string;
  listed_on: string | null;
  lists: Record<string, GapCell>;
  schema?: string;
  programs?: string[];
}

/** How an authority carries UN designations (docs/gaps: src/core/authorities.ts holds the table). */
export interface Authority {
  authority: string;
  implements_un: 'lists' | 'own_programs' | 'regulation' | 'unknown';
  detail: string;
  sources: string[];
  verification: 'verified' | 'partially_verified' | 'unverified';
}

/** A list's own designations in the report's scope that no reference designation is linked to. */
export interface Separate {
  total: number;
  by_year: Record<string, number>;
  ids: string[];
}

/** The version of a list the report was taken from. */
export interface TakenVersion {
  id: string;
  published: string | null;
}

/** A cell that changed between `since` and the report's date. */
export interface ChangedCell {
  id: string;
  caption: string;
  dataset: string;
  was: string;
  now: string;
}

export interface GapChanges {
  since: string;
  versions?: Record<string, TakenVersion>;
  added: string[];
  removed: string[];
  closed: ChangedCell[];
  opened: ChangedCell[];
}

/**
 * GET /gaps: the fields every server gives, then those a newer one adds (each optional, so that
 * the page shows what it is given and says what it is not).
 */
export interface GapAnswer {
  reference: string;
  collection: string | null;
  against: string[];
  rows: GapAnswerRow[];
  summary: Record<string, GapSummary>;
  authorities?: Record<string, Authority>;
  separate?: Record<string, Separate>;
  by_year?: Record<string, Record<string, { un: number; separate: number }>>;
  at?: string | null;
  versions?: Record<string, TakenVersion>;
  notes?: string[];
  changes?: GapChanges;
}

/** What the page asks the report for (the filters on type, program and caption are the page's own, applied to the rows). */
export interface GapQuery {
  reference: string;
  collection: string;
  against: string[];
  at: string;
  since: string;
}

/** The query string of a report; empty values are left out (the server's defaults: every other list, the current versions). */
export function gapQueryString(query: GapQuery): string {
  const params = new URLSearchParams({ reference: query.reference });
  if (query.collection) params.set('collection', query.collection);
  if (query.against.length) params.set('against', query.against.join(','));
  if (query.at) params.set('at', query.at);
  if (query.since) params.set('since', query.since);
  return params.toString();
}

export const fetchGaps = (query: GapQuery): Promise<GapAnswer> => call<GapAnswer>(`/gaps?${gapQueryString(query)}`);

/** Lag, in days, up to which a listing counts as prompt (the matrix's first shade). */
export const PROMPT_LAG_DAYS = 30;

/** How a cell is drawn: its shade (a class) and the word or number shown in it. */
export type CellTone = 'prompt' | 'late' | 'listed' | 'missing' | 'not-applicable' | 'absent';

export function toneOf(cell: GapCell | undefined): CellTone {
  if (!cell) return 'absent';
  if (cell.status === 'missing') return 'missing';
  if (cell.status === 'not_applicable') return 'not-applicable';
  if (cell.lag_days === null) return 'listed';
  return cell.lag_days <= PROMPT_LAG_DAYS ? 'prompt' : 'late';
}

/** The text in a cell: the lag for a listing ("12 d"), else the status in a word. */
export function cellText(cell: GapCell | undefined): string {
  if (!cell) return '—';
  if (cell.status === 'missing') return cell.possible?.length ? `missing (${cell.possible.length} possible)` : 'missing';
  if (cell.status === 'not_applicable') return 'n/a';
  return cell.lag_days === null ? 'listed' : `${cell.lag_days} d`;
}

/** A cell in a sentence: what a screen reader announces and a mouse's tooltip shows. */
export function cellSentence(cell: GapCell | undefined, reference: string): string {
  if (!cell) return 'not in this report';
  if (cell.status === 'missing') return `missing${cell.possible?.length ? `; ${cell.possible.length} possible record${cell.possible.length > 1 ? 's' : ''} for review` : ''}`;
  if (cell.status === 'not_applicable') return `not applicable: ${cell.reason}`;
  const on = cell.listed_on ? ` on ${cell.listed_on}` : '';
  if (cell.lag_days === null) return `listed${on} (lag unknown: a listing date is not given)`;
  const lag = cell.lag_days === 0 ? `the same day as ${reference}` : cell.lag_days > 0 ? `${cell.lag_days} days after ${reference}` : `${-cell.lag_days} days before ${reference}`;
  return `listed${on}, ${lag}`;
}

/** Orders a column: prompt listings first (by lag), then listings of unknown lag, missing, not applicable, absent. */
export function cellRank(cell: GapCell | undefined): number {
  if (!cell) return 4e6;
  if (cell.status === 'listed') return cell.lag_days ?? 1e6;
  return cell.status === 'missing' ? 2e6 : 3e6;
}

/** The page's filters on the rows: a type, a program and words of the caption or id (each empty: any). */
export interface RowFilter {
  type: string;
  program: string;
  text: string;
}

export function filterRows(rows: GapAnswerRow[], filter: RowFilter): GapAnswerRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) =>
    (!filter.type || row.schema === filter.type)
    && (!filter.program || (row.programs ?? []).includes(filter.program))
    && words.every((w) => row.caption.toLowerCase().includes(w) || row.id.toLowerCase().includes(w)));
}

/** The values a filter offers: those the rows carry, sorted, or null when no row carries the field (a server that does not give it). */
export function choicesOf(rows: GapAnswerRow[], field: 'schema' | 'programs'): string[] | null {
  if (!rows.some((r) => r[field] !== undefined)) return null;
  return [...new Set(rows.flatMap((r) => (field === 'schema' ? (r.schema ? [r.schema] : []) : (r.programs ?? []))))].sort();
}

/** The chart's rows: one per year (sorted, "unknown" last), a `<dataset>:un` and `<dataset>:separate` count for each list. */
export function yearlySeries(byYear: NonNullable<GapAnswer['by_year']>, datasets: string[]): Record<string, string | number>[] {
  const years = [...new Set(datasets.flatMap((d) => Object.keys(byYear[d] ?? {})))].sort((a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : a.localeCompare(b)));
  return years.map((year) => {
    const point: Record<string, string | number> = { year };
    for (const d of datasets) {
      const counts = byYear[d]?.[year];
      point[`${d}:un`] = counts?.un ?? 0;
      point[`${d}:separate`] = counts?.separate ?? 0;
    }
    return point;
  });
}
