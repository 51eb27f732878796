// An article's text cut into tokens with their character offsets: words (with the apostrophes,
// hyphens and inner dots of `Kim Jong-un's`, `U.S.`, `O'Brien`), runs of Hangul or Han
// characters, numbers, and single marks of punctuation; paragraph breaks are tokens too, since
// no name or role runs across them.

export type TokenKind = 'word' | 'number' | 'hangul' | 'han' | 'punct' | 'break';

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** A word written with a capital first letter, or a Hangul or Han run. */
  capital: boolean;
  /** Lower-case, with typographic apostrophes made plain. */
  lower: string;
}

/** Abbreviations written with a full stop that does not end a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'co', 'corp', 'ltd', 'inc', 'gen', 'lt', 'col', 'capt', 'adm', 'sen', 'rep', 'gov', 'amb', 'no', 'vs', 'mt', 'mv', 'pte', 'pty', 'bhd', 'sdn', 'llc', 'plc', 'jsc', 'bros', 'intl', 'assn', 'dept', 'govt']);

const TOKEN = /(\n\s*\n)|(\p{Script=Hangul}+)|(\p{Script=Han}+)|((?:\p{Lu}\.){2,})|([\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’\-.&/][\p{L}\p{M}\p{N}]+)*)|(\p{N}+(?:[.,:/-]\p{N}+)*)|(\S)/gu;

/** The tokens of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = new RegExp(TOKEN.source, TOKEN.flags);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index;
    let value = m[0];
    let kind: TokenKind;
    if (m[1]) kind = 'break';
    else if (m[2]) kind = 'hangul';
    else if (m[3]) kind = 'han';
    else if (m[4]) kind = 'word';
    else if (m[5]) {
      kind = 'word';
      // `Mr.` and `Co.` keep their stop; a sentence's last word does not.
      if (text[start + value.length] === '.' && ABBREVIATIONS.has(value.toLowerCase())) {
        value += '.';
        pattern.lastIndex++;
      }
    } else if (m[6]) kind = 'number';
    else kind = 'punct';
    const lower = value.toLowerCase().replace(/’/g, "'");
    const capital = kind === 'hangul' || kind === 'han' || (kind === 'word' && /^\p{Lu}/u.test(value));
    tokens.push({ text: value, start, end: start + value.length, kind, capital, lower });
  }
  return tokens;
}

/** Whether a word ends in a possessive `'s` (or a plural's `s'`). */
export function possessive(token: Token): boolean {
  return token.kind === 'word' && /['’]s$|s['’]$/iu.test(token.text);
}

/** A word without its possessive ending: `Kono's` is `Kono`. */
export function withoutPossessive(text: string): string {
  return text.replace(/['’]s$/iu, '').replace(/(s)['’]$/iu, '$1');
}

/** Whether a punctuation token ends a sentence or a clause, so that no name or role runs across it. */
export function boundary(token: Token): boolean {
  return token.kind === 'break' || (token.kind === 'punct' && token.text !== '-' && token.text !== '&');
}
