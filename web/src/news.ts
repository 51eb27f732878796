// News articles as the console shows them: the scan of POST /news/scan, the stored articles of
// GET /news and the feeds of GET /news/feeds, and an article's text cut into pieces for its
// mentions to be highlighted.
import type { ArticleDesignee, MentionMatch, ScannedArticle, ScannedMention, ScannedPerson } from '../../src/service/news.js';
import type { Quote } from '../../src/core/news/article.js';
import { call } from './api.js';

export type { ArticleDesignee, MentionMatch, Quote, ScannedArticle, ScannedMention, ScannedPerson };

/** A scan as the page holds it: the answer, and the text its offsets count in when the page knows it (the text pasted, or a stored article's). */
export interface ShownScan {
  scan: ScannedArticle;
  text: string | null;
}

/** A listed record a stored article names (its caption null when the current lists no longer hold it). */
export interface ArticleLink {
  id: string;
  caption: string | null;
  score: number;
}

/** A stored article as GET /news lists it: the designees (at the threshold) and possible matches it names, the monitored parties (their name null once no longer monitored). */
export interface StoredArticle {
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  fetched_at: string;
  feed: string | null;
  mentions: number;
  designees: ArticleLink[];
  possible: ArticleLink[];
  parties: { id: string; name: string | null; score: number }[];
}

/** A stored article as GET /news/{id} gives it: with its text and its scan as when it was read. */
export interface StoredArticleText extends StoredArticle {
  text: string;
  scan: ScannedArticle;
}

/** A feed watched (GET /news/feeds). */
export interface WatchedFeed {
  url: string;
  added_by: string;
  added_at: string;
  last_checked: string | null;
  last_error: string | null;
  articles: number;
}

/** What GET /news is asked for: the articles naming a listed entity, a monitored party, or fetched after a date (`YYYY-MM-DD`, from its midnight UTC) or time. */
export interface NewsFilter {
  entity: string;
  party: string;
  after: string;
}

/** The article scanned: pasted text or HTML, or a URL the server fetches. */
export type ArticleSource = { kind: 'text' | 'html'; content: string } | { kind: 'url'; url: string };

export const news = {
  scan: (source: ArticleSource, extra: { title?: string; published?: string }) => {
    const body = source.kind === 'url' ? { url: source.url } : source.kind === 'html' ? { html: source.content } : { text: source.content };
    return call<ScannedArticle>('/news/scan', { method: 'POST', json: { ...body, ...(extra.title ? { title: extra.title } : {}), ...(extra.published ? { published: extra.published } : {}) } });
  },
  articles: (filter: Partial<NewsFilter>, limit = 200) => {
    const params = new URLSearchParams({ limit: String(limit) });
    if (filter.entity) params.set('entity', filter.entity);
    if (filter.party) params.set('party', filter.party);
    // The API takes a time: a date is its first moment, in UTC as the server keeps times.
    if (filter.after) params.set('after', /^\d{4}-\d\d-\d\d$/.test(filter.after) ? `${filter.after}T00:00:00Z` : filter.after);
    return call<{ articles: StoredArticle[] }>(`/news?${params}`).then((r) => r.articles);
  },
  article: (id: string) => call<StoredArticleText>(`/news/${encodeURIComponent(id)}`),
  feeds: () => call<{ feeds: WatchedFeed[] }>('/news/feeds').then((r) => r.feeds),
  addFeed: (url: string) => call<unknown>('/news/feeds', { method: 'POST', json: { url } }),
  removeFeed: (url: string) => call<unknown>(`/news/feeds?url=${encodeURIComponent(url)}`, { method: 'DELETE' }),
};

/** A mention's standing: a designee (a listed record at or above the threshold), possible (below it, for review), not listed, or a place (not screened). */
export type MentionStatus = 'designee' | 'possible' | 'unlisted' | 'place';

export const STATUS_WORDS: Record<MentionStatus, string> = { designee: 'designee', possible: 'possible match, for review', unlisted: 'not listed', place: 'place, not screened' };

export function statusOf(mention: Pick<ScannedMention, 'type' | 'match'>): MentionStatus {
  if (mention.type === 'Place') return 'place';
  if (!mention.match) return 'unlisted';
  return mention.match.match ? 'designee' : 'possible';
}

/** A person's standing on the lists, from the record they matched. */
export function personStatus(person: Pick<ScannedPerson, 'match'>): Exclude<MentionStatus, 'place'> {
  return !person.match ? 'unlisted' : person.match.match ? 'designee' : 'possible';
}

/** A piece of the article's text: plain (inside a quote or not), or a mention (its index in the scan's mentions). */
export type TextPiece = { kind: 'text'; text: string; quote: number | null } | { kind: 'mention'; index: number; quote: number | null };

/**
 * The text cut at its mentions, each piece knowing the quote it is in. A mention whose offsets do
 * not hold its text (a scan of another text) or that overlaps one before it is left as plain text.
 */
export function piecesOf(text: string, mentions: readonly ScannedMention[], quotes: readonly Quote[]): TextPiece[] {
  const quoteAt = (at: number): number | null => {
    const i = quotes.findIndex((q) => q.start <= at && at < q.end);
    return i >= 0 ? i : null;
  };
  const order = mentions.map((m, index) => ({ m, index })).filter(({ m }) => m.start >= 0 && m.end <= text.length && text.slice(m.start, m.end) === m.text).sort((a, b) => a.m.start - b.m.start);
  // Plain text cut again where a quote begins or ends, so that each piece is wholly in one quote or none.
  const cuts = [...new Set(quotes.flatMap((q) => [q.start, q.end]))].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  const plain = (from: number, to: number) => {
    const inner = cuts.filter((c) => c > from && c < to);
    for (const [a, b] of [from, ...inner].map((c, i, all) => [c, all[i + 1] ?? to] as const)) {
      if (b > a) pieces.push({ kind: 'text', text: text.slice(a, b), quote: quoteAt(a) });
    }
  };
  let at = 0;
  for (const { m, index } of order) {
    if (m.start < at) continue;
    plain(at, m.start);
    pieces.push({ kind: 'mention', index, quote: quoteAt(m.start) });
    at = m.end;
  }
  plain(at, text.length);
  return pieces;
}

/** The text as the server reads pasted text: line ends as `\n` (the offsets count in it). */
export const normalizeText = (text: string): string => text.replace(/\r\n?/g, '\n');
