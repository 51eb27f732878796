import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidDate, readDate } from './dates.js';

describe('readDate', () => {
  it('reads the usual formats into FtM dates', () => {
    expect(readDate('1984')).toEqual({ date: '1984' });
    expect(readDate('1984-01')).toEqual({ date: '1984-01' });
    expect(readDate('1984-01-08')).toEqual({ date: '1984-01-08' });
    expect(readDate('1984-01-08T00:00:00Z')).toEqual({ date: '1984-01-08' });
    expect(readDate('19840108')).toEqual({ date: '1984-01-08' });
    expect(readDate('1984/1/8')).toEqual({ date: '1984-01-08' });
    expect(readDate('25/12/1984')).toEqual({ date: '1984-12-25' });
    expect(readDate('12/25/1984')).toEqual({ date: '1984-12-25' });
    expect(readDate('05.05.1984')).toEqual({ date: '1984-05-05' });
    expect(readDate('8 Jan 1984')).toEqual({ date: '1984-01-08' });
    expect(readDate('08-Jan-1984')).toEqual({ date: '1984-01-08' });
    expect(readDate('January 8, 1984')).toEqual({ date: '1984-01-08' });
    expect(readDate('Sept. 1984')).toEqual({ date: '1984-09' });
  });

  it('keeps only the year of a date whose day could be its month, unless the order is given', () => {
    expect(readDate('08/01/1984')).toEqual({ date: '1984', warning: '"08/01/1984" could be 1984-01-08 or 1984-08-01: only the year 1984 is used; give the date format (DMY or MDY)' });
    expect(readDate('08/01/1984', 'DMY')).toEqual({ date: '1984-01-08' });
    expect(readDate('08/01/1984', 'MDY')).toEqual({ date: '1984-08-01' });
    expect(readDate('25/12/1984', 'MDY')).toEqual({ warning: '"25/12/1984" is not a date in the MDY order' });
  });

  it('refuses dates that do not exist, two-digit years and text, saying why', () => {
    for (const value of ['1984-13-45', '1984-02-30', '1983-02-29', '31/04/1984', '0000', '1984-00']) expect(readDate(value), value).toEqual({ warning: `"${value}" is not a date that exists` });
    expect(readDate('08/01/84').warning).toContain('two-digit year');
    expect(readDate('not-a-date').warning).toContain('cannot be read as a date');
    expect(readDate('8 Foo 1984').warning).toContain('"Foo" is not a month');
    expect(readDate('1984-02-29')).toEqual({ date: '1984-02-29' });
  });

  it('never throws, and any date it gives is one that exists', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.tuple(fc.nat(40), fc.nat(40), fc.nat(3000)).map(([a, b, y]) => `${a}/${b}/${y}`)), (value) => {
      const reading = readDate(value);
      expect(reading.date !== undefined || reading.warning !== undefined).toBe(true);
      if (reading.date) expect(isValidDate(reading.date), reading.date).toBe(true);
    }), { numRuns: 2000 });
  });
});
