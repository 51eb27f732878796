import { COLLECTIONS, collectionsOf, isIn } from '../core/collections.js';
import type { Entity } from '../core/entity.js';
import { InputError, InterdictError, NotFoundError } from '../core/errors.js';
import { implementationGaps, reportScope, type GapReport } from '../core/gaps.js';
import type { CandidateIndex, MatchResult } from '../core/index/index.js';
import { linkRecords, type Designee, type LinkDecision, type LinkingOptions, type PairDecision, type RecordLink } from '../core/linking.js';
import type { ListVersion, Store } from '../store/index.js';
import { datedGapReport, linkingStateAt, type GapRequest } from './gap-report.js';
import { currentEntities } from './screener.js';
import type { StoredLinkDecision } from '../store/link-decisions.js';
import type { MatchedDesignees } from './matched-designees.js';

/** What linking and the gap report read: an index over the current records, the records, and their versions. */
export interface LinkingState {
  index: CandidateIndex;
  entities: ReadonlyMap<string, Entity>;
  versions: ListVersion[];
}

/** The state linking reads, for an index of the store's current versions: their records and the versions. */
export async function linkingStateOf(store: Store, index: CandidateIndex): Promise<LinkingState> {
  const [entities, versions] = await Promise.all([currentEntities(store), store.currentVersions()]);
  return { index, entities: new Map(entities.map((e) => [e.id, e])), versions };
}

/** What tells one set of stored decisions from the next: a decision made starts afresh what was linked under the others. */
export function decisionsStamp(stored: StoredLinkDecision[]): string {
  return `${stored.length}:${Math.max(0, ...stored.map((d) => d.id))}`;
}

/** Stored decisions as linking reads them. */
export function pairDecisions(stored: StoredLinkDecision[]): PairDecision[] {
  return stored.map((d) => ({ ids: d.ids, decision: d.decision, decidedBy: d.decidedBy, note: d.note }));
}

/** The designees of the current lists (or of some datasets), with the pairs left for review. */
export function currentDesignees(state: LinkingState, options: LinkingOptions = {}): { designees: Designee[]; review: RecordLink[] } {
  const known = new Set(state.versions.map((v) => v.dataset));
  for (const dataset of options.datasets ?? []) if (!known.has(dataset)) throw new InterdictError('NOT_FOUND', `dataset "${dataset}" has no current version (loaded: ${[...known].join(', ') || 'none'})`, 404);
  return linkRecords(state.index, state.entities.values(), options);
}

/**
 * The implementation-gap report of a state's versions: each designation of `reference` (in
 * `collection`, when given) against the other lists (`against`, default every other list of the
 * state), and each of those lists' own designations in the same scope that no reference
 * designation is linked to. The reference's designations and the other lists' records in scope
 * are linked in one run (each to its best match in every other list, and back), which serves
 * both directions.
 */
export function gapReport(state: LinkingState, request: { reference: string; collection?: string; against?: string[] } & Pick<LinkingOptions, 'linkAt' | 'reviewAt' | 'decisions'>): GapReport {
  const { reference, collection } = request;
  const lists = new Map(state.versions.map((v) => [v.dataset, v]));
  if (!lists.has(reference)) throw new InterdictError('NOT_FOUND', `reference "${reference}" has no current version (loaded: ${[...lists.keys()].join(', ') || 'none'})`, 404);
  const against = [...new Set(request.against ?? [...lists.keys()].filter((d) => d !== reference))].sort();
  for (const dataset of against) {
    if (!lists.has(dataset)) throw new InterdictError('NOT_FOUND', `against: "${dataset}" has no current version (loaded: ${[...lists.keys()].join(', ')})`, 404);
    if (dataset === reference) throw new InputError('BAD_REQUEST', `against: "${dataset}" is the reference itself`);
  }
  if (collection !== undefined && !(COLLECTIONS as readonly string[]).includes(collection) && !lists.has(collection)) throw new InterdictError('NOT_FOUND', `collection "${collection}" is none of ${COLLECTIONS.join(', ')}`, 404);
  const inCollection = (entity: Entity): boolean => !collection || isIn(collection, entity.datasets, collectionsOf(entity));
  const references = [...state.entities.values()].filter((e) => e.datasets.includes(reference) && inCollection(e));
  const inScope = reportScope(collection ?? null, references);
  const scope = [...state.entities.values()].filter((e) => against.some((d) => e.datasets.includes(d)) && inScope(e));
  const seeds = [...references, ...scope].map((e) => e.id);
  const { designees, review } = linkRecords(state.index, state.entities.values(), { datasets: [reference, ...against], seeds, linkAt: request.linkAt, reviewAt: request.reviewAt, decisions: request.decisions });
  const taken = (dataset: string): { id: string; published: string | null } => ({ id: lists.get(dataset)!.id, published: lists.get(dataset)!.published });
  return implementationGaps({
    reference,
    collection: collection ?? null,
    references,
    against: against.map((dataset) => ({ dataset, published: lists.get(dataset)!.published })),
    scope,
    entities: state.entities,
    designees,
    review,
    versions: Object.fromEntries([reference, ...against].map((d) => [d, taken(d)])),
  });
}

