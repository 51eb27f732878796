import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvQuoteError, csvRecords } from './csv-records.js';

/** The oracle: csv-parse, with the options the OFAC parser used it with. */
function oracle(text: string): string[][] | 'error' {
  try {
    return parse(text, { relax_column_count: true, relax_quotes: true, bom: true });
  } catch {
    return 'error';
  }
}

function records(text: string): string[][] | 'error' {
  try {
    return [...csvRecords(text)];
  } catch (error) {
    if (error instanceof CsvQuoteError) return 'error';
    throw error;
  }
}

describe('csvRecords', () => {
  it('reads what csv-parse reads, quotes, line breaks and all', () => {
    for (const text of [
      '',
      'a,b\r\nc,d\r\n',
      '1,"Name, Inc.","say ""hi""",-0- \r\n\x1a',
      'a,b"c,"d\r\ne",f\r\n',
      '"abc"def,g\n"",x\n',
      'a\nb\r\nc\rd',
      'a\r\nb\nc\r\n',
      ',\r\n\r\n,,\r\n',
      '"unclosed,a\r\n',
      '"a"\r',
      'x,"y"z"w",v',
    ]) expect(records(text), JSON.stringify(text)).toEqual(oracle(text));
  });

  it('agrees with csv-parse on any text of commas, quotes and line breaks', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ' ', ',', '"', '\r', '\n', '\r\n', '\x1a', 'é'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (t) => {
      expect(records(t)).toEqual(oracle(t));
    }), { numRuns: 2000 });
  });

  it('leaves out the unfinished record of a text cut short', () => {
    expect([...csvRecords('a,b\r\nc,"d\r\ne', true)]).toEqual([['a', 'b']]);
    expect([...csvRecords('a,b\r\nc,d', true)]).toEqual([['a', 'b']]);
    expect([...csvRecords('a,b\r\nc,d\r', true)]).toEqual([['a', 'b']]);
  });
});
