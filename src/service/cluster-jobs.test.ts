import { describe, expect, it } from 'vitest';
import { queueLostConnection } from './cluster-jobs.js';

describe('queueLostConnection', () => {
  const lost = (code: string, stack: string) => Object.assign(new Error('terminating connection due to administrator command'), { code, stack });

  it('tells the queue\'s completion lost with its connection from any other failure', () => {
    expect(queueLostConnection(lost('57P01', 'error: terminating\n    at async Db.executeSql (/app/node_modules/pg-boss/src/db.js:42:14)\n    at async Manager.fail (/app/node_modules/pg-boss/src/manager.js:493:20)'))).toBe(true);
    // Lost, but not the queue's: our own code's failures are never swallowed.
    expect(queueLostConnection(lost('57P01', 'error: terminating\n    at async Store.answer (/app/dist/store/batch-jobs.js:10:3)'))).toBe(false);
    // The queue's, but not a lost connection.
    expect(queueLostConnection(lost('23505', 'error: duplicate key\n    at async Manager.fail (/app/node_modules/pg-boss/src/manager.js:493:20)'))).toBe(false);
    expect(queueLostConnection(undefined)).toBe(false);
    expect(queueLostConnection('text')).toBe(false);
  });
});
