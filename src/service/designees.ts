import { collectionsOf, isIn } from '../core/collections.js';
import type { Entity } from '../core/entity.js';
import { InputError, InterdictError } from '../core/errors.js';
import { implementationGaps, type GapReport } from '../core/gaps.js';
import type { CandidateIndex, MatchResult } from '../core/index/index.js';
import { linkRecords, type Designee, type LinkingOptions, type RecordLink } from '../core/linking.js';
import type { ListVersion } from '../store/index.js';

/** What linking and the gap report read: an index over the current records, the records, and their versions. */
export interface LinkingState {
  index: CandidateIndex;
  entities: ReadonlyMap<string, Entity>;
  versions: ListVersion[];
}

/** The designees of the current lists (or of some datasets), with the pairs left for review. */
export function currentDesignees(state: LinkingState, options: LinkingOptions = {}): { designees: Designee[]; review: RecordLink[] } {
  const known = new Set(state.versions.map((v) => v.dataset));
  for (const dataset of options.datasets ?? []) if (!known.has(dataset)) throw new InterdictError('NOT_FOUND', `dataset "${dataset}" has no current version (loaded: ${[...known].join(', ') || 'none'})`, 404);
  return linkRecords(state.index, state.entities.values(), options);
}

/**
 * The implementation-gap report: each designation of `reference` (in `collection`, when given)
 * against the other lists (`against`, default every other list loaded). Only the reference's
 * designations are linked (each to its best match in every other list, and back).
 */
export function gapReport(state: LinkingState, request: { reference: string; collection?: string; against?: string[] } & Pick<LinkingOptions, 'linkAt' | 'reviewAt'>): GapReport {
  const { reference, collection } = request;
  const lists = new Map(state.versions.map((v) => [v.dataset, v]));
  if (!lists.has(reference)) throw new InterdictError('NOT_FOUND', `reference "${reference}" has no current version (loaded: ${[...lists.keys()].join(', ') || 'none'})`, 404);
  const against = request.against ?? [...lists.keys()].filter((d) => d !== reference).sort();
  for (const dataset of against) {
    if (!lists.has(dataset)) throw new InterdictError('NOT_FOUND', `against: "${dataset}" has no current version (loaded: ${[...lists.keys()].join(', ')})`, 404);
    if (dataset === reference) throw new InputError('BAD_REQUEST', `against: "${dataset}" is the reference itself`);
  }
  const inScope = (entity: Entity): boolean => !collection || isIn(collection, entity.datasets, collectionsOf(entity));
  const references = [...state.entities.values()].filter((e) => e.datasets.includes(reference) && inScope(e));
  const { designees, review } = linkRecords(state.index, state.entities.values(), { datasets: [reference, ...against], seeds: references.map((e) => e.id), linkAt: request.linkAt, reviewAt: request.reviewAt });
  return implementationGaps({
    reference,
    collection: collection ?? null,
    references,
    against: against.map((dataset) => ({ dataset, published: lists.get(dataset)!.published })),
    entities: state.entities,
    designees,
    review,
  });
}

/** The designee a record belongs to, found from that record (its links and theirs), with the pairs of it left for review. */
export function designeeOf(state: LinkingState, id: string): { designee: Designee; review: RecordLink[] } {
  const first = linkRecords(state.index, state.entities.values(), { seeds: [id] });
  // The records linked to this one are linked in their turn: a designee reached from its OFAC record finds its DFAT record through the UN's.
  const reached = first.designees.find((d) => d.members.includes(id))!;
  const { designees, review } = linkRecords(state.index, state.entities.values(), { seeds: reached.members });
  return { designee: designees.find((d) => d.members.includes(id))!, review: review.filter((l) => l.ids.some((m) => reached.members.includes(m))) };
}

/** Designees found so far, per screening state, by each member's id (a new index, a new cache). */
const FOUND = new WeakMap<LinkingState, Map<string, Designee>>();

/** The designee of a record, from the state's cache or found now (and cached for every member). */
export function cachedDesigneeOf(state: LinkingState, id: string): Designee {
  const found = FOUND.get(state) ?? new Map<string, Designee>();
  FOUND.set(state, found);
  let designee = found.get(id);
  if (!designee) {
    designee = designeeOf(state, id).designee;
    for (const member of designee.members) found.set(member, designee);
  }
  return designee;
}

/**
 * Results one per designee, best first: each designee's best-scoring record stands for it, with
 * the designee beside it (its other records' names and identifiers were scored as records of
 * their own: the designee takes the best of them).
 */
export function groupByDesignee(state: LinkingState, results: MatchResult[]): { best: MatchResult; designee: Designee }[] {
  const groups = new Map<string, { best: MatchResult; designee: Designee }>();
  for (const result of results) {
    const designee = cachedDesigneeOf(state, result.id);
    if (!groups.has(designee.id)) groups.set(designee.id, { best: result, designee });
  }
  return [...groups.values()];
}
