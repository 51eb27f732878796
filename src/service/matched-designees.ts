import { linkRecords, type Designee, type PairDecision, type RecordLink } from '../core/linking.js';
import type { Store } from '../store/index.js';
import type { StoredLinkDecision } from '../store/link-decisions.js';
import { decisionsStamp, pairDecisions, type LinkingState } from './designees.js';
import { linkRecordsInParallel } from './link-workers.js';

interface Found {
  /** The decisions the designees were found under: a new decision starts afresh. */
  stamp: string;
  decisions: PairDecision[];
  /** Each record's designee, by the id of every record of it. */
  designees: Map<string, Designee>;
  /** The pairs left for review, by the id of each record of them (of every record linked so far). */
  review: Map<string, RecordLink[]>;
  /** Whether every record of the state is linked (`linkAll`). */
  complete: boolean;
  /** Linking every record, while it runs. */
  linkingAll?: Promise<void>;
}

/**
 * Each record's designee, kept per screening state and analysts' decisions (read at each call:
 * a decision made since starts afresh), so that a record is linked once: for a re-screening's
 * or a batch's matches, many at a time (one linking from every record a chunk matched, each
 * record's look-ups made once for all of them); for a request (`/designees`, `group=designee`),
 * when first asked; for a server's new index, every record at once in worker threads
 * (`linkAll`). A designee is the same whichever of its records it is found from: linking follows
 * every link from each record until no record is added.
 */
export class MatchedDesignees {
  private readonly found = new WeakMap<LinkingState, Found>();

  constructor(private readonly readDecisions: () => Promise<StoredLinkDecision[]>) {}

  /** A function giving the designee of each of `ids` (records of `state`), after linking those not yet known. */
  async resolve(state: LinkingState, ids: Iterable<string>): Promise<(id: string) => Designee> {
    const entry = await this.entry(state);
    link(entry, state, [...new Set(ids)]);
    return (id) => {
      const designee = entry.designees.get(id);
      if (!designee) throw new Error(`record ${id} was not among the records linked`);
      return designee;
    };
  }

  /** A function giving any record's designee, linking it when first asked (for grouping a request's results). */
  async resolver(state: LinkingState): Promise<(id: string) => Designee> {
    const entry = await this.entry(state);
    return (id) => designeeIn(entry, state, id).designee;
  }

  /** The designee of a record, with the pairs of it left for review. */
  async designeeOf(state: LinkingState, id: string): Promise<{ designee: Designee; review: RecordLink[] }> {
    return designeeIn(await this.entry(state), state, id);
  }

  /**
   * Link every record of `state` at once, its link queries in worker threads (this thread stays
   * free for requests), so that any record's designee is then known without linking: a server
   * does it for each new index. Resolves when done (at once when done already); a call while it
   * runs shares the run. A decision made meanwhile leaves the result unused: the next call
   * links again under the new decisions.
   */
  async linkAll(state: LinkingState, signal?: AbortSignal): Promise<void> {
    const entry = await this.entry(state);
    if (entry.complete) return;
    entry.linkingAll ??= linkRecordsInParallel(state.index, state.entities, { decisions: entry.decisions, answerHere: false, signal }).then(
      (linked) => {
        keep(entry, linked);
        entry.complete = true;
      },
      (error: unknown) => {
        entry.linkingAll = undefined;
        throw error;
      },
    );
    return entry.linkingAll;
  }

  /**
   * A record's designee and its pairs left for review, when every record of `state` is linked
   * under the decisions of `stamp`; undefined otherwise.
   */
  linked(state: LinkingState, stamp: string, id: string): { designee: Designee; review: RecordLink[] } | undefined {
    const entry = this.found.get(state);
    return entry?.complete && entry.stamp === stamp && entry.designees.has(id) ? designeeIn(entry, state, id) : undefined;
  }

  private async entry(state: LinkingState): Promise<Found> {
    const stored = await this.readDecisions();
    const stamp = decisionsStamp(stored);
    let entry = this.found.get(state);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, decisions: pairDecisions(stored), designees: new Map(), review: new Map(), complete: false };
      this.found.set(state, entry);
    }
    return entry;
  }
}

/** Link the records of `ids` not yet known (those `state` holds), in one linking. */
function link(entry: Found, state: LinkingState, ids: string[]): void {
  const unknown = ids.filter((id) => !entry.designees.has(id) && state.entities.has(id));
  if (unknown.length) keep(entry, linkRecords(state.index, state.entities, { seeds: unknown, decisions: entry.decisions }));
}

/** Keep what a linking found: each member's designee, each record's pairs for review. */
function keep(entry: Found, { designees, review }: { designees: Designee[]; review: RecordLink[] }): void {
  for (const designee of designees) for (const member of designee.members) entry.designees.set(member, designee);
  for (const link of review) {
    for (const id of link.ids) {
      const held = entry.review.get(id) ?? [];
      if (!held.some((h) => h.ids[0] === link.ids[0] && h.ids[1] === link.ids[1])) held.push(link);
      entry.review.set(id, held);
    }
  }
}

/** A record's designee (linked when not yet known) with the pairs of its members left for review. */
function designeeIn(entry: Found, state: LinkingState, id: string): { designee: Designee; review: RecordLink[] } {
  link(entry, state, [id]);
  const designee = entry.designees.get(id);
  if (!designee) throw new Error(`record ${id} is not a record of the screening state`);
  const review = [...new Set(designee.members.flatMap((m) => entry.review.get(m) ?? []))];
  // As linking orders them: strongest first, then by ids.
  review.sort((a, b) => b.confidence - a.confidence || (a.ids.join(' ') < b.ids.join(' ') ? -1 : 1));
  return { designee, review };
}

const BY_STORE = new WeakMap<Store, MatchedDesignees>();

/** The store's: re-screenings and batch screenings over one screening state link each record once. */
export function matchedDesigneesOf(store: Store): MatchedDesignees {
  let designees = BY_STORE.get(store);
  if (!designees) BY_STORE.set(store, (designees = new MatchedDesignees(() => store.linkDecisions.linkDecisions())));
  return designees;
}
