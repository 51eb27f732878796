import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type nlpType from 'compromise';
import { readArticle, type ArticlePerson, type Decide, type Mention, type Quote } from '../core/news/article.js';
import type { Candidate, MentionType } from '../core/news/mentions.js';
import type { MatchQuery, MatchResult } from '../core/index/index.js';
import { DEFAULT_THRESHOLD } from '../core/match/index.js';
import type { Screening } from './screener.js';
import { MatchCache } from './shipments.js';
import type { Store } from '../store/index.js';

// An article scanned: its people, organizations, ships and places (core/news), each person,
// organization and ship screened against the lists with what the article says of it (the
// nationality its role gives), the designees it names with score and explanation, and the
// people it names who are on no list.

/** The scores a mention is judged by. */
export const NEWS_MATCHING = Object.freeze({
  /** At or above: the mention names the listed record (the matcher's threshold, chosen by the evaluation). */
  threshold: DEFAULT_THRESHOLD,
  /** At or above, below the threshold: shown for review, never as a designee (the shipment parties' floor, chosen by their evaluation). */
  reviewFloor: 0.6,
  /** Listed records kept per mention: one designee's records on several lists. */
  limit: 3,
  /** Names whose type the lists and the rules cannot tell, remembered with the language model's answer. */
  cacheSize: 20_000,
});

export interface ArticleInput {
  text: string;
  title?: string | null;
  published?: string | null;
  url?: string | null;
}

/** A listed record a mention names (or may name, below the threshold: `match` false), as the matcher gives it. */
export type MentionMatch = MatchResult;

export interface ScannedMention extends Mention {
  match: MentionMatch | null;
}

export interface ScannedPerson extends Omit<ArticlePerson, 'mentions'> {
  /** The listed record the person is, or may be (below the threshold: `match` false). */
  match: MentionMatch | null;
}

/** A listed record the article names, with its mentions. */
export interface ArticleDesignee extends MentionMatch {
  /** The names the article gives it, and the indexes of their mentions. */
  names: string[];
  mentions: number[];
}

export interface ScannedArticle {
  title: string | null;
  /** The text read, which the mentions' offsets count in (for HTML, the text Readability kept). */
  text: string;
  published: string | null;
  url: string | null;
  mentions: ScannedMention[];
  people: ScannedPerson[];
  quotes: Quote[];
  /** Listed records named at or above the threshold, best first. */
  designees: ArticleDesignee[];
  /** Listed records named below the threshold, for review. */
  possible: ArticleDesignee[];
  /** The lists the names were screened against. */
  versions: string[];
}

export interface NewsScanOptions {
  threshold?: number;
  reviewFloor?: number;
}

/** The score of a listed name written as listed (case, spacing and punctuation aside). */
const EXACT = 0.99;

const SCHEMA: Record<Exclude<MentionType, 'Place'>, string> = { Person: 'Person', Organization: 'Organization', Vessel: 'Vessel' };
const TYPE_OF_SCHEMA: Record<string, MentionType> = { Person: 'Person', Vessel: 'Vessel', Organization: 'Organization', Company: 'Organization', LegalEntity: 'Organization', PublicBody: 'Organization' };

/** compromise, loaded when a name first needs it: it takes most of a second to load, which no other command should pay. */
let nlpLoaded: typeof nlpType | undefined;
const nlp = (text: string): ReturnType<typeof nlpType> => (nlpLoaded ??= createRequire(import.meta.url)('compromise') as typeof nlpType)(text);

/** What compromise's lexicon says a name is, once per name. */
class LanguageModel {
  private readonly known = new Map<string, MentionType | null>();
  constructor(private readonly size: number) {}

  typeOf(name: string): MentionType | null {
    if (this.known.has(name)) return this.known.get(name)!;
    const doc = nlp(name);
    const type: MentionType | null = doc.has('#Person') ? 'Person' : doc.has('#Organization') ? 'Organization' : doc.has('#Place') ? 'Place' : null;
    this.known.set(name, type);
    if (this.known.size > this.size) this.known.delete(this.known.keys().next().value!);
    return type;
  }
}

/** Scans articles against one screening state, remembering names met across articles. */
export class NewsScanner {
  private readonly cache = new MatchCache(NEWS_MATCHING.cacheSize);
  private readonly model = new LanguageModel(NEWS_MATCHING.cacheSize);
  private readonly threshold: number;
  private readonly reviewFloor: number;

  constructor(private readonly state: Screening | undefined, options: NewsScanOptions = {}) {
    this.threshold = options.threshold ?? NEWS_MATCHING.threshold;
    this.reviewFloor = options.reviewFloor ?? NEWS_MATCHING.reviewFloor;
  }

  private screen(query: MatchQuery): MatchResult[] {
    const state = this.state;
    if (!state) return [];
    return this.cache.get(query, () => state.index.match(query, { limit: NEWS_MATCHING.limit, threshold: this.threshold, cutoff: this.reviewFloor, dataset: 'default' }));
  }

