// The four-eyes rule: a true match is confirmed by a second person. Actors are strings in the
// audit trail's form (`cli:ana`, `cli:ops (ana)`, `key:key_3f9a (ben)`); a key counts as its
// holder's and as its maker's, since whoever made a key may have kept it.

/** Who acts: the actor, and for an API key the actor who made it. */
export interface Actor {
  actor: string;
  keyMaker?: string | null;
}

/** The person an actor string names, without the label beside it (`cli:ops (ana)` is cli:ops). */
export function personOf(actor: string): string {
  return actor.replace(/\s+\(.*\)$/, '');
}

/**
 * Why a confirmation is not a second person's, or undefined when it is: the same person, or one
 * of them the maker of the other's key.
 *
 * @example notSecondPerson({ actor: 'cli:root' }, { actor: 'key:k1 (bob)', keyMaker: 'cli:root' }) // 'the key k1 ... was made by cli:root, who decided'
 */
export function notSecondPerson(decider: Actor, confirmer: Actor): string | undefined {
  const decided = personOf(decider.actor);
  const confirming = personOf(confirmer.actor);
  if (decided === confirming) return `${confirming} decided it`;
  if (confirmer.keyMaker && personOf(confirmer.keyMaker) === decided) return `the key of ${confirming} was made by ${decided}, who decided it`;
  if (decider.keyMaker && personOf(decider.keyMaker) === confirming) return `the key of ${decided}, who decided it, was made by ${confirming}`;
  return undefined;
}

/** The four-eyes settings: on or off, and the score from which clearing an alert needs two people too. */
export interface FourEyesRule {
  on: boolean;
  /** A false positive scoring at least this needs a second analyst (default 0.9). */
  clearScore: number;
}

/** The score from which clearing an alert needs a second analyst, when the rule is on and no setting says otherwise. */
export const DEFAULT_CLEAR_SCORE = 0.9;

/**
 * Whether a decision waits for a second analyst: with the rule on, a true match always, and a
 * false positive when the alert scores at or above the rule's clearing score (one analyst alone
 * must not clear a near-certain hit).
 */
export function needsSecondPerson(rule: FourEyesRule, decision: 'true_match' | 'false_positive', score: number): boolean {
  if (!rule.on) return false;
  return decision === 'true_match' || score >= rule.clearScore;
}
