import { linkRecords, type Designee, type PairDecision } from '../core/linking.js';
import type { Store } from '../store/index.js';
import type { StoredLinkDecision } from '../store/link-decisions.js';
import { pairDecisions, type LinkingState } from './designees.js';

interface Found {
  /** The decisions the designees were found under: a new decision starts afresh. */
  stamp: string;
  decisions: PairDecision[];
  /** Each record's designee, by the id of every record of it. */
  designees: Map<string, Designee>;
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

  private async entry(state: LinkingState): Promise<Found> {
    const stored = await this.readDecisions();
    const stamp = `${stored.length}:${Math.max(0, ...stored.map((d) => d.id))}`;
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
