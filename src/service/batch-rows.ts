import type { CandidateIndex, MatchResult, SearchOptions } from '../core/index/index.js';
import type { Designee } from '../core/linking.js';
import { cleanQuery } from './queries.js';

/** One customer row to screen: its line in the input, its id and its properties by FtM name. */
export interface ScreenRow {
  line: number;
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  /** Set when the input gave no id and the line number stands in for it. */
  anonymous?: boolean;
  /** Why the row cannot be screened (a malformed line, no name). */
  error?: string;
  /** What was dropped or changed in reading the row (a date that cannot be read, a schema its data contradicts). */
  warnings?: string[];
}

/**
 * One output row per input row. Its columns keep their order (tools read them by position):
 * new ones are added at the end.
 */
export interface ScreenOutcome {
  line: number;
  id: string;
  name: string;
  schema: string;
  match_id: string;
  match_caption: string;
  score: number | null;
  match: boolean;
  datasets: string;
  explanation: string;
  error: string;
  /** The row's warnings, joined by "; ". */
  warnings: string;
  /** The row's name that scored against the best candidate (one of several the row may give). */
  query_name: string;
  /** The best candidate's name or alias that scored, as its list writes it. */
  matched_name: string;
  /** For a match: the designee the best candidate is a record of (`/designees/{id}`), its id. */
  designee_id: string;
  /** For a match: every list that lists the designee, joined by ";" (`datasets` names the best candidate's only). */
  designee_datasets: string;
  /** For a match: every record of the designee on those lists, joined by ";". */
  designee_members: string;
}

export const OUTCOME_COLUMNS: (keyof ScreenOutcome)[] = [
  'line', 'id', 'name', 'schema', 'match_id', 'match_caption', 'score', 'match', 'datasets', 'explanation', 'error', 'warnings',
  'query_name', 'matched_name', 'designee_id', 'designee_datasets', 'designee_members',
];

/** Gives the designees of records, linked when first asked (`MatchedDesignees.resolve` over a screening state). */
export type DesigneeResolver = (ids: string[]) => Promise<(id: string) => Designee>;

/**
 * A short, readable account of a result's score, feature by feature: for the name its score and
 * paired words; for the others the values compared, how they compared and what that did to the
 * score (`birthDate 1984-01-08 vs 1984-01-08: dates agree, score unchanged`).
 */
export function shortExplanation(result: MatchResult): string {
  return Object.entries(result.explanations)
    .map(([feature, e]) => {
      if (feature === 'name') {
        const pairs = e.pairs?.length ? ` (${e.pairs.map((p) => `${p.query}~${p.candidate} ${p.how}`).join(', ')})` : '';
        return `name ${e.score}${pairs}${e.detail && !pairs ? ` (${e.detail})` : ''}`;
      }
      const effect = Math.round(e.weight * e.score * 1000) / 1000;
      const how = e.detail ?? (effect === 0 ? 'agree' : 'differ');
      return `${feature} ${e.query.join('/')} vs ${e.candidate.join('/')}: ${how}, ${effect === 0 ? 'score unchanged' : `score ${effect > 0 ? '+' : ''}${effect}`}`;
    })
    .join('; ');
}

/** Screen rows against an index: the best result of each (or none), or the row's error. */
export function screenRows(index: CandidateIndex, rows: ScreenRow[], options: SearchOptions): ScreenOutcome[] {
  return rows.map((row) => {
    const name = row.properties.name?.[0] ?? '';
    const base: ScreenOutcome = {
      line: row.line, id: row.id, name, schema: row.schema, match_id: '', match_caption: '', score: null, match: false, datasets: '', explanation: '', error: row.error ?? '', warnings: row.warnings?.join('; ') ?? '',
      query_name: '', matched_name: '', designee_id: '', designee_datasets: '', designee_members: '',
    };
    if (row.error) return base;
    const [best] = index.match(cleanQuery(row.schema, row.properties), { ...options, limit: 1 });
    if (!best) return { ...base, score: 0 };
    return {
      ...base, match_id: best.id, match_caption: best.caption, score: best.score, match: best.match, datasets: best.datasets.join(';'), explanation: shortExplanation(best),
      query_name: best.explanations.name?.query[0] ?? '', matched_name: best.explanations.name?.candidate[0] ?? '',
    };
  });
}

/**
 * Matches with their designee: its id, every list that lists it and every record of it (the
 * designees of a batch's matches linked together). Rows that are no match are left as they are:
 * linking every best candidate of a file would cost more than screening it.
 */
export async function withDesignees(outcomes: ScreenOutcome[], resolve: DesigneeResolver): Promise<ScreenOutcome[]> {
  const ids = outcomes.filter((o) => o.match).map((o) => o.match_id);
  if (!ids.length) return outcomes;
  const designeeOf = await resolve(ids);
  return outcomes.map((o) => {
    if (!o.match) return o;
    const designee = designeeOf(o.match_id);
    return { ...o, designee_id: designee.id, designee_datasets: designee.datasets.join(';'), designee_members: designee.members.join(';') };
  });
}
