import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { statusOnConfirmation, statusOnDecision, type AlertStatus, type ReviewedAlert } from './alert-review.js';

const alert = (status: AlertStatus, overrides: Partial<ReviewedAlert> = {}): ReviewedAlert => ({ id: 7, status, score: 0.8, decision: null, ...overrides });
const ON = { on: true, clearScore: 0.9 };
const OFF = { on: false, clearScore: 0.9 };

describe('statusOnDecision', () => {
  it('takes the decision itself with the four-eyes rule off', () => {
    expect(statusOnDecision(alert('open'), 'true_match', OFF)).toBe('true_match');
    expect(statusOnDecision(alert('open', { score: 1 }), 'false_positive', OFF)).toBe('false_positive');
  });

  it('waits for a second analyst on a true match, or on clearing a score at or above the clearing score, with the rule on', () => {
    expect(statusOnDecision(alert('open'), 'true_match', ON)).toBe('confirming');
    expect(statusOnDecision(alert('open', { score: 0.9 }), 'false_positive', ON)).toBe('confirming');
    expect(statusOnDecision(alert('open', { score: 0.89 }), 'false_positive', ON)).toBe('false_positive');
  });

  it('refuses to decide an alert that is not open', () => {
    for (const status of ['confirming', 'true_match', 'false_positive', 'closed'] as const) {
      expect(() => statusOnDecision(alert(status), 'true_match', OFF), status).toThrow(`alert 7 is ${status}, not open`);
    }
  });

  it('refuses a decision that is neither of the two, with its code', () => {
    let error: unknown;
    try {
      statusOnDecision(alert('open'), 'closed' as never, OFF);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'INVALID_DECISION', status: 400 });
  });
});

describe('statusOnConfirmation', () => {
  it('gives the decision the alert waited with, a true match when none was recorded', () => {
    expect(statusOnConfirmation(alert('confirming', { decision: 'false_positive' }))).toBe('false_positive');
    expect(statusOnConfirmation(alert('confirming', { decision: 'true_match' }))).toBe('true_match');
    expect(statusOnConfirmation(alert('confirming'))).toBe('true_match');
  });

  it('refuses an alert not awaiting confirmation', () => {
    for (const status of ['open', 'true_match', 'false_positive', 'closed'] as const) {
      expect(() => statusOnConfirmation(alert(status, { decision: 'true_match' })), status).toThrow(expect.objectContaining({ code: 'ALERT_NOT_CONFIRMING' }));
    }
  });
});
