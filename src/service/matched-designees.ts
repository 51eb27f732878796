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
  /** Once every record of the state is linked (`linkAll`): each record's pairs left for review. */
  review?: Map<string, RecordLink[]>;
  /** Linking every record, while it runs. */
  linkingAll?: Promise<void>;
}

/**
 * The designees of the records a re-screening matched, found many at a time: one linking from
 * every record a chunk of parties matched (each record's look-ups made once for all of them,
 * where one linking a record repeats its neighbours'), kept per screening state and analysts'
 * decisions (read at each call), so that a record met again in a later chunk or run is not
 * linked again. A designee is the one `DesigneeFinder` gives for any of its records: linking
 * follows every link from each record until no record is added.
 */
export class MatchedDesignees {
  private readonly found = new WeakMap<LinkingState, Found>();

  constructor(private readonly readDecisions: () => Promise<StoredLinkDecision[]>) {}

  /** A function giving the designee of each of `ids` (records of `state`), after linking those not yet known. */
  async resolve(state: LinkingState, ids: Iterable<string>): Promise<(id: string) => Designee> {
    const entry = await this.entry(state);
    const unknown = [...new Set(ids)].filter((id) => !entry.designees.has(id) && state.entities.has(id));
    if (unknown.length) {
      const { designees } = linkRecords(state.index, state.entities, { seeds: unknown, decisions: entry.decisions });
      for (const designee of designees) for (const member of designee.members) entry.designees.set(member, designee);
    }
    return (id) => {
      const designee = entry.designees.get(id);
      if (!designee) throw new Error(`record ${id} was not among the records linked`);
      return designee;
    };
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
    if (entry.review) return;
    entry.linkingAll ??= linkRecordsInParallel(state.index, state.entities, { decisions: entry.decisions, answerHere: false, signal }).then(
      ({ designees, review }) => {
        for (const designee of designees) for (const member of designee.members) entry.designees.set(member, designee);
        const reviewOf = new Map<string, RecordLink[]>();
        for (const link of review) for (const id of link.ids) reviewOf.set(id, [...(reviewOf.get(id) ?? []), link]);
        entry.review = reviewOf;
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
    const designee = entry?.review && entry.stamp === stamp ? entry.designees.get(id) : undefined;
    if (!designee) return undefined;
    const seen = new Set<string>();
    const review = designee.members.flatMap((m) => entry!.review!.get(m) ?? []).filter((l) => !seen.has(l.ids.join(' ')) && Boolean(seen.add(l.ids.join(' '))));
    return { designee, review };
  }

  private async entry(state: LinkingState): Promise<Found> {
    const stored = await this.readDecisions();
    const stamp = decisionsStamp(stored);
    let entry = this.found.get(state);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, decisions: pairDecisions(stored), designees: new Map() };
      this.found.set(state, entry);
    }
    return entry;
  }
}

const BY_STORE = new WeakMap<Store, MatchedDesignees>();

/** The store's: re-screenings and batch screenings over one screening state link each record once. */
export function matchedDesigneesOf(store: Store): MatchedDesignees {
  let designees = BY_STORE.get(store);
  if (!designees) BY_STORE.set(store, (designees = new MatchedDesignees(() => store.linkDecisions.linkDecisions())));
  return designees;
}
