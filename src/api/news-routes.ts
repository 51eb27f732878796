import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { InputError } from '../core/errors.js';
import { NewsScanner, recordNewsScan } from '../service/news.js';
import { MAX_ARTICLE_BYTES, fetchArticle, readArticleText, type ArticleFormat } from '../service/news-input.js';
import type { Screener, Screening } from '../service/screener.js';
import type { ArticleSummary, Store } from '../store/index.js';
import type { RouteAccess } from './access.js';
import { screeningFor } from './screening-state.js';

const ARTICLE_FIELDS = new Set(['text', 'html', 'url', 'title', 'published']);

/** One scanner per index: the names met in earlier articles are remembered with it, and go with it. */
const SCANNERS = new WeakMap<Screening, NewsScanner>();
const scannerFor = (state: Screening): NewsScanner => {
  let scanner = SCANNERS.get(state);
  if (!scanner) SCANNERS.set(state, (scanner = new NewsScanner(state)));
  return scanner;
};

/** Addresses a server never fetches an article from on a caller's word: its own machine and private networks. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['127.0.0.0', 8], ['169.254.0.0', 16], ['0.0.0.0', 8], ['100.64.0.0', 10]] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::1', 128], ['fc00::', 7], ['fe80::', 10], ['::', 128]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

/** Refuse a URL whose host is, or resolves to, a private or loopback address (a reader's key must not reach the server's network). */
async function publicUrl(url: string): Promise<void> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    throw new InputError('INVALID_ARTICLE', `body/url: ${url} is not a URL`);
  }
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  if (!addresses.length) throw new InputError('INVALID_ARTICLE', `body/url: ${host} does not resolve`);
  for (const { address, family } of addresses) {
    if (PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4')) throw new InputError('INVALID_ARTICLE', `body/url: ${host} is a private or loopback address (${address}); the server fetches public articles only`);
  }
}

/** An article as listed: what it is, the designees and parties it names (with their names), how many names it holds. */
async function articleView(store: Store, screener: Screener, article: ArticleSummary) {
  const entities = screener.current?.entities;
  const parties = new Map((await store.monitoring.partiesById(article.parties.map((p) => p.partyId))).map((p) => [p.id, p.name]));
  return {
    id: article.id,
    url: article.url,
    title: article.title,
    published: article.published,
    fetched_at: article.fetchedAt,
    feed: article.feed,
    mentions: article.mentions,
    designees: article.links.filter((l) => l.match).map((l) => ({ id: l.entityId, caption: entities?.get(l.entityId)?.caption ?? null, score: l.score })),
    possible: article.links.filter((l) => !l.match).map((l) => ({ id: l.entityId, caption: entities?.get(l.entityId)?.caption ?? null, score: l.score })),
    parties: article.parties.map((p) => ({ id: p.partyId, name: parties.get(p.partyId) ?? null, score: p.score })),
  };
}

/**
 * `POST /news/scan`: an article's people, organizations, ships and places, linked to the lists;
 * `GET /news`: the articles kept, by entity, party or time; `/news/feeds`: the feeds watched.
 */