/** The designee a record belongs to, found from that record (its links and theirs), with the pairs of it left for review. */
export function designeeOf(state: LinkingState, id: string, decisions: PairDecision[] = []): { designee: Designee; review: RecordLink[] } {
  const { designees, review } = linkRecords(state.index, state.entities, { seeds: [id], decisions });
  const designee = designees.find((d) => d.members.includes(id))!;
  return { designee, review: review.filter((l) => l.ids.some((m) => designee.members.includes(m))) };
}

/**
 * Results one per designee, best first: each designee's best-scoring record stands for it, with
 * the designee beside it (its other records' names and identifiers were scored as records of
 * their own: the designee takes the best of them).
 */
export function groupByDesignee(results: MatchResult[], designeeOfId: (id: string) => Designee): { best: MatchResult; designee: Designee }[] {
  const groups = new Map<string, { best: MatchResult; designee: Designee }>();
  for (const result of results) {
    const designee = designeeOfId(result.id);
    if (!groups.has(designee.id)) groups.set(designee.id, { best: result, designee });
  }
  return [...groups.values()];
}

/** Reports kept per state at most: a report is a few hundred kilobytes. */
const MAX_REPORTS = 16;
/** States of past versions kept at most: each holds an index of its lists, as large as the served one. */
const MAX_DATED_STATES = 2;

interface Found {
  /** The decisions the reports were made under: a new decision starts afresh. */
  stamp: string;
  decisions: PairDecision[];
  reports: Map<string, GapReport>;
}

/**
 * Designees and gap reports for a server: designees from the store's `MatchedDesignees` (one
 * cache of each record's designee for requests, re-screenings and batches), gap reports made
 * when first asked and kept per screening state (a new index, a new start) and per analysts'
 * decisions (read at each call: a decision made since starts afresh). A report at a past date
 * links on an index of the versions of that date, built when first asked and kept by their ids
 * (a version never changes).
 */
export class DesigneeFinder {
  private readonly found = new WeakMap<LinkingState, Found>();
  private readonly dated = new Map<string, Promise<LinkingState>>();

  constructor(
    private readonly readDecisions: () => Promise<StoredLinkDecision[]>,
    private readonly designees: MatchedDesignees,
  ) {}

  /** The designee of a record, with the pairs of it left for review. */
  designeeOf(state: LinkingState, id: string): Promise<{ designee: Designee; review: RecordLink[] }> {
    return this.designees.designeeOf(state, id);
  }

  /** A function giving each record's designee, for grouping a request's results. */
  resolver(state: LinkingState): Promise<(id: string) => Designee> {
    return this.designees.resolver(state);
  }

  /** The gap report as asked: on `state` (the served index) for the current versions, else on the versions of `at` and `since`. */
  async gapReport(state: LinkingState, store: Pick<Store, 'listVersions' | 'entities'>, request: GapRequest): Promise<GapReport> {
    return datedGapReport(store, {
      current: () => state,
      stateOf: (versions) => this.datedState(store, versions),
      reportOf: (at, asked) => this.report(at, asked),
    }, request);
  }

  private async report(state: LinkingState, request: { reference: string; collection?: string; against?: string[] }): Promise<GapReport> {
    const entry = await this.entry(state);
    const key = JSON.stringify([request.reference, request.collection ?? null, request.against ? [...new Set(request.against)].sort() : null]);
    let report = entry.reports.get(key);
    if (!report) {
      report = gapReport(state, { ...request, decisions: entry.decisions });
      if (entry.reports.size >= MAX_REPORTS) entry.reports.clear();
      entry.reports.set(key, report);
    }
    return report;
  }

  private datedState(store: Pick<Store, 'entities'>, versions: ListVersion[]): Promise<LinkingState> {
    const key = versions.map((v) => v.id).sort().join(' ');
    let state = this.dated.get(key);
    if (!state) {
      if (this.dated.size >= MAX_DATED_STATES) this.dated.delete(this.dated.keys().next().value!);
      state = linkingStateAt(store, versions);
      // A failed build is not kept: the next request tries again.
      state.catch(() => this.dated.delete(key));
      this.dated.set(key, state);
    }
    return state;
  }

  private async entry(state: LinkingState): Promise<Found> {
    const stored = await this.readDecisions();
    const stamp = decisionsStamp(stored);
    let entry = this.found.get(state);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, decisions: pairDecisions(stored), reports: new Map() };
      this.found.set(state, entry);
    }
    return entry;
  }
}

/** Record an analyst's word on two records, each of which a stored version must list (a typo is refused, never kept). */
export async function decideLink(store: Store, a: string, b: string, decision: LinkDecision, note: string, actor: string): Promise<StoredLinkDecision> {
  for (const id of [a, b]) if (id && !(await store.getEntity(id)).length) throw new NotFoundError(`record ${id}`, ': no stored version of any list holds it');
  return store.linkDecisions.decideLink(a, b, decision, note, actor);
}
