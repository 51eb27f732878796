import { NICKNAME_PAIRS } from '../names/reference-tables.js';
import { KOREAN_SURNAMES } from '../names/korean-surnames.js';
import { findCandidates, type Candidate, type MentionType } from './mentions.js';
import { boundary, tokenize, type Token } from './tokens.js';
import { CHINESE_SURNAMES, SPEECH_VERBS } from './vocabulary.js';

// An article read: its names as mentions, the mentions of one person gathered ("Antony Blinken",
// "Tony Blinken", "Blinken"; "Taro Kono", "Mr. Kono"; "Kim Jong-un", "Kim Jong Un"), and its
// quotes attributed to their speakers where the article says who spoke.

export interface Mention {
  text: string;
  start: number;
  end: number;
  type: MentionType;
  /** The person it names (an index into `people`), for a Person. */
  person: number | null;
  role: string | null;
  /** The country the article gives it (its role's demonym, `South Korea's` before a ministry), ISO 3166 code. */
  country: string | null;
  /** Why it has its type (`title`, `speech`, `gazetteer`, `list`, ...). */
  why: string | null;
}

export interface ArticlePerson {
  id: number;
  /** The names it is given, in the article's order, each once. */
  names: string[];
  /** The first role the article gives it, and the country that role names. */
  role: string | null;
  country: string | null;
  quotes: string[];
  /** Indexes of its mentions. */
  mentions: number[];
}

export interface Quote {
  text: string;
  start: number;
  end: number;
  /** The person who said it, or null when the article does not name them. */
  speaker: number | null;
}

export interface ReadArticle {
  mentions: Mention[];
  people: ArticlePerson[];
  quotes: Quote[];
}

/**
 * What a reader decides for a name the rules could not type (the lists, a language model): its
 * type and why, or null to drop it.
 */
export type Decide = (candidate: Candidate) => { type: MentionType; why: string } | null;

