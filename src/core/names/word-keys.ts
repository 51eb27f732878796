import type { NameToken } from './tokens.js';
import { formalNames } from './variants.js';

/**
 * Retrieval keys of words: each word's Korean key (which folds romanization variants), its
 * consonant skeleton (vowels are where transliterations of Arabic and other scripts disagree
 * most: Hussein/Husain, Usama/Osama) and the one-deletion neighbourhood of its written form and
 * of its key. Two words are neighbours when they share a key; only neighbours are compared by
 * the scorer, so that the index finds every pair the scorer can make.
 */

const MIN_DELETION_LENGTH = 4;

export function deletions(key: string): string[] {
  if (key.length < MIN_DELETION_LENGTH) return [];
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) out.add(key.slice(0, i) + key.slice(i + 1));
  return [...out];
}

/**
 * Keys of a token: its Korean key (romanization variants meet there), then one deletion space
 * holding its written form, its key, its transliteration form and their one-deletion
 * neighbourhoods (typos meet there, in writing or after romanization or transliteration
 * folding). A three-letter form or key joins the deletion space unchanged, so that a
 * four-letter one a deletion away (nurk → nur) finds it.
 */
function keysOf(key: string, text: string): string[] {
  const memo = `${text}\u0000${key}`;
  let keys = KEYS.get(memo);
  if (!keys) {
    keys = computeKeys(key, text);
    // Names repeat their words: a bounded memo saves most of the work when indexing.
    if (KEYS.size >= MAX_MEMO) KEYS.clear();
    KEYS.set(memo, keys);
  }
  return keys;
}

const KEYS = new Map<string, string[]>();
const MAX_MEMO = 200_000;

function computeKeys(key: string, text: string): string[] {
  const space = new Set<string>();
  for (const form of key === text ? [key] : [key, text]) {
    if (form.length >= MIN_DELETION_LENGTH - 1) space.add(form);
    for (const d of deletions(form)) space.add(d);
  }
  // The transliteration form (Aleksandr meets Alexander there), with its neighbourhood unless
  // folding only wrote doubled letters once: the written form's deletions hold that one already.
  const folded = transliterationForm(text);
  if (folded !== text && folded !== key) {
    space.add(folded);
    if (folded !== text.replace(/(.)\1+/g, '$1')) for (const d of deletions(folded)) space.add(d);
  }
  const keys = [`k:${key}`, ...[...space].map((d) => `d:${d}`)];
  // A short word's letters, each once, in order of the alphabet: a typo in a short word meets it
  // there (Un and Nu, Hae and Hea, Il and Ill), as a deletion space holds nothing under three letters.
  if (text.length <= SHORT_WORD && /^[a-z]+$/.test(text)) keys.push(`t:${lettersOf(text)}`);
  // Familiar forms of one given name meet at that name (Bob, Bobby and Robert at robert).
  for (const name of formalNames(text)) keys.push(`n:${name}`);
  const bones = skeleton(key);
  if (bones.length >= 2) keys.push(`c:${bones}`);
  return keys;
}

/** The longest word whose typos meet by its letters (see `lettersOf`). */
export const SHORT_WORD = 4;

const LATIN_LETTERS = /^[a-z]+$/;

function lettersOf(text: string): string {
  return [...new Set(text)].sort().join('');
}

/**
 * Whether two short words are one typo apart the way short words are mistyped: two adjacent
 * letters swapped (Un, Nu; Hae, Hea) or a letter doubled (Il, Ill; Ok, Okk).
 */
