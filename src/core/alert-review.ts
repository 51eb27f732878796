import { InputError } from './errors.js';
import { needsSecondPerson, type FourEyesRule } from './four-eyes.js';

/**
 * Where an alert stands in its review: `open` until an analyst decides it; `confirming` while
 * the decision waits for a second analyst (the four-eyes rule); `true_match` or
 * `false_positive` once decided; `closed` when, before it was decided, no current list carried
 * any record of its designee any more.
 *
 * @example 'confirming'
 */
export type AlertStatus = 'open' | 'confirming' | 'true_match' | 'false_positive' | 'closed';
export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'confirming', 'true_match', 'false_positive', 'closed'];

/** An analyst's decision on an alert. @example 'false_positive' */
export type Decision = 'true_match' | 'false_positive';
export const DECISIONS: readonly Decision[] = ['true_match', 'false_positive'];

/** Alerts still waiting for a decision: closed, with a note, when no list carries any record of their designee. */
export const UNDECIDED_STATUSES: readonly AlertStatus[] = ['open', 'confirming'];

/** What the review rules read of an alert. */
export interface ReviewedAlert {
  id: number;
  status: AlertStatus;
  score: number;
  /** The decision taken, or awaiting its confirmation. */
  decision: Decision | null;
}

/**
 * The status an open alert takes when decided: the decision itself, or `confirming` when the
 * four-eyes rule asks for a second analyst. Refused for an alert that is not open, and for a
 * decision that is neither of the two.
 *
 * @example statusOnDecision({ id: 7, status: 'open', score: 0.95, decision: null }, 'true_match', { on: true, clearScore: 0.9 }) // 'confirming'
 */
export function statusOnDecision(alert: ReviewedAlert, decision: Decision, rule: FourEyesRule): AlertStatus {
  if (!DECISIONS.includes(decision)) throw new InputError('INVALID_DECISION', `alert ${alert.id}: the decision is true_match or false_positive, not ${JSON.stringify(decision)}`);
  if (alert.status !== 'open') throw new InputError('ALERT_DECIDED', `alert ${alert.id} is ${alert.status}, not open`);
  return needsSecondPerson(rule, decision, alert.score) ? 'confirming' : decision;
}

/**
 * The status an alert awaiting confirmation takes when a second analyst confirms it: the
 * decision it waited with. Refused for an alert not awaiting one. Whether the confirmer is a
 * second person is `notSecondPerson`'s to say.
 */
export function statusOnConfirmation(alert: ReviewedAlert): Decision {
  if (alert.status !== 'confirming') throw new InputError('ALERT_NOT_CONFIRMING', `alert ${alert.id} is ${alert.status}, not awaiting confirmation`);
  // A confirming alert without a recorded decision awaits a true match, as migration 008 reads it.
  return alert.decision ?? 'true_match';
}
