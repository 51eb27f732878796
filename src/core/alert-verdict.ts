/**
 * Whether a match calls for a new alert, given the newest alert of its party on any record of the
 * designee matched: the de-duplication rule of monitoring, as a pure function. `designationsHash`
 * is the hash of the designations of the records that alert was raised on, as they are now.
 *
 * - no alert yet, or the last one closed (delisted): `new`;
 * - the last one decided a false positive: `suppressed` while neither the party nor those
 *   designations changed, else `new` (a changed record is judged again);
 * - otherwise `unchanged` when party, designations and score are all as they were, else `new`.
 */
export type AlertVerdict = 'new' | 'unchanged' | 'suppressed';

/** What the rule reads of the last alert. */
export interface LastAlert {
  status: string;
  partyHash: string;
  designationsHash: string;
  score: number;
}

export function alertVerdict(last: LastAlert | undefined, partyHash: string, designationsHash: string, score: number): AlertVerdict {
  if (!last || last.status === 'closed') return 'new';
  const same = last.partyHash === partyHash && last.designationsHash === designationsHash;
  if (last.status === 'false_positive') return same ? 'suppressed' : 'new';
  return same && last.score === score ? 'unchanged' : 'new';
}
