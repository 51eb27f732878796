import { countryCode } from '../match/countries.js';
import { KOREAN_SURNAMES } from '../names/korean-surnames.js';
import { NICKNAME_PAIRS } from '../names/reference-tables.js';
import { dprkPort } from '../shipments/ports.js';
import { HANGUL_PLACES, PLACE_NAMES, PLACE_WORDS } from './places.js';
import { boundary, possessive, tokenize, withoutPossessive, type Token } from './tokens.js';
import { DEMONYMS, HONORIFICS, KIN_WORDS, KOREAN_TITLES, NAME_JOINERS, NOT_NAMES, ORGANIZATION_NOUNS, ROLE_STOPS, ROLE_WORDS, SPEECH_VERBS, TITLE_WORDS, VESSEL_CUES } from './vocabulary.js';

// The names an article holds, found by rules that need no model: runs of capitalized words (with
// the lower-case joiners of `Bank of East Land`), runs of Hangul or Han characters, each cut from
// the role written before it ("Japanese Vice Foreign Minister"), its honorific ("Mr.") and its
// possessive ("Kim Jong-un's"), and typed by what surrounds it: a title or a verb of speech makes
// a person, a ship's word a vessel, an organization's noun an organization, the gazetteer a place.
// What the rules cannot type is `Unknown`, for the lists (and the reader) to decide.

export type MentionType = 'Person' | 'Organization' | 'Vessel' | 'Place';

/** A name found in the text, before people are told apart. */
export interface Candidate {
  text: string;
  start: number;
  end: number;
  type: MentionType | 'Unknown';
  /** Why it has its type: `title`, `honorific`, `speech`, `vessel word`, `organization word`, `gazetteer`, `Korean name`, `given name`. */
  why: string | null;
  /** The role the article gives it, as written ("North Korean leader"), and the country that role names. */
  role: string | null;
  country: string | null;
  /** Its words, lower-case, without hyphens within a word (`jong-un` is `jongun`). */
  words: string[];
  /** Index of its first and last token. */
  first: number;
  last: number;
  /** Whether it is the first word of a sentence (where any word is capitalized). */
  opensSentence: boolean;
}

/** Possessives that stand inside names: `Korean People's Army`, `Workers' Party of Korea`. */
const NAME_POSSESSIVES = new Set(["people's", "workers'", "peoples'", "women's", "children's", "farmers'"]);

/** Words before which a capitalized word is a code, not a name (`IMO number`), and words that a number follows in a name that is no ship's (`Article 7`). */
const NUMBERED = new Set(['number', 'no', 'no.', 'numbers', 'code', 'codes']);
const NUMBERED_NAMES = new Set(['article', 'paragraph', 'para', 'chapter', 'section', 'resolution', 'op', 'level', 'phase', 'stage', 'round', 'class', 'type', 'group', 'grade', 'item', 'no', 'no.', 'number', 'room', 'gate', 'pier', 'berth', 'terminal', 'block', 'unit', 'flight', 'boeing', 'airbus', 'route', 'highway', 'korea', 'north']);

/** Whether token i opens a sentence: the text's first, or after a full stop, a question or exclamation mark, a quote opening one, or a paragraph break. */
function opensSentence(tokens: Token[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (tokens[j]!.text === '"' || tokens[j]!.text === '“' || tokens[j]!.text === '‘' || tokens[j]!.text === '(')) j--;
  return j < 0 || tokens[j]!.kind === 'break' || ['.', '?', '!', ':'].includes(tokens[j]!.text);
}

/** The country written right before a name: a possessive (`South Korea's`, `the North's`) or a demonym (`Japanese`). */
function countryBefore(tokens: Token[], first: number): string | null {
  const before = tokens[first - 1];
  if (!before || before.kind !== 'word') return null;
  if (possessive(before)) {
    const owner = withoutPossessive(before.text);
    const pair = tokens[first - 2]?.kind === 'word' ? `${tokens[first - 2]!.text} ${owner}` : '';
    if (/^north$/i.test(owner)) return 'KP';
    if (/^south$/i.test(owner)) return 'KR';
    return (pair && countryCode(pair)) || countryCode(owner) || null;
  }
  const two = first >= 2 ? `${tokens[first - 2]!.lower} ${before.lower}` : '';
  return DEMONYMS[two] ?? DEMONYMS[before.lower] ?? null;
}

