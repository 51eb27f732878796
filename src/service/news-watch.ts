import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { parseFeed as parseFeedType } from 'feedsmith';
import type { Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import { CandidateIndex, type MatchQuery } from '../core/index/index.js';
import type { Store } from '../store/index.js';
import type { Party } from '../store/parties.js';
import { NewsScanner, type ArticleInput, type ScannedArticle } from './news.js';
import { readArticleText, type FetchOptions } from './news-input.js';
import type { Screening } from './screener.js';
import { download } from './update.js';

// Articles kept and watched for: a scanned article is stored once (by its URL or its text), with
// the listed records and the monitored parties it names; a party named raises an alert of kind
// `adverse_media` in the alerts' queue, quoting the passage. Feeds (RSS, Atom, RDF, JSON Feed,
// read by feedsmith) are read on a schedule, each new item fetched, scanned and kept.

/** An item of a feed: where its article is, its title and date as the feed gives them. */
export interface FeedItem {
  url: string;
  title: string | null;
  published: string | null;
}

/** feedsmith, loaded when a feed is first read. */
let parseFeed: typeof parseFeedType | undefined;

/** The items of a feed, in the feed's order; a feed that cannot be read is an error naming it. */
export function feedItems(content: string, feedUrl: string): FeedItem[] {
  parseFeed ??= (createRequire(import.meta.url)('feedsmith') as { parseFeed: typeof parseFeedType }).parseFeed;
  let parsed: ReturnType<typeof parseFeedType>;
  try {
    parsed = parseFeed(content);
  } catch (error) {
    throw new InputError('INVALID_ARTICLE', `${feedUrl}: not an RSS, Atom, RDF or JSON feed (${(error as Error).message})`);
  }
  const absolute = (link: string | undefined): string | null => {
    if (!link) return null;
    try {
      return new URL(link, feedUrl).toString();
    } catch {
      return null;
    }
  };
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : value && typeof value === 'object' && 'value' in value ? String((value as { value: unknown }).value ?? '') || null : null);
  const items: FeedItem[] = [];
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      for (const item of (parsed.feed as { items?: { link?: string; title?: string; pubDate?: string; dc?: { date?: string } }[] }).items ?? []) {
        const url = absolute(item.link);
        if (url) items.push({ url, title: text(item.title), published: item.pubDate ?? item.dc?.date ?? null });
      }
      break;
    case 'atom':
      for (const entry of (parsed.feed as { entries?: { links?: { href?: string; rel?: string }[]; title?: unknown; published?: string; updated?: string }[] }).entries ?? []) {
        const link = entry.links?.find((l) => !l.rel || l.rel === 'alternate') ?? entry.links?.[0];
        const url = absolute(link?.href);
        if (url) items.push({ url, title: text(entry.title), published: entry.published ?? entry.updated ?? null });
      }
      break;
    case 'json':
      for (const item of (parsed.feed as { items?: { url?: string; title?: string; date_published?: string }[] }).items ?? []) {
        const url = absolute(item.url);
        if (url) items.push({ url, title: item.title ?? null, published: item.date_published ?? null });
      }
      break;
  }
  return items;
}

/** A monitored party named in an article: the mention, its score, the passage around it. */
export interface PartyMention {
  party: Party;
  mention: string;
  score: number;
  passage: string;
}

/** The sentence around a span of text, trimmed to at most 400 characters. */
export function passageAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1]!) && start - from < 250) from--;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to]!) && to - end < 250) to++;
  if (to < text.length && /[.!?]/.test(text[to]!)) to++;
  return text.slice(from, to).replace(/\s+/g, ' ').trim();
}

/** The monitored parties, as an index of their names beside the lists' (weighed as the lists weigh words). */
export class PartyNames {
  private constructor(private readonly index: CandidateIndex | undefined, private readonly parties: Map<string, Party>, private readonly threshold: number) {}

  static async of(store: Store, state: Screening | undefined): Promise<PartyNames> {
    const parties = new Map<string, Party>();
    for (let page = await store.monitoring.listParties({ limit: 10_000 }); page.length; page = await store.monitoring.listParties({ after: page[page.length - 1]!.id, limit: 10_000 })) {
      for (const party of page) parties.set(party.id, party);
    }
    const { alertThreshold } = await store.monitoring.monitorSettings();
    if (!parties.size) return new PartyNames(undefined, parties, alertThreshold);
    const entities: Entity[] = [...parties.values()].map((p) => ({ id: p.id, schema: p.schema, caption: p.name, properties: p.properties, datasets: ['parties'], designations: [] }));
    return new PartyNames(state ? CandidateIndex.buildWeighedBy(entities, state.index) : CandidateIndex.build(entities), parties, alertThreshold);
  }

  get size(): number {
    return this.parties.size;
  }

