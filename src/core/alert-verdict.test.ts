import { describe, expect, it } from 'vitest';
import { alertVerdict, type LastAlert } from './alert-verdict.js';

const last = (status: string, overrides: Partial<LastAlert> = {}): LastAlert => ({ status, partyHash: 'p1', designationsHash: 'd1', score: 0.9, ...overrides });

describe('alertVerdict (monitoring\'s de-duplication)', () => {
  it('raises a first alert, and one after a closed (delisted) one', () => {
    expect(alertVerdict(undefined, 'p1', 'd1', 0.9)).toBe('new');
    expect(alertVerdict(last('closed'), 'p1', 'd1', 0.9)).toBe('new');
  });

  it('keeps a decided false positive quiet until the party or the designations change, whatever the score', () => {
    expect(alertVerdict(last('false_positive'), 'p1', 'd1', 0.95)).toBe('suppressed');
    expect(alertVerdict(last('false_positive'), 'p2', 'd1', 0.9)).toBe('new');
    expect(alertVerdict(last('false_positive'), 'p1', 'd2', 0.9)).toBe('new');
  });

  it('raises no second alert for the same party, designations and score; a change in any raises one', () => {
    for (const status of ['open', 'true_match', 'confirming']) {
      expect(alertVerdict(last(status), 'p1', 'd1', 0.9), status).toBe('unchanged');
      expect(alertVerdict(last(status), 'p1', 'd1', 0.91), status).toBe('new');
      expect(alertVerdict(last(status), 'p2', 'd1', 0.9), status).toBe('new');
      expect(alertVerdict(last(status), 'p1', 'd2', 0.9), status).toBe('new');
    }
  });
});
