import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedLines, sniffDelimiter } from './text-file.js';

async function lines(chunks: string[], max = 100): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for await (const { text, tooLong } of boundedLines((async function* () { yield* chunks; })(), max)) out.push(tooLong ? null : text);
  return out;
}

describe('boundedLines', () => {
  it('splits at LF, CRLF and a lone CR, across chunks as within them', async () => {
    expect(await lines(['a\r', '\nb\rc\n', '\r\nd'])).toEqual(['a', 'b', 'c', '', 'd']);
    expect(await lines(['a\n\nb\n'])).toEqual(['a', '', 'b']);
  });

  it('splits as readline does, for any text cut into any chunks', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', '\r', '\n', ' ')).map((c) => c.join('')), fc.array(fc.nat(40)), async (text, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
      const chunks = [0, ...points].map((from, i, all) => text.slice(from, all[i + 1] ?? text.length));
      const expected = text.split(/\r\n|\r|\n/);
      if (expected.at(-1) === '') expected.pop();
      expect(await lines(chunks)).toEqual(expected);
    }), { numRuns: 500 });
  });

  it('marks a line longer than the limit, keeping none of it, and reads on', async () => {
    expect(await lines(['ok\n', 'x'.repeat(60), 'x'.repeat(60), '\nafter'], 100)).toEqual(['ok', null, 'after']);
  });
});

describe('sniffDelimiter', () => {
  it('takes the delimiter that splits the header into the most fields the rows agree with', () => {
    expect(sniffDelimiter('id;name;country\n1;García, José;ES\n2;Kim;KP\n')).toBe(';');
    expect(sniffDelimiter('id\tname\n1\tKim, Jong Un\n')).toBe('\t');
    expect(sniffDelimiter('id|name\n1|Kim\n')).toBe('|');
    expect(sniffDelimiter('id,name\n1,Kim\n')).toBe(',');
    expect(sniffDelimiter('name\nKim Jong Un\n')).toBe(',');
  });
});