  /** A name the rules could not type: a listed name (any script) at the threshold takes the record's type; else the language model's, for people, organizations and places. */
  private readonly decide: Decide = (candidate: Candidate) => {
    // A word alone (`Prices` opening a sentence, `Chi`) is named by the lists only exactly: the matcher's tolerance is for names of several words.
    const alone = candidate.words.length === 1 && !/^[\p{Script=Hangul}\p{Script=Han}]/u.test(candidate.text);
    const needed = alone ? EXACT : this.threshold;
    const listed = this.screen({ schema: 'LegalEntity', properties: { name: [candidate.text] } }).concat(this.screen({ schema: 'Vessel', properties: { name: [candidate.text] } }));
    const best = listed.filter((r) => r.score >= needed).sort((a, b) => b.score - a.score)[0];
    if (best && TYPE_OF_SCHEMA[best.schema]) return { type: TYPE_OF_SCHEMA[best.schema]!, why: 'list' };
    // Hangul and Han runs the lists do not hold are words (한국어, 도쿄), not names: only the lists tell.
    if (/^[\p{Script=Hangul}\p{Script=Han}]/u.test(candidate.text)) return null;
    const type = this.model.typeOf(candidate.text);
    return type ? { type, why: 'language model' } : null;
  };

  scan(article: ArticleInput): ScannedArticle {
    const read = readArticle(article.text, this.decide);
    const matches = new Map<number, MentionMatch | null>();
    // Each person once, by all their names and the country their role gives.
    const people: ScannedPerson[] = read.people.map((person) => {
      const full = person.names.filter((n) => /\s/.test(n.trim()) || /^[\p{Script=Hangul}\p{Script=Han}]{2,}$/u.test(n));
      const match = full.length ? this.best({ schema: 'Person', properties: { name: full, ...(person.country ? { nationality: [person.country.toLowerCase()] } : {}) } }) : null;
      for (const m of person.mentions) matches.set(m, match);
      const { mentions: _mentions, ...rest } = person;
      return { ...rest, match };
    });
    const byText = new Map<string, MentionMatch | null>();
    const mentions: ScannedMention[] = read.mentions.map((mention, i) => {
      if (matches.has(i)) return { ...mention, match: matches.get(i)! };
      if (mention.type === 'Place') return { ...mention, match: null };
      const key = `${mention.type}\u0001${mention.text.toLowerCase()}\u0001${mention.country ?? ''}`;
      if (!byText.has(key)) byText.set(key, this.nameMatch(mention));
      return { ...mention, match: byText.get(key)! };
    });
    const designees = new Map<string, ArticleDesignee>();
    mentions.forEach((mention, i) => {
      if (!mention.match) return;
      const known = designees.get(mention.match.id) ?? { ...mention.match, names: [], mentions: [] };
      if (mention.match.score > known.score) Object.assign(known, mention.match);
      if (!known.names.includes(mention.text)) known.names.push(mention.text);
      known.mentions.push(i);
      designees.set(mention.match.id, known);
    });
    const all = [...designees.values()].sort((a, b) => b.score - a.score);
    return {
      title: article.title ?? null,
      text: article.text,
      published: article.published ?? null,
      url: article.url ?? null,
      mentions,
      people,
      quotes: read.quotes,
      designees: all.filter((d) => d.match),
      possible: all.filter((d) => !d.match),
      versions: this.state?.versions.map((v) => v.id) ?? [],
    };
  }

  /**
   * An organization's or ship's listed record. A word alone (`IMO`, `Zeus`) is taken only when
   * written as listed; a record of another country than the article gives the name (`Japan's
   * Ministry of Defense` against the DPRK's ministry) is shown for review, never as a match.
   */
  private nameMatch(mention: Mention): MentionMatch | null {
    const best = this.best({ schema: SCHEMA[mention.type as Exclude<MentionType, 'Place'>], properties: { name: [mention.text], ...(mention.country ? { country: [mention.country.toLowerCase()] } : {}) } });
    if (!best?.match) return best;
    const alone = !/\s/.test(mention.text.trim()) && !/^[\p{Script=Hangul}\p{Script=Han}]/u.test(mention.text);
    const countries = this.state?.entities.get(best.id)?.properties.country?.map((c) => c.toLowerCase());
    const otherCountry = Boolean(mention.country && countries?.length && !countries.includes(mention.country.toLowerCase()));
    return (alone && best.score < EXACT) || otherCountry ? { ...best, match: false } : best;
  }

  private best(query: MatchQuery): MentionMatch | null {
    return this.screen(query)[0] ?? null;
  }
}

/** Who read which article, when, against which lists, and which designees it named: the trail keeps the URL or the text's hash, never the text. */
export async function recordNewsScan(store: Store, actor: string, article: ArticleInput, scan: ScannedArticle): Promise<void> {
  await store.recordAudit({
    actor,
    action: 'news.scan',
    subject: article.url ?? `sha256:${createHash('sha256').update(article.text).digest('hex')}`,
    after: { title: scan.title, mentions: scan.mentions.length, designees: scan.designees.map((d) => d.id), possible: scan.possible.map((d) => d.id), versions: scan.versions },
  });
}