export function shortTypo(a: string, b: string): boolean {
  if (a === b || a.length > SHORT_WORD + 1 || b.length > SHORT_WORD + 1 || Math.min(a.length, b.length) < 2 || !LATIN_LETTERS.test(a) || !LATIN_LETTERS.test(b)) return false;
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || short.length > SHORT_WORD) return false;
  for (let i = 1; i < long.length; i++) if (long[i] === long[i - 1] && long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/**
 * A Latin word with the spellings that transliteration families disagree on folded into one:
 * x/ks (Alexander, Aleksandr), ph/f, kh/h (Mikhail, Mihail), gh/g, dh/d and th/t (Fadhli,
 * Fadli), dj and dzh/j (Djouadi, Dzhokhar), Belarusian dz/d, ul-/vl- and -au, -ou/-ov (Uladzimir
 * Naumau, Vladimir Naumov), w/v (Chaiworasin, Chaivorasin), ou/u (Abou, Youssef), ee/i and oo/u,
 * ck and q/k, a doubled letter once (Jaddaw, Mohammed), a final -iy once, and a final h after
 * a vowel dropped (Abdullah, Fatimah).
 */
export function transliterationForm(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = text.length < 4 || !FOLDABLE.test(text) || !/^[a-z]+$/.test(text) ? text : fold(text);
    // Words are compared again and again (each query meets the same neighbours): remembered.
    if (FOLDED.size >= MAX_MEMO) FOLDED.clear();
    FOLDED.set(text, folded);
  }
  return folded;
}

// Words with nothing to fold (most) are recognized by one test.
const FOLDABLE = /v[iy]?ch$|[aeiu]vna$|auna$|^abd[aeou]l|ay[^aeiou]|ay$|ei|iy[aeiou]|x|dj|dz|ph|[kgdtsc]h|ck|q|w|ee|oo|ou|au$|^ula|(.)\1|iy$|[aeiou]h$|[aeiou]j|[^aeiou]s$|[aui]s$|ey$|[^aeiou]y$|^ye|[^aeiou]ia[^aeiou]|enka$/;
const FOLDED = new Map<string, string>();

function fold(text: string): string {
  return text
    // East Slavic patronymics in one ending (Vasylovych, Vasilievich, Ivanavich; Yevhenivna,
    // Yevgenyevna): the father's name is what tells them apart.
    .replace(/(?<=^[a-z]{3,})(?:[iy]?[eo]|a)v[iy]ch$/, 'ovich')
    .replace(/(?<=^[a-z]{3,})(?:[iy]?[eo]|i|a)vna$|(?<=^[a-z]{3,})auna$/, 'ovna')
    // Arabic: Abdul, Abdel, Abdol and Abd al (written together) are one prefix.
    .replace(/^abd[aeou]l/, 'abdal')
    // Baltic endings on Slavic names: Lithuanian -as, -us, -is (Putinas, Sergejus), Latvian -s (Putins, Lavrovs).
    .replace(/(?<=^[a-z]{4,})(?:as|us|is)$/, '')
    .replace(/(?<=^[a-z]{3,}[bcdfgjklmnprtvz])s$/, '')
    // German and Czech spellings: tsch and sch for ch and sh (Kowaltschuk), j for a final i or y (Sergej, Jurij, Šojgu).
    .replace(/tsch/g, 'ch')
    // Belarusian and Ukrainian spellings: ia for e between consonants (Aliaksandr, Sviatlana), a final -enka for -enko (Lukashenka).
    .replace(/(?<=[^aeiou])ia(?=[^aeiou])/g, 'e')
    .replace(/enka$/, 'enko')
    .replace(/([aeou])j(?=[^aeiou]|$)/g, '$1i')
    .replace(/ij$/, 'i')
    .replace(/ey$/, 'ei')
    // English spellings of Russian names: a final y for i (Dmitry, Evgeny), an initial Ye for E (Yevgeniy, Yelena).
    .replace(/(?<=[^aeiou])y$/, 'i')
    .replace(/^ye(?=[a-z]{4})/, 'e')
    .replace(/x/g, 'ks')
    .replace(/dzh|dj/g, 'j')
    // Belarusian: Uladzimir, Naumau, Radzkou are Vladimir, Naumov, Radkov.
    .replace(/dz/g, 'd')
    .replace(/^ula/, 'vla')
    .replace(/(?<=^[a-z]{3,}[^aeiou])[ao]u$/, 'ov')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/kh/g, 'h')
    // Š and Č lose their marks (Šoigu, Soigu): sh and ch are written s and c in Latin alphabets that mark them.
    .replace(/sh/g, 's')
    .replace(/([gdt])h/g, '$1')
    .replace(/ck|q/g, 'k')
    .replace(/ee/g, 'i')
    .replace(/oo|ou/g, 'u')
    .replace(/(.)\1+/g, '$1')
    .replace(/iy$/, 'i')
    // A y between i and a vowel, written or not (Aliyev, Aliev; Aliyaf, Aliaf).
    .replace(/iy(?=[aeiou])/g, 'i')
    .replace(/([aeiou])h$/, '$1')
    // Arabic ay and ei are one vowel (Zayb, Zeb; Husayn, Hussein; Shaykh, Sheikh), and so are
    // the ei and ey of Sergei and Sergey.
    .replace(/ay(?=[^aeiou]|$)/g, 'e')
    .replace(/ei/g, 'e');
}

