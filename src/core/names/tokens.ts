import { LONE_VOWELS, isKoreanSyllable, koreanKey, readsAsKorean } from './korean.js';
import { numbersAsDigits } from './numbers.js';
import { latinForms } from './translit.js';
import { COUNTRY_WORDS, LEGAL_FORM_ABBREVIATIONS, countriesAsOneWord, legalFormsAbbreviated } from './variants.js';

/**
 * How much a token can say about identity; `joined` is two (or three) adjacent name words
 * written together; `initials` an organization's initials (KCST for Korean Committee for Space
 * Technology), which only an equal word matches.
 */
export type TokenKind = 'name' | 'generic' | 'number' | 'joined' | 'initials';

/**
 * One comparable token of a name.
 *
 * @example { text: 'jeong', key: 'jong', kind: 'name' }
 */
export interface NameToken {
  text: string;
  /** The Korean syllable key (for any Latin token: it folds romanization variants). */
  key: string;
  kind: TokenKind;
  /**
   * Whether the word comes from a script written without short vowels (Arabic, Hebrew),
   * transliterated letter by letter: only such a word is compared by its consonants (mhmd,
   * Mohammed), not a Latin one without vowels (an acronym: MND is not Maiwand).
   */
  abjad: boolean;
  /** The token's weight in the index it was scored against, memoized there. */
  weight?: number;
  /** The token's number in the index's vocabulary (index side), or its slot in a query's memo (query side). */
  id?: number;
}

/** A name as the scorer compares it: its tokens, and what must agree besides. */
export type ComparableName = Omit<PreparedName, 'form'>;

/** A name in one comparable form, as tokens. */
export interface PreparedName {
  /** The name as written in the source. */
  original: string;
  form: string;
  tokens: NameToken[];
  /**
   * Adjacent name words written together (Jong Un / Jongun), one token per such pair, in the
   * order of their first word: a pair for each position i where words i and i + 1 are both
   * names; then, in the same order, a triple for each position where three syllables follow
   * (Chong Chon Gang / Chongchongang). Kept as tokens alone (not as position records): an
   * index holds millions of names.
   */
  joined: NameToken[];
  /** The numbers in the name, in order, as one string ('' when none): they must agree. */
  numbers: string;
  /** The words that are the person's surname, as a bit mask, when the list says which they are (else 0). */
  surname: number;
  /** A person's patronymics (Vladimirovich, Ivanovna), as a bit mask: a query leaves them out, so a listed one left unpaired costs nothing. */
  patronymic: number;
  /** Whether the name is an organization's (or vessel's): not a person's. */
  organization: boolean;
}

/** A token with every field present from the start, so that all tokens share one shape (faster property access). */
export function makeToken(text: string, key: string, kind: TokenKind, abjad = false): NameToken {
  return { text, key, kind, abjad, weight: undefined, id: undefined };
}

/**
 * A word's identity: its text, kind and script family. Two words written together are not one
 * word of the same letters (Don Juan / Donjuan): they have other retrieval keys, so other
 * neighbours; nor is mhmd transliterated from Arabic the acronym MHMD.
 */
export function wordIdentity(token: Pick<NameToken, 'text' | 'kind' | 'abjad'>): string {
  return `${token.kind}${token.abjad ? '\u0001' : ''}\u0000${token.text}`;
}

/** Whether words i and i + 1 of a name are written together as a unit too. */
export function pairsAt(tokens: readonly NameToken[], i: number): boolean {
  return tokens[i]!.kind === 'name' && tokens[i + 1]!.kind === 'name';
}

/**
 * Whether words i, i + 1 and i + 2 of a name are written together as a unit too: three
 * romanized Korean syllables (Korean place, ship and company names are written in syllables or
 * as one word: Chong Chon Gang, Chongchongang; Nam Chon Gang, Namchongang; Kim Jong Un).
 */
export function triplesAt(tokens: readonly NameToken[], i: number): boolean {
  return pairsAt(tokens, i) && pairsAt(tokens, i + 1) && isKoreanSyllable(tokens[i]!.text) && isKoreanSyllable(tokens[i + 1]!.text) && isKoreanSyllable(tokens[i + 2]!.text);
}