/** Each romanization of a Korean surname to one key (Choi, Choe and Ch'oe are 최), so that a surname alone finds its person however spelled. */
const KOREAN_KEY = new Map(KOREAN_SURNAMES.flatMap((s) => s.spellings.map((x) => [x.toLowerCase().replace(/['’]/g, ''), s.hangul] as const)));
const KOREAN = new Set(KOREAN_KEY.keys());
/** A surname as compared: a Korean one by its Hangul, any other as written. */
const surnameKey = (surname: string): string => KOREAN_KEY.get(surname) ?? surname;
const FAMILIAR = new Map<string, Set<string>>();
for (const [formal, familiar] of NICKNAME_PAIRS) {
  for (const [a, b] of [[formal, familiar], [familiar, formal]] as const) {
    if (!FAMILIAR.has(a)) FAMILIAR.set(a, new Set());
    FAMILIAR.get(a)!.add(b);
  }
}

/** Two given names of one person: equal, a familiar form of the other (Tony, Anthony), or one the other's ending (Tony, Antony). */
function sameGiven(a: string, b: string): boolean {
  if (a === b) return true;
  if (FAMILIAR.get(a)?.has(b)) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && (long.endsWith(short) || long.startsWith(short));
}

/** A person's name as surname and given name: Korean names put the surname first (`Kim Jong-un`), others last. */
function nameParts(words: string[], korean: boolean): { surname: string; given: string } {
  if (words.length === 1) return { surname: words[0]!, given: '' };
  return korean ? { surname: words[0]!, given: words.slice(1).join('') } : { surname: words[words.length - 1]!, given: words.slice(0, -1).join(' ') };
}

/** What types a name only weakly: the article naming a firm or ship so before decides over it. */
const WEAK = new Set(['Korean name', 'given name', 'speech', 'gazetteer', 'acronym']);

const foldName = (text: string): string[] => text.toLowerCase().replace(/['’.]/g, '').split(/[\s-]+/).filter(Boolean);

/** The type of an organization or ship named before whose name this one is, or begins it (a word at least, not a common one alone). */
function namedBefore(candidate: Candidate, mentions: Mention[]): MentionType | undefined {
  const words = foldName(candidate.text);
  if (!words.length) return undefined;
  for (let m = mentions.length - 1; m >= 0; m--) {
    const mention = mentions[m]!;
    if (mention.type !== 'Organization' && mention.type !== 'Vessel') continue;
    const theirs = foldName(mention.text);
    // `Ryonbong` in `Korea Ryonbong General Corporation`: the short name is one of its words, not the first alone when that is a country (`Korea`).
    const at = theirs.findIndex((w, i) => w === words[0] && words.every((x, k) => theirs[i + k] === x));
    if (at < 0) continue;
    if (words.length === theirs.length || (at === 0 && words.length >= 2) || (words.length === 1 && at <= 1 && words[0]!.length >= 4 && !/^(korea|korean|north|south|china|chinese)$/.test(words[0]!))) return mention.type;
  }
  return undefined;
}

/** Gathers the mentions of one person as the article goes. */
class People {
  readonly people: (ArticlePerson & { parts: { surname: string; given: string }[] })[] = [];

  /**
   * The person a name belongs to, or undefined. A full name finds the person of the same surname
   * and given name (or a familiar form of it); a surname alone finds the person of that surname
   * named most often so far, the first named of them on a tie (the article's subject, not the
   * relative named in passing).
   */
  find(words: string[], korean: boolean): number | undefined {
    const mine = nameParts(words, korean);
    if (words.length === 1) {
      let best: number | undefined;
      for (const [i, person] of this.people.entries()) {
        if (!person.parts.some((known) => surnameKey(known.surname) === surnameKey(mine.surname))) continue;
        if (best === undefined || person.mentions.length > this.people[best]!.mentions.length) best = i;
      }
      return best;
    }
    for (let i = this.people.length - 1; i >= 0; i--) {
      const person = this.people[i]!;
      for (const known of person.parts) {
        if (surnameKey(known.surname) === surnameKey(mine.surname) && (!known.given || sameGiven(known.given, mine.given))) return i;
        // Written in the other order: `Jong Un Kim`.
        const swapped = nameParts(words, !korean);
        if (surnameKey(known.surname) === surnameKey(swapped.surname) && known.given && sameGiven(known.given, swapped.given)) return i;
      }
    }
    return undefined;
  }

  add(candidate: Candidate, mention: number, korean: boolean): number {
    const found = this.find(candidate.words, korean);
    const parts = nameParts(candidate.words, korean);
    if (found !== undefined) {
      const person = this.people[found]!;
      if (!person.names.includes(candidate.text)) person.names.push(candidate.text);
      person.role ??= candidate.role;
      person.country ??= candidate.country;
      person.mentions.push(mention);
      if (candidate.words.length > 1) person.parts.push(parts);
      return found;
    }
    const id = this.people.length;
    this.people.push({ id, names: [candidate.text], role: candidate.role, country: candidate.country, quotes: [], mentions: [mention], parts: [parts] });
    return id;
  }
}

/** Quoted passages: between “ and ”, or straight double quotes; a paragraph's end closes an open quote. */
function findQuotes(text: string): { start: number; end: number }[] {
  const quotes: { start: number; end: number }[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' && text[i + 1] === '\n' && open >= 0) {
      // Unclosed at a paragraph's end: the quote goes on in the next paragraph, as news writes it.
      quotes.push({ start: open, end: i });
      open = -1;
    } else if (c === '“' || c === '«') open = i + 1;
    else if ((c === '”' || c === '»') && open >= 0) {
      quotes.push({ start: open, end: i });
      open = -1;
    } else if (c === '"') {
      if (open >= 0) {
        quotes.push({ start: open, end: i });
        open = -1;
      } else open = i + 1;
    }
  }
  return quotes.filter((q) => text.slice(q.start, q.end).trim().split(/\s+/).length >= 2);
}

const PRONOUNS = new Set(['he', 'she', 'him', 'her']);

/**
 * Read an article: every name as a mention (typed by the rules, else by `decide`), the people
 * it names with their names, roles and quotes.
 */
export function readArticle(text: string, decide?: Decide): ReadArticle {
  const tokens = tokenize(text);
  const quoteSpans = findQuotes(text);
  const inQuote = (at: number): boolean => quoteSpans.some((q) => at >= q.start && at < q.end);
  const people = new People();
  const mentions: Mention[] = [];
  // Token index → mention index, for quote attribution.
  const mentionAtToken = new Map<number, number>();
  for (const candidate of findCandidates(text, tokens)) {
    // Korean and Chinese names put the surname first.
    const surnameFirst = (KOREAN.has(candidate.words[0] ?? '') || CHINESE_SURNAMES.has(candidate.words[0] ?? '')) && candidate.words.length > 1;
    let type = candidate.type;
    let why = candidate.why;
    // A firm or ship named again, in full or by its first words: `Ryonbong` after `Korea Ryonbong
    // General Corporation`, `Chong Chon Gang` after `the freighter Chong Chon Gang`.
    const earlier = type === 'Unknown' || WEAK.has(why ?? '') ? namedBefore(candidate, mentions) : undefined;
    if (earlier) {
      type = earlier;
      why = 'named before';
    } else if ((type === 'Unknown' || type === 'Person') && candidate.words.length === 1 && people.find(candidate.words, false) !== undefined) {
      // A name alone that a person of the article bears is that person: `Blinken`, `Mr. Kono`, `Lim`.
      type = 'Person';
      why ??= 'named before';
    }
    if (type === 'Unknown') {
      const decided = decide?.(candidate);
      if (!decided) continue;
      type = decided.type;
      why = decided.why;
    }
    const index = mentions.length;
    const person = type === 'Person' ? people.add(candidate, index, surnameFirst) : null;
    mentions.push({ text: candidate.text, start: candidate.start, end: candidate.end, type, person, role: candidate.role, country: candidate.country, why });
    for (let t = candidate.first; t <= candidate.last; t++) mentionAtToken.set(t, index);
  }

  const quotes: Quote[] = [];
  const personBefore = (at: number): number | null => {
    for (let m = mentions.length - 1; m >= 0; m--) {
      const mention = mentions[m]!;
      if (mention.start < at && mention.person !== null && !inQuote(mention.start)) return mention.person;
    }
    return null;
  };
  for (const span of quoteSpans) {
    // A sentence naming no one as the speaker (`," an official said`) is attributed to no one; a quote with no verb of speech goes on from the one before.
    const attributed = attribute(tokens, span, mentions, mentionAtToken, personBefore, inQuote);
    const speaker = attributed === undefined ? continuing(text, span, quotes) : attributed;
    const quote: Quote = { text: text.slice(span.start, span.end).trim().replace(/[,.]$/, ''), start: span.start, end: span.end, speaker };
    quotes.push(quote);
    if (speaker !== null) people.people[speaker]!.quotes.push(quote.text);
  }
  return { mentions, people: people.people.map(({ parts: _parts, ...person }) => person), quotes };
}

/**
 * The speaker of a quote, from its sentence: a verb of speech with a person named (or a pronoun)
 * after the quote (`," Sugiyama said`, `," said Lu Kang`, `," he said`), else before it
 * (`Kim Jong-un said ... that he was "open to dialogue"`); null when the verb has no person
 * named (`an official said`), undefined when the sentence has no verb of speech.
 */
function attribute(tokens: Token[], span: { start: number; end: number }, mentions: Mention[], mentionAt: Map<number, number>, personBefore: (at: number) => number | null, inQuote: (at: number) => boolean): number | null | undefined {
  const afterFirst = tokens.findIndex((t) => t.start > span.end);
  const sentenceEnd = (from: number): number => {
    let j = from;
    while (j < tokens.length && !(tokens[j]!.kind === 'break' || (tokens[j]!.text === '.' && !inQuote(tokens[j]!.start)) || tokens[j]!.text === '“' || tokens[j]!.text === '"')) j++;
    return j;
  };
  const speakerIn = (from: number, to: number): number | null | undefined => {
    let verb = false;
    let found: number | null = null;
    for (let j = from; j < to; j++) {
      const t = tokens[j]!;
      if (inQuote(t.start)) continue;
      if (SPEECH_VERBS.has(t.lower)) verb = true;
      const m = mentionAt.get(j);
      if (m !== undefined && found === null && mentions[m]!.person !== null) found = mentions[m]!.person;
      if (found === null && PRONOUNS.has(t.lower) && t.kind === 'word') found = personBefore(t.start);
    }
    return verb ? found : undefined;
  };
  if (afterFirst >= 0) {
    const after = speakerIn(afterFirst, sentenceEnd(afterFirst));
    if (after !== undefined) return after;
  }
  // The sentence before the quote, from its start.
  let first = tokens.findIndex((t) => t.start >= span.start) - 1;
  while (first > 0 && !(boundary(tokens[first - 1]!) && (tokens[first - 1]!.text === '.' || tokens[first - 1]!.kind === 'break'))) first--;
  return speakerIn(Math.max(0, first), tokens.findIndex((t) => t.start >= span.start));
}

/** A quote with no speaker in its sentence, following another in its paragraph or opening the next one, goes on with that speaker. */
function continuing(text: string, span: { start: number; end: number }, quotes: Quote[]): number | null {
  const previous = quotes[quotes.length - 1];
  if (!previous || previous.speaker === null) return null;
  const between = text.slice(previous.end + 1, span.start - 1);
  // Only the previous quote's attribution lies between them (`," he said. "`), or a paragraph break.
  return between.length < 120 && !/[“"][^”"]*$/.test(between) ? previous.speaker : null;
}