/** A Latin word's consonants in order, doubled ones once (on the Korean key: k/g, t/d... already folded). */
export function skeleton(key: string): string {
  if (!/^[a-z]+$/.test(key)) return '';
  return key.replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
}

/** A person's given name written as its initial (the R of R. Kadyrov): one Latin letter. */
export function isInitialLetter(token: Pick<NameToken, 'text' | 'kind'>): boolean {
  return token.kind === 'name' && token.text.length === 1 && token.text >= 'a' && token.text <= 'z';
}

/** Whether one word is an initial and the other a word it may stand for (R, Ramzan). */
export function initialOf(a: Pick<NameToken, 'text' | 'kind'>, b: Pick<NameToken, 'text' | 'kind'>): boolean {
  if (isInitialLetter(a)) return b.kind === 'name' && b.text.length > 1 && b.text[0] === a.text;
  return isInitialLetter(b) && a.kind === 'name' && a.text.length > 1 && a.text[0] === b.text;
}

/**
 * The keys a word is found under in an index: its retrieval keys, and for an initial or a
 * word it may stand for, keys that only the other looks up (an initial's `f:` key holds every
 * word of that first letter; a word's `i:` key holds the initials alone), so that words of one
 * first letter do not become neighbours of each other.
 */
export function registeredKeys(token: Pick<NameToken, 'text' | 'key' | 'kind' | 'abjad'>): string[] {
  const keys = wordKeys(token, false);
  const bones = consonantKeys(token, 'registered');
  if (bones.length) keys.push(...bones);
  if (isInitialLetter(token)) return [...keys, `i:${token.text}`];
  if (token.kind === 'name' && token.text.length > 1 && token.text[0]! >= 'a' && token.text[0]! <= 'z') return [...keys, `f:${token.text[0]}`];
  return keys;
}

/** The keys a query word looks up in an index: its retrieval keys, and those of the initials or words it may pair with (see `registeredKeys`). */
export function lookupKeys(token: Pick<NameToken, 'text' | 'key' | 'kind' | 'abjad'>): string[] {
  const bones = consonantKeys(token, 'lookup');
  // (The retrieval keys are remembered: never written to.)
  const keys = bones.length ? [...wordKeys(token), ...bones] : wordKeys(token);
  if (isInitialLetter(token)) return [...keys, `f:${token.text}`];
  if (token.kind === 'name' && token.text.length > 1 && token.text[0]! >= 'a' && token.text[0]! <= 'z') return [...keys, `i:${token.text[0]}`];
  return keys;
}

/**
 * A word's written consonants, as Arabic written without vowels keeps them (transliterated letter
 * by letter: مختار, mkhtr): vowels left out, and y and w but at the start (Yar, yr), doubled letters once, q as k (Qasim,
 * Kasim), dj as j (Djamel, jml), c before e, i or y as s (Lounici, lwnysy), x as ks, ph as f, and
 * a final h dropped (Abdullah, Abdulla).
 */
export function writtenBones(text: string): string {
  return text
    .replace(/dj/g, 'j')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/[aeiou]|(?<=.)[yw]/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/(?<=.)h$/, '');
}

/** A word transliterated from Arabic or Hebrew script with no vowel written (mhmd, lkhl). */
export function bareWord(token: Pick<NameToken, 'text' | 'abjad'>): boolean {
  return token.abjad && !/[aeiou]/.test(token.text);
}

