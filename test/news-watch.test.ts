import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import { rescreen } from '../src/service/monitor.js';
import { feedItems, passageAround, readFeeds } from '../src/service/news-watch.js';
import type { Screener } from '../src/service/screener.js';
import { UN_AND_OFAC, screenedStore } from './helpers/api.js';
import type { TestStore } from './helpers/stores.js';

/** Two articles: one naming a designee and a monitored customer, one naming neither. */
const PAGES: Record<string, string> = {
  '/world/envoy.html': `<!doctype html><html><head><title>Envoy talks</title><meta property="article:published_time" content="2018-02-01T09:00:00Z"></head><body>
    <nav>Home | World | Kim Jong Un</nav><article><h1>Envoy talks</h1>
    <p>North Korean spy chief Kim Yong-chol met officials in Dandong on Thursday.</p>
    <p>Customs records show that Lyon Travaux SA shipped bulldozers to the port the same week, a trader said.</p></article>
    <aside>Share this</aside></body></html>`,
  '/world/weather.html': '<!doctype html><html><head><title>Storm season</title></head><body><article><p>Heavy rain hit Busan and Ulsan on Monday, the weather office said.</p></article></body></html>',
};

function feed(base: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title><link>${base}/</link>
    <item><title>Envoy talks</title><link>${base}/world/envoy.html</link><pubDate>Thu, 01 Feb 2018 09:00:00 GMT</pubDate></item>
    <item><title>Storm season</title><link>/world/weather.html</link></item>
    <item><title>Gone</title><link>${base}/world/missing.html</link></item>
  </channel></rss>`;
}

describe('news kept and watched: feeds read, articles kept once, adverse-media alerts for monitored parties', () => {
  let t: TestStore;
  let screener: Screener;
  let http: Server;
  let base: string;
  let app: FastifyInstance;
  let analyst: string;

  beforeAll(async () => {
    ({ t, screener } = await screenedStore(UN_AND_OFAC));
    http = createHttpServer((request, response) => {
      if (request.url === '/feed.xml') return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(base));
      const page = PAGES[request.url ?? ''];
      if (page) return void response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      response.writeHead(404).end('no such page');
    });
    await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    await t.store.monitoring.upsertParties([
      { id: 'c-7', schema: 'Company', properties: { name: ['Lyon Travaux S.A.'], country: ['fr'] } },
      { id: 'c-8', schema: 'Person', properties: { name: ['Anna Berg'] } },
    ], 'analyst-a');
    app = createServer(t.store, { logLevel: 'silent', screener, keys: new KeyRing(t.store, 0) });
    analyst = (await createKey(t.store, 'analyst', 'media desk')).secret;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await new Promise((closed) => http?.close(closed));
    await t?.dispose();
  });

  it('reads RSS and Atom items with their links made absolute, and refuses what is no feed', () => {
    expect(feedItems(feed('http://news.test'), 'http://news.test/feed.xml').map((i) => i.url)).toEqual(['http://news.test/world/envoy.html', 'http://news.test/world/weather.html', 'http://news.test/world/missing.html']);
    const atom = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>B</title><link rel="alternate" href="/b"/><published>2018-01-01T00:00:00Z</published></entry></feed>';
    expect(feedItems(atom, 'http://news.test/atom')).toEqual([{ url: 'http://news.test/b', title: 'B', published: '2018-01-01T00:00:00Z' }]);
    expect(() => feedItems('<html><body>hello</body></html>', 'http://news.test/page')).toThrow(/http:\/\/news.test\/page: not an RSS, Atom, RDF or JSON feed/);
  });

  it('keeps each new article once, links its designees, alerts the monitored party it names with the passage, and says what failed', async () => {
    const first = await readFeeds(t.store, screener.current, [`${base}/feed.xml`], { actor: 'cli:news', retries: 0, backoffMs: 1 });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ items: 3, kept: 2, alerts: 1 });
    expect(first[0]!.errors).toEqual([expect.stringMatching(/world\/missing.html: HTTP 404/)]);
    // Read again: nothing new is kept or alerted.
    expect((await readFeeds(t.store, screener.current, [`${base}/feed.xml`], { actor: 'cli:news', retries: 0, backoffMs: 1 }))[0]).toMatchObject({ kept: 0, alerts: 0 });

    const [alert] = await t.store.monitoring.listAlerts({ partyIds: ['c-7'] });
    expect(alert).toMatchObject({ kind: 'adverse_media', partyId: 'c-7', entityId: expect.stringMatching(/^news:art_/), caption: 'Envoy talks', datasets: ['news'], status: 'open' });
    expect(alert!.explanation).toMatchObject({ mention: 'Lyon Travaux SA', passage: 'Customs records show that Lyon Travaux SA shipped bulldozers to the port the same week, a trader said.', article: { url: `${base}/world/envoy.html`, published: '2018-02-01T09:00:00Z' } });
    expect(await t.store.monitoring.listAlerts({ partyIds: ['c-8'] })).toEqual([]);

    // A re-screening against the lists leaves the news' alert as it is (no list carries news:...).
    await rescreen(t.store, { screening: screener.current, full: true });
    expect((await t.store.monitoring.getAlert(alert!.id))!.status).toBe('open');

    const byEntity = await t.store.news.listArticles({ entity: 'us_ofac_sdn-12211' });
    expect(byEntity.map((a) => a.title)).toEqual(['Envoy talks']);
    expect(await t.store.news.listArticles({ party: 'c-7' })).toEqual(byEntity);
    expect((await t.store.news.listArticles()).map((a) => a.title)).toEqual(['Envoy talks', 'Storm season']);
  });

  it('answers GET /news by entity and party, GET /news/{id} with its scan, and keeps feeds to public addresses', async () => {
    const get = (url: string) => app.inject({ url, headers: { 'x-api-key': analyst } });
    const list = (await get('/news?party=c-7')).json();
    expect(list.articles).toEqual([expect.objectContaining({ title: 'Envoy talks', published: '2018-02-01T09:00:00Z', parties: [{ id: 'c-7', name: 'Lyon Travaux S.A.', score: expect.any(Number) }], designees: expect.arrayContaining([{ id: 'us_ofac_sdn-12211', caption: 'KIM, Yong Chol', score: expect.any(Number) }]) })]);
    const article = (await get(`/news/${list.articles[0].id}`)).json();
    expect(article.text).toContain('North Korean spy chief Kim Yong-chol met officials in Dandong');
    expect(article.text).not.toContain('Share this');
    expect(article.scan.people[0]).toMatchObject({ names: ['Kim Yong-chol'], role: 'North Korean spy chief' });
    expect((await get('/news/art_none')).statusCode).toBe(404);
    expect((await get('/news?colour=red')).statusCode).toBe(400);
    expect((await get('/news/feeds')).json().feeds).toEqual([]);
    const local = await app.inject({ method: 'POST', url: '/news/feeds', payload: { url: `${base}/feed.xml` }, headers: { 'x-api-key': analyst } });
    expect(local.statusCode).toBe(400);
    expect(local.json().detail).toMatch(/private or loopback address/);
  });

  it('quotes the sentence a mention is in', () => {
    const text = 'First sentence. The ship Wan Heng 11 took oil at sea near Nampo. Last one.';
    expect(passageAround(text, text.indexOf('Wan'), text.indexOf('Wan') + 11)).toBe('The ship Wan Heng 11 took oil at sea near Nampo.');
  });
});