/** The tokens of adjacent name words written together, pairs then triples, in order (see `PreparedName.joined`). */
export function joinedTokens(tokens: readonly NameToken[]): NameToken[] {
  let count = 0;
  for (let i = 0; i + 1 < tokens.length; i++) if (pairsAt(tokens, i)) count++;
  for (let i = 0; i + 2 < tokens.length; i++) if (triplesAt(tokens, i)) count++;
  // Sized exactly: an index keeps millions of these arrays, and a grown one keeps spare room.
  const out = new Array<NameToken>(count);
  let k = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!pairsAt(tokens, i)) continue;
    const text = tokens[i]!.text + tokens[i + 1]!.text;
    out[k++] = makeToken(text, koreanKey(text), 'joined');
  }
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!triplesAt(tokens, i)) continue;
    const text = tokens[i]!.text + tokens[i + 1]!.text + tokens[i + 2]!.text;
    out[k++] = makeToken(text, koreanKey(text), 'joined');
  }
  return out;
}

/**
 * A name's units, written into the given arrays: each word alone (bit mask 1 << i), then each
 * pair of adjacent name words written together (mask of both), then each triple of syllables.
 * Returns how many.
 */
export function unitsInto(name: Pick<PreparedName, 'tokens' | 'joined'>, tokens: NameToken[], masks: number[], sizes: number[]): number {
  const t = name.tokens;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    tokens[n] = t[i]!;
    masks[n] = 1 << i;
    sizes[n++] = 1;
  }
  let k = 0;
  for (let i = 0; i + 1 < t.length; i++) {
    if (!pairsAt(t, i)) continue;
    tokens[n] = name.joined[k++]!;
    masks[n] = 3 << i;
    sizes[n++] = 2;
  }
  for (let i = 0; i + 2 < t.length; i++) {
    if (!triplesAt(t, i)) continue;
    tokens[n] = name.joined[k++]!;
    masks[n] = 7 << i;
    sizes[n++] = 3;
  }
  return n;
}

// Titles and honorifics say nothing about who someone is.
const PERSON_STOPWORDS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'doctor', 'prof', 'professor', 'sir', 'haji', 'hajji', 'mullah', 'mulla', 'maulavi', 'maulvi', 'mawlawi', 'mawlana', 'sheikh', 'shaykh', 'shaikh', 'qari', 'hafiz', 'ayatollah', 'hojatoleslam',
  'general', 'gen', 'colonel', 'col', 'lt', 'lieutenant', 'major', 'maj', 'captain', 'capt', 'admiral', 'marshal', 'brigadier', 'hon', 'honorable', 'his', 'her', 'excellency', 'alias', 'aka',
  // Offices and forms of address in the lists' languages (Präsident, Presidente, Comrade, Tovarishch).
  'president', 'prasident', 'presidente', 'chairman', 'commandant', 'commander', 'premier', 'minister', 'senator', 'comrade', 'tovarishch', 'tovarisch', 'herr', 'frau', 'senor', 'senora', 'monsieur', 'madame',
]);

// Korean and Chinese titles and forms of address written after a name (김정은 동지, 위원장 김정은, 同志), removed before romanization.
const NATIVE_TITLES = /(?:동지|국무위원장|부위원장|위원장|동무|선생님|선생|총비서|비서|同志|主席|先生|委員長|委员长)(?=\s|$)|(?<=\p{Script=Hangul})님(?=\s|$)/gu;

// Digits typed for the letters they look like, in a person's name (R1 Su Y0ng, K1M).
const LOOKALIKE_DIGITS: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b' };
const LETTERS_AND_DIGITS = /^(?=.*\p{L})(?=.*\d)[\p{L}\d]+$/u;

// In Latin script, A and E stand for Western initials more often than for 아 and 에.
const lonePersonVowel = (word: string): string | undefined => (word === 'a' || word === 'e' ? undefined : LONE_VOWELS[word]);

/** In a Korean name (every other word a romanized syllable), a lone vowel is a syllable (O Kuk Ryol, Kwon U: 오, 우), not an initial. */
function koreanLoneVowels(words: string[]): string[] {
  if (words.length < 2 || !words.some(lonePersonVowel)) return words;
  if (!words.every((w) => lonePersonVowel(w) || (w.length > 1 && isKoreanSyllable(w)))) return words;
  return words.map((w) => lonePersonVowel(w) ?? w);
}

/** An organization's word of letters with zeroes among them (K0ry0, Bluen0r0ff, K0MID): the zeroes are Os; other digits there may be the name's own (A1, 3M). */
function zeroesForOs(word: string): string {
  return word.includes('0') && /^[\p{L}0]+$/u.test(word) && word.replace(/0/g, '').length >= 3 ? word.replace(/0/g, 'o') : word;
}