const ROMANIZED_SURNAMES = new Set(KOREAN_SURNAMES.flatMap((s) => s.spellings.map((x) => x.toLowerCase().replace(/['’]/g, ''))));
const HANGUL_SURNAMES = new Set(KOREAN_SURNAMES.flatMap((s) => [s.hangul, s.dprkHangul]));
const GIVEN_NAMES = new Set(NICKNAME_PAIRS.flatMap(([a, b]) => [a, b]));

const isDemonym = (lower: string): boolean => lower in DEMONYMS;
const fold = (word: string): string => word.toLowerCase().replace(/['’.-]/g, '');

/** The two-word demonym starting at token i (`North Korean`, `South Korean`, `Hong Kong`), if any. */
function demonymAt(tokens: Token[], i: number): number {
  const pair = tokens[i + 1] ? `${tokens[i]!.lower} ${tokens[i + 1]!.lower}` : '';
  if (pair in DEMONYMS) return 2;
  return isDemonym(tokens[i]!.lower) ? 1 : 0;
}

/** Whether a word of a capitalized run may belong to a role: a title, an office word, a demonym. */
const roleWord = (t: Token): boolean => ROLE_WORDS.has(t.lower) || isDemonym(t.lower) || HONORIFICS.has(t.lower);

/** A capitalized word that can start or continue a name. */
function nameWord(t: Token): boolean {
  return t.capital && (t.kind === 'word' || t.kind === 'hangul' || t.kind === 'han');
}

/** Words joined to a place or a name that end it: `Pyongyang-based`, `KOMID-linked`. */
const ATTRIBUTIVE = /-(based|led|linked|owned|run|controlled|flagged|registered|backed|made|born|bound|affiliated|related|era|style)$/iu;

/** Runs of capitalized words (and joiners between them) as token ranges [first, last]. */
function capitalRuns(tokens: Token[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!nameWord(tokens[i]!)) continue;
    let last = i;
    for (let j = i + 1; j < tokens.length; j++) {
      const t = tokens[j]!;
      // A possessive, a word like `Pyongyang-based` or a script change ends the run at that word.
      const previous = tokens[j - 1]!;
      // `People's` and `Workers'` belong to the names they stand in (Korean People's Army, Workers' Party of Korea).
      if ((possessive(previous) && !NAME_POSSESSIVES.has(previous.lower)) || ATTRIBUTIVE.test(previous.text)) break;
      if (nameWord(t) && (t.kind === 'word') === (previous.kind === 'word' || previous.kind === 'number')) {
        last = j;
        continue;
      }
      // A ship's number: `Ji Song 6`, `Chon Myong 1`.
      if (t.kind === 'number' && /^\d{1,3}$/.test(t.text)) {
        last = j;
        continue;
      }
      if (t.kind === 'word' && NAME_JOINERS.has(t.lower) && tokens[j + 1] && nameWord(tokens[j + 1]!) && tokens[j + 1]!.kind === 'word') continue;
      // `Ministry of the People's Armed Forces`.
      if (t.lower === 'of' && tokens[j + 1]?.lower === 'the' && tokens[j + 2] && nameWord(tokens[j + 2]!) && tokens[j + 2]!.kind === 'word') {
        j++;
        continue;
      }
      break;
    }
    // `Washington and Tokyo` are two names, and so are two firms named in full (`Korea Ryonbong General
    // Corporation and Green Pine Associated Corporation`); `Bank of East Land and Trade Co` is one.
    let from = i;
    const lastIsFirm = ORGANIZATION_NOUNS.has(fold(tokens[last]!.text));
    for (let j = i + 1; j < last; j++) {
      if ((tokens[j]!.lower === 'and' || tokens[j]!.lower === '&') && (!lastIsFirm || ORGANIZATION_NOUNS.has(fold(tokens[j - 1]!.text)))) {
        runs.push([from, j - 1]);
        from = j + 1;
      }
    }
    runs.push([from, last]);
    i = last;
  }
  return runs;
}

/**
 * The role written before token `first`: a title or family tie right before the name, with the
 * words before it up to a verb, preposition or article (`North Korean spy chief`, `Chinese
 * foreign ministry spokesman`, `sister`), at most eight words.
 */
function roleBefore(tokens: Token[], first: number): { role: string; country: string | null; start: number } | null {
  const anchor = tokens[first - 1];
  if (!anchor || anchor.kind !== 'word' || !(TITLE_WORDS.has(anchor.lower) || KIN_WORDS.has(anchor.lower))) return null;
  let i = first - 2;
  while (i >= 0 && first - 1 - i < 8) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || boundary(t)) break;
    if (ROLE_STOPS.has(t.lower) || SPEECH_VERBS.has(t.lower) || (NOT_NAMES.has(t.lower) && !roleWord(t))) break;
    // A possessive other than a country's is its owner, not the role: `Kim's sister`.
    if (possessive(t) && !countryCode(withoutPossessive(t.text))) break;
    // A capitalized word that is no role word, demonym or country ends it: it is a name.
    if (t.capital && !roleWord(t) && !countryCode(withoutPossessive(t.text)) && !demonymAt(tokens, i)) break;
    i--;
  }
  const words = tokens.slice(i + 1, first);
  let country: string | null = null;
  for (let k = 0; k < words.length && !country; k++) {
    const n = demonymAt(words, k);
    if (n) country = DEMONYMS[words.slice(k, k + n).map((w) => w.lower).join(' ')] ?? null;
    else if (possessive(words[k]!)) country = countryCode(withoutPossessive(words[k]!.text)) ?? null;
  }
  return { role: words.map((w) => w.text).join(' '), country, start: words[0]!.start };
}

/** A role written after the name between commas: `Lim Seong-nam, South Korea's vice foreign minister,`. */
function roleAfter(tokens: Token[], last: number, text: string): { role: string; country: string | null } | null {
  if (tokens[last + 1]?.text !== ',') return null;
  let j = last + 2;
  let hasTitle = false;
  const words: Token[] = [];
  while (j < tokens.length && words.length < 10) {
    const t = tokens[j]!;
    if (boundary(t)) break;
    if (t.kind !== 'word' || !(roleWord(t) || possessive(t) || (t.capital && countryCode(t.text)))) return null;
    if (TITLE_WORDS.has(t.lower)) hasTitle = true;
    words.push(t);
    j++;
  }
  if (!hasTitle || !words.length) return null;
  const end = tokens[j];
  if (end && !(end.text === ',' || end.text === '.' || end.kind === 'break')) return null;
  let country: string | null = null;
  for (const w of words) {
    country ??= DEMONYMS[w.lower] ?? (possessive(w) ? countryCode(withoutPossessive(w.text)) ?? null : null);
  }
  return { role: text.slice(words[0]!.start, words[words.length - 1]!.end), country };
}

/** Whether a word after the name is a verb of speech (`X said`), or one before it (`said X`). */
function spoken(tokens: Token[], first: number, last: number): boolean {
  const after = tokens[last + 1];
  const before = tokens[first - 1];
  return Boolean((after && SPEECH_VERBS.has(after.lower)) || (before && SPEECH_VERBS.has(before.lower)));
}

/** Whether a name reads as a Korean person's: a surname, then a one- or two-syllable given name (hyphenated, joined or spaced). */
function koreanPersonName(words: Token[]): boolean {
  if (words.length < 2 || words.length > 3) return false;
  if (!ROMANIZED_SURNAMES.has(fold(words[0]!.text))) return false;
  const given = words.slice(1).map((w) => w.text);
  // Jong-un, Jongun, Jong Un: short syllables, no word of an organization.
  return given.every((g) => /^\p{Lu}[\p{Ll}'’]{0,6}(?:-\p{Ll}[\p{Ll}'’]{0,6})?$/u.test(g) && !ORGANIZATION_NOUNS.has(g.toLowerCase()) && !PLACE_WORDS.has(g.toLowerCase()));
}

/** Whether a run is a place: a country, a city or region of the gazetteer, a DPRK port. */
function isPlace(name: string): boolean {
  const lower = name.toLowerCase();
  return Boolean(PLACE_NAMES.has(lower) || countryCode(name) || dprkPort({ name }) && name.length > 3);
}

/**
 * A name in Hangul: a place of the gazetteer (도쿄), or a Korean person's name with the title the
 * Korean press writes after it (장원재특파원: 장원재, correspondent), or a run the lists may hold.
 */
function hangulName(token: Token, tokens: Token[], at: number): Candidate | null {
  const base = { first: at, last: at, opensSentence: opensSentence(tokens, at), country: null };
  if (HANGUL_PLACES.has(token.text)) return { ...base, text: token.text, start: token.start, end: token.end, type: 'Place', why: 'gazetteer', role: null, words: [token.text] };
  const title = KOREAN_TITLES.find((t) => token.text.endsWith(t) && token.text.length > t.length);
  const name = title ? token.text.slice(0, -title.length) : token.text;
  const korean = name.length >= 2 && name.length <= 4 && HANGUL_SURNAMES.has(name[0]!);
  if (title && korean) return { ...base, text: name, start: token.start, end: token.start + name.length, type: 'Person', why: 'title', role: title, words: [name] };
  return { ...base, text: token.text, start: token.start, end: token.end, type: 'Unknown', why: korean ? 'Korean name' : null, role: null, words: [token.text] };
}

/**
 * The names of an article, in order, each cut from its role, honorific and possessive, and typed
 * where the rules can tell (else `Unknown`). Demonyms (`North Korean`) and words that open
 * sentences are not names.
 */
export function findCandidates(text: string, tokens: Token[] = tokenize(text)): Candidate[] {
  const found: Candidate[] = [];
  for (const [runFirst, runLast] of capitalRuns(tokens)) {
    let first = runFirst;
    const last = runLast;
    if (first === last && tokens[first]!.kind === 'hangul') {
      const hangul = hangulName(tokens[first]!, tokens, first);
      if (hangul) found.push(hangul);
      continue;
    }
    // Words that open sentences but name nothing: `But`, `Following`, `The`.
    while (first <= last && tokens[first]!.kind === 'word' && NOT_NAMES.has(tokens[first]!.lower)) first++;
    if (first > last) continue;
    // A capitalized role before the name: `U.S. Deputy Secretary of State Antony Blinken`,
    // `Fisheries Minister Kang Do-hyung`: cut after the last title word, when what follows is a
    // name (no organization's word in it, not opening with a joiner).
    let role: { role: string; country: string | null } | null = null;
    let why: string | null = null;
    let titleAt = -1;
    for (let k = first; k < last; k++) if (TITLE_WORDS.has(tokens[k]!.lower)) titleAt = k;
    // A surname is no title: `Minister Son Kyong-sik` keeps `Son`.
    while (titleAt > first && ROMANIZED_SURNAMES.has(fold(tokens[titleAt]!.text)) && !roleWord(tokens[titleAt - 1]!)) titleAt--;
    if (titleAt >= first) {
      // The office goes on after its title: `Secretary of State`, `Minister for Foreign Affairs`.
      let roleEnd = titleAt;
      while (roleEnd + 1 < last && (NAME_JOINERS.has(tokens[roleEnd + 1]!.lower) || (roleWord(tokens[roleEnd + 1]!) && !HONORIFICS.has(tokens[roleEnd + 1]!.lower)))) roleEnd++;
      // ... but not into the name: a joiner does not end an office.
      while (roleEnd > titleAt && NAME_JOINERS.has(tokens[roleEnd]!.lower)) roleEnd--;
      let cut = roleEnd + 1;
      if (HONORIFICS.has(tokens[cut]?.lower ?? '')) cut++;
      const rest = tokens.slice(cut, last + 1);
      const restIsName = rest.length > 0 && !NAME_JOINERS.has(rest[0]!.lower) && !rest.some((t) => ORGANIZATION_NOUNS.has(fold(withoutPossessive(t.text)))) && !rest.every((t) => roleWord(t));
      if (restIsName) {
        const words = tokens.slice(first, roleEnd + 1);
        let country: string | null = null;
        for (let w = 0; w < words.length && !country; w++) {
          const n = demonymAt(words, w);
          if (n) country = DEMONYMS[words.slice(w, w + n).map((x) => x.lower).join(' ')] ?? null;
          else if (possessive(words[w]!)) country = countryCode(withoutPossessive(words[w]!.text)) ?? null;
        }
        role = { role: text.slice(words[0]!.start, words[words.length - 1]!.end), country };
        why = 'title';
        first = cut;
      }
    }
    // An honorific: `Mr. Kono`.
    if (first <= last && HONORIFICS.has(tokens[first]!.lower)) {
      first++;
      why = 'honorific';
    }
    if (first > last) continue;
    const runWords = tokens.slice(first, last + 1);
    // Demonyms alone, or a role alone, are no name: `North Korean`, `Foreign Minister`, `Deputy Secretary of State`.
    if (runWords.every((t) => isDemonym(t.lower) || (t.lower === 'korean' || t.lower === 'north' || t.lower === 'south')) && !isPlace(text.slice(tokens[first]!.start, tokens[last]!.end))) continue;
    if (runWords.some((t) => TITLE_WORDS.has(t.lower)) && runWords.every((t) => roleWord(t) && !ORGANIZATION_NOUNS.has(fold(t.text)))) continue;
    // A code, not a name: `IMO number 9312345`, `Resolution 2397`.
    if (runWords.length === 1 && (NUMBERED.has(tokens[last + 1]?.lower ?? '') || (tokens[last + 1]?.kind === 'number' && tokens[last + 1]!.text.length >= 5))) continue;
    const lastToken = tokens[last]!;
    const end = possessive(lastToken) ? lastToken.start + withoutPossessive(lastToken.text).length : ATTRIBUTIVE.test(lastToken.text) ? lastToken.start + lastToken.text.replace(ATTRIBUTIVE, '').length : lastToken.end;
    const start = tokens[first]!.start;
    const name = text.slice(start, end);
    const words = runWords;
    const wordsFolded = name.split(/\s+/).map(fold);
    if (!role) {
      const before = roleBefore(tokens, first);
      if (before) {
        role = before;
        why = 'title';
      }
    }
    role ??= roleAfter(tokens, last, text);
    if (role && !why) why = 'title';
    const previous = tokens[first - 1];
    let type: Candidate['type'] = 'Unknown';
    const lastWord = fold(withoutPossessive(words[words.length - 1]!.text));
    const firmWords = words.filter((w, i) => ORGANIZATION_NOUNS.has(fold(withoutPossessive(w.text))) && !(i === 0 && words.length > 1 && isDemonym(w.lower)));
    const twoBack = previous?.lower === 'the' ? tokens[first - 2] : undefined;
    if ((previous && VESSEL_CUES.has(previous.lower.replace(/\.$/, ''))) || (twoBack && (VESSEL_CUES.has(twoBack.lower) || twoBack.lower === 'aboard' || twoBack.lower === 'onboard'))) {
      type = 'Vessel';
      why = 'vessel word';
    } else if (why === 'title' || why === 'honorific') type = 'Person';
    else if ((firmWords.length && (ORGANIZATION_NOUNS.has(lastWord) || words.length > 1)) || /^(ministry|bank|bureau|department|office|committee|council|university|institute|embassy) of /iu.test(name)) {
      type = 'Organization';
      why = 'organization word';
    } else if (isPlace(name) || (PLACE_WORDS.has(lastWord) && words.length > 1)) {
      type = 'Place';
      why = 'gazetteer';
    } else if (words.length === 1 && /^\p{Lu}{2,6}$/u.test(name)) {
      type = 'Organization';
      why = 'acronym';
    } else if (lastToken.kind === 'number' && words.length > 1 && !NUMBERED_NAMES.has(words[words.length - 2]!.lower)) {
      type = 'Vessel';
      why = "ship's number";
    } else if (spoken(tokens, first, last) && (words.length > 1 || !opensSentence(tokens, first))) {
      type = 'Person';
      why = 'speech';
    } else if (koreanPersonName(words)) {
      type = 'Person';
      why = 'Korean name';
    } else if (words.length >= 2 && words.length <= 3 && GIVEN_NAMES.has(wordsFolded[0]!) && words.every((w) => w.kind === 'word' && !ORGANIZATION_NOUNS.has(fold(w.text)))) {
      type = 'Person';
      why = 'given name';
    }
    // A name's country, where the article gives it before an organization: `South Korea's Ministry of National Defense`, `Japanese`.
    if (!role && type !== 'Person') {
      const country = countryBefore(tokens, first);
      if (country) role = { role: '', country };
    }
    // A run's trailing number belongs to a ship's name only.
    let finalEnd = end;
    let finalName = name;
    if (type !== 'Vessel' && type !== 'Unknown' && lastToken.kind === 'number') {
      const kept = tokens[last - 1]!;
      finalEnd = kept.end;
      finalName = text.slice(start, finalEnd);
    }
    found.push({ text: finalName, start, end: finalEnd, type, why, role: role?.role || null, country: role?.country ?? null, words: finalName.split(/\s+/).map(fold), first, last, opensSentence: opensSentence(tokens, first) });
  }
  return found;
}
