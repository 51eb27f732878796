/**
 * The answer a check of people gives (a traveller against the travel ban, a worker against the
 * workers ban): one line a person, its verdict, and the findings it rests on, each naming its
 * basis, the listed record it is about and the exemption that applies or fails.
 *
 * @example { id: 't1', verdict: 'denied', findings: [{ kind: 'travel_ban', basis: 'UNSCR 1718 (2006) OP8(e); UN list KPi.037', entity: 'un_sc-KPi.037', exemption: null, status: 'verified', detail: '...' }] }
 */

/** Whether a finding rests on verified facts only, or on facts the reference marks partially verified or unverified (screening policy, not law). */
export type FindingStatus = 'verified' | 'partially_verified' | 'unverified';

/** A finding of a check on a person. */
export interface PersonFinding {
  /** What was found: `travel_ban` (a designee under a ban), `possible_match` (a designee below the threshold, for review), or a check's own kinds. */
  kind: string;
  /** What this finding alone makes of the person (one of the check's verdicts). */
  verdict: string;
  /** The legal basis, as cited (resolution and paragraph, list and reference). */
  basis: string;
  /** The listed record's id, or null where none is involved. */
  entity: string | null;
  /** The exemption that applies, or the one(s) that exist and do not (then `reasons` says why); null where none exists. */
  exemption: string | null;
  status: FindingStatus;
  /** The finding in words. */
  detail: string;
  /** The listed record's name, the match score and the matcher's explanation. */
  caption?: string;
  score?: number;
  explanation?: unknown;
  /** Why an existing exemption does not apply (out of its dates, a country not covered, another person). */
  reasons?: string[];
}

/**
 * One person's answer. `V` is the check's verdicts (travel: denied, allowed_by_exemption,
 * review, clear; workers: prohibited, review, clear).
 */
export interface PersonAnswer<V extends string = string> {
  id: string;
  verdict: V;
  findings: PersonFinding[];
}

/** The weaker of two statuses: a finding resting on a partially verified fact is partially verified. */
export function weakerStatus(a: FindingStatus, b: FindingStatus): FindingStatus {
  const order: FindingStatus[] = ['unverified', 'partially_verified', 'verified'];
  return order.indexOf(a) <= order.indexOf(b) ? a : b;
}

/** The worst of verdicts by an order, worst first (the last, the all-clear, when there is none). */
export function worstVerdict<V extends string>(verdicts: V[], order: readonly V[]): V {
  let worst = order.length - 1;
  for (const v of verdicts) worst = Math.min(worst, order.indexOf(v));
  return order[worst]!;
}