function lettersForDigits(word: string): string {
  return LETTERS_AND_DIGITS.test(word) ? word.replace(/\d/g, (d) => LOOKALIKE_DIGITS[d] ?? d) : word;
}

// Legal forms and generic business words: kept, but weighted down and never enough alone.
const GENERIC = new Set([
  'co', 'company', 'companies', 'corp', 'corporation', 'ltd', 'limited', 'llc', 'llp', 'lp', 'jsc', 'ojsc', 'pjsc', 'cjsc', 'ooo', 'oao', 'zao', 'pao', 'ao', 'tov', 'inc', 'incorporated', 'gmbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'plc', 'pte', 'pvt', 'private', 'public', 'fze', 'fzco', 'fzc', 'dmcc', 'est', 'establishment', 'group', 'holding', 'holdings', 'trading', 'trade', 'general', 'international', 'intl', 'industrial', 'industry', 'industries', 'enterprise', 'enterprises', 'import', 'export', 'development', 'commercial', 'joint', 'stock', 'venture', 'jv', 'branch', 'office', 'the', 'and', 'of', 'for', 'in', 'de', 'la', 'el', 'del', 'des', 'du', 'le', 'y', 'et', 'service', 'services', 'management', 'shipping', 'shpg', 'logistics', 'technology', 'technologies', 'tech', 'associates', 'partners', 'firm',
  // Legal forms of other countries, once their dots are gone (S.A. → sa, A.S. → as, C.I. → ci).
  // Generic words of Spanish, Portuguese, French and German names.
  'internacional', 'internationale', 'comercial', 'commerciale', 'servicios', 'servicos', 'inversiones', 'grupo', 'groupe', 'empresa', 'empresas', 'compania', 'companhia', 'compagnie', 'societe', 'handel', 'handels', 'gesellschaft', 'industria', 'industrie', 'importacion', 'exportacion',
  'as', 'ci', 'ltda', 'cia', 'sl', 'sac', 'eirl', 'sociedad', 'anonima', 'limitada', 'ab', 'oy', 'kft', 'zrt', 'sro', 'doo', 'ood', 'eood', 'bhd', 'sdn', 'pt', 'tbk', 'fzllc', 'fz', 'spzoo', 'zoo', 'ek', 'ug', 'ohg', 'sprl', 'bvba', 'snc', 'scs', 'en',
]);

// Legal forms in other scripts, removed before transliteration so their syllables do not pose as names.
const NATIVE_LEGAL_FORMS = /股份有限公司|有限责任公司|有限責任公司|有限公司|株式会社|有限会社|公司|集团|集團|\(주\)|㈜|주식회사|유한회사|회사|Общество с ограниченной ответственностью|Акционерное общество|ООО|ОАО|ЗАО|ПАО|АО/giu;
const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const VESSEL_PREFIX = /^(?:m\s?v|m\s?t|s\s?s|mv|mt|ss|fv|f\s?v)\s+/;

/**
 * A name without the titles (for a person) or legal forms (for an organization) written in
 * other scripts (김정은 동지, (주)한빛무역, 長安海連技術有限公司); a legal form becomes `legalForm`.
 */
export function withoutNativeAffixes(name: string, organization: boolean, legalForm = ' '): string {
  return organization ? name.replace(NATIVE_LEGAL_FORMS, legalForm) : name.replace(NATIVE_TITLES, ' ');
}

export function isTitle(token: string): boolean {
  return PERSON_STOPWORDS.has(token);
}

/**
 * An organization's run of single letters is one word (S.A. → sa, M.I.D. → mid), an "and"
 * between two of them left out as an ampersand is (A and M, A & M → am).
 */
function joinInitials(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    while (isInitial(words[i]!)) {
      if (i + 1 < words.length && isInitial(words[i + 1]!)) word += words[++i]!;
      else if (words[i + 1] === 'and' && i + 2 < words.length && isInitial(words[i + 2]!)) word += words[(i += 2)]!;
      else break;
    }
    out.push(word);
  }
  return out;
}

function isInitial(word: string): boolean {
  return word.length === 1 && /\p{L}/u.test(word);
}

/** An abbreviation of a legal form (ISO 20275), but for two letters that read as a Korean syllable (Ju, Yu: names too). */
function isLegalForm(text: string): boolean {
  return LEGAL_FORM_ABBREVIATIONS.has(text) && (text.length > 2 || !readsAsKorean(text));
}