export function registerNewsRoutes(instance: FastifyInstance, store: Store, screener: Screener): void {
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();
  app.get('/news', {
    schema: {
      summary: 'The articles kept (interdict news watch, interdict news scan --store), newest first: those naming a listed record (`entity`) or a monitored party (`party`), or fetched after a time',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entity: { type: 'string', minLength: 1, maxLength: 500 },
          party: { type: 'string', minLength: 1, maxLength: 500 },
          after: { type: 'string', format: 'date-time' },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        },
      },
    },
  }, async (request) => {
    const { entity, party, after, limit } = request.query;
    const articles = await store.news.listArticles({ entity, party, after, limit });
    return { articles: await Promise.all(articles.map((a) => articleView(store, screener, a))) };
  });

  app.get('/news/feeds', { schema: { summary: 'The feeds watched, with when each was last read and how' } }, async () => ({
    feeds: (await store.news.listFeeds()).map((f) => ({ url: f.url, added_by: f.addedBy, added_at: f.addedAt, last_checked: f.lastChecked, last_error: f.lastError, articles: f.articles })),
  }));

  app.post('/news/feeds', {
    config: { role: 'analyst' } satisfies RouteAccess,
    schema: {
      summary: 'Watch a feed (RSS or Atom, public addresses only): `interdict news watch` reads it with the others; audited',
      body: { type: 'object', required: ['url'], properties: { url: { type: 'string', minLength: 1, maxLength: 4000 } } },
    },
  }, async (request, reply) => {
    const { url } = request.body;
    const unknown = Object.keys(request.body).filter((k) => k !== 'url');
    if (unknown.length) throw new InputError('BAD_REQUEST', `body: ${unknown.map((k) => `"${k}"`).join(', ')} is not a field of a feed (url)`);
    if (!/^https?:\/\//i.test(url)) throw new InputError('INVALID_ARTICLE', `body/url: ${url}: a feed's URL starts with http:// or https://`);
    await publicUrl(url);
    const feed = await store.news.addFeed(url, request.actor);
    return reply.status(201).send({ url: feed.url, added_by: feed.addedBy, added_at: feed.addedAt, last_checked: feed.lastChecked, last_error: feed.lastError, articles: feed.articles });
  });

  app.delete('/news/feeds', {
    config: { role: 'analyst' } satisfies RouteAccess,
    schema: { summary: 'Stop watching a feed (its articles are kept); audited', querystring: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string', minLength: 1, maxLength: 4000 } } } },
  }, async (request, reply) => {
    await store.news.removeFeed(request.query.url, request.actor);
    return reply.status(204).send();
  });

  app.get('/news/:id', {
    schema: { summary: 'An article kept: its text, its scan as when it was read, the designees and parties it names', params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } },
  }, async (request) => {
    const article = await store.news.getArticle(request.params.id);
    return { ...(await articleView(store, screener, article)), text: article.text, scan: article.scan };
  });

  for (const type of ['text/plain', 'text/html']) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: MAX_ARTICLE_BYTES }, (_request, body, done) => done(null, body));
  }
  app.post('/news/scan', {
    bodyLimit: MAX_ARTICLE_BYTES,
    config: { role: 'reader' } satisfies RouteAccess,
    schema: {
      summary: 'Scan a news article: every person, organization, vessel and place it names with offsets, type and role; the people with their names and quotes; the designees it names with score and explanation (docs/news.md); audited',
      description: `JSON {"text"} (plain text), {"html"} (a page: its article text is kept, menus and comments dropped) or {"url"} (fetched, public addresses only), with an optional "title" and "published"; or a text/plain or text/html body. At most ${MAX_ARTICLE_BYTES / 1024 / 1024} MB.`,
      body: {
        anyOf: [
          {
            type: 'object',
            // Unknown fields are refused in the handler, by name (the validator would drop them unsaid).
            properties: {
              text: { type: 'string', minLength: 1 },
              html: { type: 'string', minLength: 1 },
              url: { type: 'string', minLength: 1, maxLength: 4000 },
              title: { type: 'string', maxLength: 1000 },
              published: { type: 'string', maxLength: 100 },
            },
          },
          { type: 'string' },
        ],
      },
    },
  }, async (request, reply) => {
    const state = screeningFor(screener, 'default', reply);
    if (!state) return reply;
    const body = request.body as string | { text?: string; html?: string; url?: string; title?: string; published?: string };
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let article;
    if (typeof body === 'string') article = readArticleText(body, contentType === 'text/html' ? 'html' : 'text');
    else {
      const unknown = Object.keys(body).filter((k) => !ARTICLE_FIELDS.has(k));
      if (unknown.length) throw new InputError('BAD_REQUEST', `body: ${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length > 1 ? 'are not fields' : 'is not a field'} of an article (text, html, url, title, published)`);
      const given = (['text', 'html', 'url'] as const).filter((k) => body[k] !== undefined);
      if (given.length !== 1) throw new InputError('BAD_REQUEST', `body: give one of text, html or url${given.length ? ` (${given.join(' and ')} given)` : ''}`);
      const format: ArticleFormat = body.html !== undefined ? 'html' : 'text';
      if (body.url !== undefined) {
        await publicUrl(body.url);
        article = await fetchArticle(body.url, undefined, { retries: 1 });
      } else article = readArticleText((body.text ?? body.html)!, format);
      if (body.title !== undefined) article.title = body.title;
      if (body.published !== undefined) article.published = body.published;
    }
    const scan = scannerFor(state).scan(article);
    await recordNewsScan(store, request.actor, article, scan);
    return scan;
  });
}
