import type { Entity } from './entity.js';
import type { CandidateIndex, MatchResult } from './index/index.js';

/**
 * Linking's query of one record, apart from the judging: the record's best candidates in the
 * index among the records linked. Linking asks it of every record in scope, and it is the whole
 * of linking's cost; kept apart from `linkRecords`, so that the answers can be computed
 * elsewhere (in worker threads, each with a copy of the index: src/service/link-workers.ts) and
 * handed to it, the same as it would find them.
 */

/** What a link query may find: the records linked, and the pairs an analyst keeps apart. */
export interface LinkScope {
  /** The ids of the records linked (any other record of the index is no candidate). */
  ids: { has(id: string): boolean };
  /** The lists linked: a candidate must be of one of them (default: any). */
  datasets?: ReadonlySet<string>;
  /** For each record, the records an analyst keeps apart from it (never its candidates). */
  apart: ReadonlyMap<string, ReadonlySet<string>>;
}

/** How many candidates a link query returns at most, the score below which none is kept, and what counts as a match. */
export interface LinkSearch {
  limit: number;
  cutoff: number;
  threshold: number;
}

/** A record as a link query sends it: its id (to leave itself out) and its names and details, as a screening would give them. */
export type LinkQuery = Pick<Entity, 'id' | 'schema' | 'properties'>;

/**
 * The record's best candidates in scope, best first: never itself, nor a record an analyst keeps
 * apart from it (both left out before scoring, so that they take no place among the `limit`).
 */
export function linkCandidates(index: CandidateIndex, record: LinkQuery, scope: LinkScope, search: LinkSearch): MatchResult[] {
  const keptApart = scope.apart.get(record.id);
  const { datasets, ids } = scope;
  return index.match(
    { schema: record.schema, properties: record.properties },
    { ...search, accept: (id, of) => id !== record.id && !keptApart?.has(id) && ids.has(id) && (!datasets || of.some((d) => datasets.has(d))) },
  );
}