  /** The parties an article names (people by all their names, organizations and ships by theirs), each once with its best mention. */
  named(article: ArticleInput, scan: ScannedArticle): PartyMention[] {
    if (!this.index) return [];
    const found = new Map<string, PartyMention>();
    const consider = (query: MatchQuery, mentionIndex: number): void => {
      const mention = scan.mentions[mentionIndex]!;
      for (const result of this.index!.match(query, { limit: 5, threshold: this.threshold, cutoff: this.threshold })) {
        const known = found.get(result.id);
        if (known && known.score >= result.score) continue;
        found.set(result.id, { party: this.parties.get(result.id)!, mention: mention.text, score: result.score, passage: passageAround(article.text, mention.start, mention.end) });
      }
    };
    for (const person of scan.people) {
      const full = person.names.filter((n) => /\s/.test(n.trim()));
      const first = scan.mentions.findIndex((m) => m.person === person.id && full.includes(m.text));
      if (full.length && first >= 0) consider({ schema: 'Person', properties: { name: full, ...(person.country ? { nationality: [person.country.toLowerCase()] } : {}) } }, first);
    }
    const seen = new Set<string>();
    scan.mentions.forEach((m, i) => {
      if ((m.type !== 'Organization' && m.type !== 'Vessel') || seen.has(`${m.type}:${m.text}`)) return;
      seen.add(`${m.type}:${m.text}`);
      consider({ schema: m.type === 'Vessel' ? 'Vessel' : 'Organization', properties: { name: [m.text] } }, i);
    });
    return [...found.values()].sort((a, b) => b.score - a.score);
  }
}

/** What keeping an article did: its id, whether it was new, what it names, and the alerts it raised. */
export interface KeptArticle {
  id: string;
  stored: boolean;
  scan: ScannedArticle;
  parties: PartyMention[];
  alerts: number[];
}

/**
 * Keep a scanned article once, with the listed records and the monitored parties it names, and
 * raise one `adverse_media` alert per party named in a new article, quoting the passage.
 */
export async function keepArticle(store: Store, article: ArticleInput, scan: ScannedArticle, parties: PartyNames, options: { feed?: string | null; actor: string }): Promise<KeptArticle> {
  const contentSha256 = createHash('sha256').update(article.text.replace(/\s+/g, ' ').trim()).digest('hex');
  const named = parties.named(article, scan);
  const links = [...scan.designees, ...scan.possible].map((d) => ({ entityId: d.id, score: d.score, match: d.match }));
  const { id, stored } = await store.news.storeArticle({ url: article.url ?? null, contentSha256, title: scan.title, published: scan.published, feed: options.feed ?? null, text: article.text, scan, links, parties: named.map((p) => ({ partyId: p.party.id, score: p.score })) }, options.actor);
  if (!stored || !named.length) return { id, stored, scan, parties: named, alerts: [] };
  const raised = await store.monitoring.insertAlerts(named.map((p) => ({
    kind: 'adverse_media' as const,
    partyId: p.party.id,
    partyHash: p.party.hash,
    entityId: `news:${id}`,
    members: [`news:${id}`],
    caption: scan.title ?? article.url ?? id,
    designationsHash: contentSha256.slice(0, 32),
    datasets: ['news'],
    versionId: id,
    score: p.score,
    explanation: { article: { id, url: article.url ?? null, title: scan.title, published: scan.published, feed: options.feed ?? null }, mention: p.mention, passage: p.passage },
  })), options.actor);
  return { id, stored, scan, parties: named, alerts: raised.map((a) => a.id) };
}

/** How one feed's reading went. */
export interface FeedReading {
  feed: string;
  items: number;
  /** Items whose article was kept now; items kept before are not fetched again. */
  kept: number;
  alerts: number;
  errors: string[];
}

async function fetchText(url: string, options: FetchOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-feed-'));
  try {
    const file = join(dir, 'body');
    await download(url, file, { timeoutMs: options.timeoutMs ?? 30_000, retries: options.retries ?? 3, backoffMs: options.backoffMs ?? 1000, log: options.log });
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Read each feed once: every item not kept before is fetched, scanned and kept, and the parties
 * it names alerted. A feed or an item that fails is reported (and recorded on the feed); the
 * others go on.
 */
export async function readFeeds(store: Store, state: Screening | undefined, feeds: string[], options: FetchOptions & { actor: string; scanner?: NewsScanner }): Promise<FeedReading[]> {
  const scanner = options.scanner ?? new NewsScanner(state);
  const parties = await PartyNames.of(store, state);
  const readings: FeedReading[] = [];
  for (const feed of feeds) {
    const reading: FeedReading = { feed, items: 0, kept: 0, alerts: 0, errors: [] };
    readings.push(reading);
    let items: FeedItem[];
    try {
      items = feedItems(await fetchText(feed, options), feed);
    } catch (error) {
      reading.errors.push((error as Error).message);
      await store.news.feedChecked(feed, (error as Error).message);
      continue;
    }
    reading.items = items.length;
    for (const item of items) {
      if (await store.news.hasArticleUrl(item.url)) continue;
      try {
        const article = readArticleText(await fetchText(item.url, options), undefined, item.url);
        article.title = article.title ?? item.title;
        article.published = article.published ?? item.published;
        const kept = await keepArticle(store, article, scanner.scan(article), parties, { feed, actor: options.actor });
        if (kept.stored) reading.kept++;
        reading.alerts += kept.alerts.length;
      } catch (error) {
        reading.errors.push(`${item.url}: ${(error as Error).message}`);
      }
    }
    await store.news.feedChecked(feed, reading.errors.length ? reading.errors.join('; ').slice(0, 2000) : null);
  }
  return readings;
}
