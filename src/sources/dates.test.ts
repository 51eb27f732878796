import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelSerialToIso, parseDates, yearRange } from './dates.js';

describe('parseDates', () => {
  it.each([
    ['1964-01-10', ['1964-01-10']],
    ['2020-12-01T19:08:54.997-05:00', ['2020-12-01']],
    ['07 Jan 1930', ['1930-01-07']],
    ['13 Oct. 1944', ['1944-10-13']],
    ['circa 1947', ['1947']],
    ['Jan 1963', ['1963-01']],
    ['1961 to 1963', ['1961', '1962', '1963']],
    ['a) Approximately 1955- 1958 b) Approximately 1945-1950', ['1955', '1956', '1957', '1958', '1945', '1946', '1947', '1948', '1949', '1950']],
    ['12/18/2025', ['2025-12-18']],
    ['31 Feb 1970', []],
    ['', []],
  ])('%s', (text, expected) => {
    expect(parseDates(text)).toEqual(expected);
  });

  it('never throws and returns only valid ISO prefixes', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      for (const date of parseDates(text)) expect(date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }));
  });
});

describe('yearRange', () => {
  it('lists every year of a short span and the ends of a long one', () => {
    expect(yearRange(1964, 1962)).toEqual(['1962', '1963', '1964']);
    expect(yearRange(1900, 1950)).toEqual(['1900', '1950']);
  });
});

describe('excelSerialToIso', () => {
  it('converts the 1900 date system', () => {
    expect(excelSerialToIso(41988)).toBe('2014-12-15');
    expect(excelSerialToIso(0)).toBeUndefined();
  });
});
