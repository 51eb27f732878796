import { describe, expect, it } from 'vitest';
import { readCheckDate, readWorker } from './worker.js';

const BASE = { id: 'w1', name: 'Kim Chol Su', nationality: 'KP', permit_issued: '2016-05-01', permit_expires: '2020-05-01', country: 'RU' };

describe('readWorker', () => {
  it('reads countries by code or name, and yes or no as a spreadsheet writes them', () => {
    expect(readWorker({ ...BASE, nationality: 'North Korea', country: 'Russia', return_prohibited: 'Yes' }, 'x')).toMatchObject({ nationality: 'KP', country: 'RU', return_prohibited: true });
    expect(readWorker({ ...BASE, id: undefined }, 'workers.csv line 3').id).toBe('workers.csv line 3');
  });

  it('names the worker and the field of a bad date, a permit expiring before its issue, an unknown country or field', () => {
    const refused = (changes: Record<string, unknown>) => () => readWorker({ ...BASE, ...changes }, 'workers.jsonl line 2');
    expect(refused({ permit_issued: '2016-02-30' })).toThrow('worker w1 (workers.jsonl line 2): permit_issued: "2016-02-30" is not a date YYYY-MM-DD');
    expect(refused({ permit_expires: '2015-01-01' })).toThrow('worker w1 (workers.jsonl line 2): permit_expires: 2015-01-01 is before permit_issued 2016-05-01');
    expect(refused({ country: 'XX' })).toThrow('country: "XX" is not a country');
    expect(refused({ birthDate: '1985-13' })).toThrow('birthDate: "1985-13" is not a date');
    expect(refused({ salary: 1 })).toThrow('"salary" is not a field a worker record takes');
    expect(refused({ return_prohibited: 'perhaps' })).toThrow('return_prohibited: "perhaps" is not yes or no');
    expect(refused({ name: undefined, id: undefined })).toThrow(/^worker at workers\.jsonl line 2: name: /);
    try {
      refused({ country: 'XX' })();
    } catch (error) {
      expect((error as { code: string }).code).toBe('INVALID_WORKER');
    }
  });
});

describe('readCheckDate', () => {
  it('takes a day and refuses anything else, naming where it was given', () => {
    expect(readCheckDate(' 2019-12-22 ', '--on')).toBe('2019-12-22');
    expect(() => readCheckDate('2019-12', '--on', 'BAD_OPTION')).toThrow('--on: "2019-12" is not a date YYYY-MM-DD');
    expect(() => readCheckDate('2019-02-29', 'on')).toThrow('on: "2019-02-29"');
  });
});
