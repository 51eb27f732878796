/**
 * Numbers written as words, as ordinals or in Roman numerals, read as digits in the names of
 * organizations and vessels, so that Second Economic Committee meets 2nd Economic Committee and
 * Office Thirty-Nine meets Office 39; numbers in names must then agree (Ocean Star 3 is not
 * Ocean Star 5). People's names keep their words: First, Said and Sami are names too.
 */

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const UNIT_ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TEN_ORDINALS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

/** Each number word with its value, and whether it is a ten (which a unit may follow: thirty nine). */
const WORDS = new Map<string, { value: number; ten: boolean }>();
UNITS.forEach((word, value) => WORDS.set(word, { value, ten: false }));
UNIT_ORDINALS.forEach((word, value) => WORDS.set(word, { value, ten: false }));
TENS.forEach((word, i) => word && WORDS.set(word, { value: i * 10, ten: true }));
TEN_ORDINALS.forEach((word, i) => word && WORDS.set(word, { value: i * 10, ten: true }));
WORDS.set('fourty', { value: 40, ten: true });

const HUNDRED = new Set(['hundred', 'hundredth']);

/**
 * Roman numerals read as numbers: II to XX, but for XI (a Chinese surname) and lone letters
 * (initials, what is left of a legal form), and never as the name's first word (IV Holdings).
 */
const ROMAN = new Map<string, number>(['ii', 'iii', 'iv', 'vi', 'vii', 'viii', 'ix', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'].map((word) => [word, romanValue(word)]));

/** I, V and X stand for numbers at the end of a name (Rung Ra I, South Hill V); elsewhere they are initials or words. */
const LAST_ROMAN = new Map([['i', 1], ['v', 5], ['x', 10]]);
const NUMBER_SIGNS = new Set(['no', 'nr', 'number', 'num']);

function romanValue(word: string): number {
  const digit: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let i = 0; i < word.length; i++) {
    const value = digit[word[i]!]!;
    const next = digit[word[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const ORDINAL_DIGITS = /^(\d+)(?:st|nd|rd|th)$/;

/**
 * The words of an organization's or vessel's name with its numbers as digits: 2nd → 2,
 * thirty nine → 39, one hundred twenty one → 121, III → 3 (not first).
 *
 * @example numbersAsDigits(['office', 'thirty', 'nine']) // ['office', '39']
 */
export function numbersAsDigits(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const ordinal = ORDINAL_DIGITS.exec(word);
    if (ordinal) {
      out.push(String(Number(ordinal[1])));
      continue;
    }
    // A number's sign before it (No. 39, Number 39, #39 once # is gone) says nothing more.
    if (NUMBER_SIGNS.has(word) && i + 1 < words.length && (/^\d/.test(words[i + 1]!) || WORDS.has(words[i + 1]!))) continue;
    if (i > 0 && (ROMAN.has(word) || (i === words.length - 1 && LAST_ROMAN.has(word)))) {
      out.push(String(ROMAN.get(word) ?? LAST_ROMAN.get(word)));
      continue;
    }
    const read = readNumber(words, i);
    if (read) {
      out.push(String(read.value));
      i = read.end - 1;
      continue;
    }
    out.push(word);
  }
  return out;
}

/** A number written in words from position `start`: its value and where it ends; undefined when none starts there. */
function readNumber(words: string[], start: number): { value: number; end: number } | undefined {
  let i = start;
  let value = 0;
  let group = 0;
  let any = false;
  while (i < words.length) {
    const word = words[i]!;
    const known = WORDS.get(word);
    if (known) {
      // A unit after a unit (one two) is two numbers; a ten after a unit or a ten likewise.
      if (any && group % 100 !== 0 && (known.ten || group % 10 !== 0 || !WORDS.get(words[i - 1]!)?.ten)) break;
      group += known.value;
      any = true;
      i++;
      continue;
    }
    if (any && HUNDRED.has(word) && group > 0 && group < 10) {
      group *= 100;
      i++;
      continue;
    }
    // "and" inside a number (one hundred and five) when a number word follows.
    if (any && word === 'and' && group % 100 === 0 && group > 0 && WORDS.has(words[i + 1] ?? '')) {
      i++;
      continue;
    }
    break;
  }
  value += group;
  return any ? { value, end: i } : undefined;
}