/**
 * Keys that meet a bare word (see `bareWord`) with a Latin word of its consonants (mkhtr,
 * Mokhtar), and the bare word with the article written onto it (ltkryty, Tikriti). A Latin word
 * is found under its consonant skeleton already (`c:`) when that is its written consonants;
 * else under `b:`. A bare word looks up both, and is found under `a:`, which only Latin words
 * look up: two Latin words never meet through these keys, and most Latin words need none.
 */
function consonantKeys(token: Pick<NameToken, 'text' | 'key' | 'kind' | 'abjad'>, side: 'registered' | 'lookup'): string[] {
  if (!consonantsCount(token)) return [];
  const bones = writtenBones(token.text);
  if (bones.length < 2) return [];
  if (!bareWord(token)) {
    if (!/[aeiou]/.test(token.text)) return [];
    if (side === 'lookup') return [`a:${bones}`];
    return bones === skeleton(token.key) ? [] : [`b:${bones}`];
  }
  const forms = bones.length >= 3 && token.text.startsWith('l') ? [bones, bones.slice(1)] : [bones];
  return side === 'registered' ? forms.map((f) => `a:${f}`) : forms.flatMap((f) => [`b:${f}`, `c:${f}`]);
}

/**
 * Whether a word's consonants may meet a bare word's: a word in Latin letters, not two written
 * together (Ok Ha Yul, okhayul, has the consonants of Lakhal).
 */
function consonantsCount(token: Pick<NameToken, 'text' | 'kind'>): boolean {
  return token.kind === 'name' && LATIN_LETTERS.test(token.text);
}

/** Whether a bare word and a Latin word have the same written consonants, the article aside (see `consonantKeys`). */
export function sameWrittenConsonants(a: Pick<NameToken, 'text' | 'kind' | 'abjad'>, b: Pick<NameToken, 'text' | 'kind' | 'abjad'>): boolean {
  const aBare = bareWord(a);
  if (aBare === bareWord(b)) return false;
  const [bare, voweled] = aBare ? [a, b] : [b, a];
  if (!/[aeiou]/.test(voweled.text) || !consonantsCount(voweled) || !consonantsCount(bare)) return false;
  const theirs = writtenBones(voweled.text);
  if (theirs.length < 2) return false;
  const mine = writtenBones(bare.text);
  return mine === theirs || (mine.length >= 3 && bare.text.startsWith('l') && mine.slice(1) === theirs);
}

/** Whether two words share a retrieval key: the pairs the scorer compares. */
export function shareKey(a: Pick<NameToken, 'text' | 'key' | 'kind' | 'abjad'>, b: Pick<NameToken, 'text' | 'key' | 'kind' | 'abjad'>): boolean {
  if (a.text === b.text || a.key === b.key || initialOf(a, b) || (a.kind === 'name' && b.kind === 'name' && shortTypo(a.text, b.text)) || sameWrittenConsonants(a, b)) return true;
  const mine = wordKeys(a);
  const theirs = wordKeys(b);
  for (const key of mine) if (theirs.includes(key)) return true;
  return false;
}

/**
 * The retrieval keys of one word: exact for numbers; for two words written together (there are
 * as many of them as there are name pairs), their Korean key and their forms as written, which
 * a single word finds exactly or one deletion away; else the full set.
 */
export function wordKeys(token: Pick<NameToken, 'text' | 'key' | 'kind' | 'abjad'>, memo = true): string[] {
  if (token.kind === 'number') return [`k:${token.key}`];
  // Initials meet a word written the same, which holds its written form in the deletion space.
  if (token.kind === 'initials') return [`d:${token.text}`];
  if (token.kind === 'joined') return token.key === token.text ? [`k:${token.key}`, `d:${token.text}`] : [`k:${token.key}`, `d:${token.text}`, `d:${token.key}`];
  // An index asks once per distinct word: remembering them would only fill the memo.
  return memo ? keysOf(token.key, token.text) : computeKeys(token.key, token.text);
}