function kindOf(text: string, organization: boolean): TokenKind {
  if (/^\d+$/.test(text)) return 'number';
  // A lone letter in an organization's name is what is left of a legal form or an abbreviation.
  if (organization && (GENERIC.has(text) || isLegalForm(text) || COUNTRY_WORDS.has(text) || (text.length === 1 && !/\d/.test(text)))) return 'generic';
  return 'name';
}

/** East Slavic patronymics, Russian, Ukrainian and Belarusian (Vladimirovich, Ivanovna, Mikalaevich, Piatrouna). */
const PATRONYMIC = /^[a-z]{3,}(?:ovich|evich|ovych|evych|avich|ovitch|evitch|ovna|evna|ivna|auna|ouna)$/;

/**
 * A person's patronymics as a bit mask: in a name of three words or more (a patronymic stands
 * beside a given name and a surname), a word of a patronymic's ending; when two words have one
 * (Roman Arkadyevich Abramovich), only those inside the name, as the surname stands at an end.
 */
function patronymicsOf(tokens: readonly NameToken[]): number {
  if (tokens.length < 3) return 0;
  let mask = 0;
  let count = 0;
  tokens.forEach((t, i) => {
    if (i < 30 && PATRONYMIC.test(t.text)) {
      mask |= 1 << i;
      count++;
    }
  });
  if (count > 1) mask &= ~(1 | (1 << (tokens.length - 1)));
  return mask;
}

/** The letters of a word that are compared (see prepareName). */
export const MAX_WORD_LENGTH = 48;

/** Comparable forms of one name, tokenized, for a schema. */
export function prepareName(name: string, schema: string): PreparedName[] {
  const organization = schema !== 'Person';
  // A legal form in another script becomes a generic Latin one (有限公司 → co), so its syllables do not pose as a name.
  const source = withoutNativeAffixes(name, organization, ' co ');
  const out: PreparedName[] = [];
  const abjad = ABJAD.test(name);
  for (const rawForm of latinForms(source)) {
    let form = rawForm;
    if (schema === 'Vessel') form = form.replace(VESSEL_PREFIX, '');
    // Names of more than 30 words are compared on their first 30 (alignment uses bit masks), and
    // words on their first 48 letters: no name's word is longer, and a word's retrieval keys and
    // edit distances grow with the square of its length (a 100,000-letter "name" would stall a server).
    let words = form.split(' ').filter(Boolean).map((w) => (w.length > MAX_WORD_LENGTH ? w.slice(0, MAX_WORD_LENGTH) : w));
    if (organization) words = countriesAsOneWord(legalFormsAbbreviated(numbersAsDigits(joinInitials(words.map(zeroesForOs)))));
    else words = koreanLoneVowels(words.map(lettersForDigits).filter((w) => !isTitle(w)));
    words = words.slice(0, 30);
    const tokens = words.map((text) => makeToken(text, koreanKey(text), kindOf(text, organization), abjad));
    const numbers = tokens.filter((t) => t.kind === 'number').map((t) => t.text).join(' ');
    const patronymic = organization ? 0 : patronymicsOf(tokens);
    if (tokens.length) out.push({ original: name, form: words.join(' '), tokens, joined: joinedTokens(tokens), numbers, surname: 0, patronymic, organization });
  }
  return out;
}

// Words an organization's initials leave out, and legal forms they may leave out at the end.
const INITIALS_SKIP = new Set(['the', 'and', 'of', 'for', 'in', 'on', 'at', 'to', 'a', 'an', 'de', 'du', 'des', 'la', 'le', 'les', 'el', 'del', 'y', 'et']);
const TRAILING_LEGAL_FORMS = new Set(['co', 'company', 'corp', 'corporation', 'ltd', 'limited', 'llc', 'inc', 'incorporated', 'jsc', 'sa', 'gmbh', 'plc', 'ag', 'bv', 'nv', 'srl', 'sarl', 'ltda', 'cia']);

/**
 * The initials an organization's name may go by: its words' first letters (stop words left
 * out), with and without a legal form at the end (Technology and Development Group Limited:
 * TDGL, TDG). None unless three words or more come before the legal form (two letters and a
 * legal form's say little), nor more than eight.
 */
export function initialsOf(tokens: readonly NameToken[]): string[] {
  const words = tokens.filter((t) => t.kind !== 'number' && !INITIALS_SKIP.has(t.text));
  let end = words.length;
  while (end > 0 && TRAILING_LEGAL_FORMS.has(words[end - 1]!.text)) end--;
  if (end < 3 || words.length > 8) return [];
  const initials = words.map((t) => t.text[0]).join('');
  return end === words.length ? [initials] : [initials, initials.slice(0, end)];
}
