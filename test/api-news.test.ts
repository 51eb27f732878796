import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import type { AuditEntry } from '../src/store/audit.js';
import { UN_AND_OFAC, screenedStore } from './helpers/api.js';
import type { TestStore } from './helpers/stores.js';

/** A designee, a listed firm and ship, and an official who shares the designee's surname. */
const ARTICLE = [
  'Pyongyang envoy met in Seoul',
  '',
  'North Korean spy chief Kim Yong-chol arrived in Seoul on Friday, where South Korean Foreign Minister Kim Sung-han received him.',
  '',
  '"We came to talk," Kim Yong-chol told reporters. The Korea Mining Development Trading Corporation was not mentioned, and the freighter Chong Chon Gang stayed in Nampo.',
  '',
  '"There is no deal yet," Mr. Kim Sung-han said.',
].join('\n');

describe('POST /news/scan', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let reader: string;

  beforeAll(async () => {
    const built = await screenedStore(UN_AND_OFAC);
    t = built.t;
    app = createServer(t.store, { logLevel: 'silent', screener: built.screener, keys: new KeyRing(t.store, 0) });
    reader = (await createKey(t.store, 'reader', 'news desk')).secret;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const scan = (payload: unknown, type = 'application/json') => app.inject({ method: 'POST', url: '/news/scan', payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': type, 'x-api-key': reader } });

  it('links the designee, the listed firm and ship, and not the official of the same surname; attributes the quotes; audits the scan', async () => {
    const response = await scan({ text: ARTICLE });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.title).toBe('Pyongyang envoy met in Seoul');
    const people = body.people.map((p: { names: string[]; role: string; match: { id: string; match: boolean } | null; quotes: string[] }) => [p.names[0], p.role, p.match?.match ? p.match.id : null, p.quotes]);
    expect(people).toEqual([
      ['Kim Yong-chol', 'North Korean spy chief', 'us_ofac_sdn-12211', ['We came to talk']],
      ['Kim Sung-han', 'South Korean Foreign Minister', null, ['There is no deal yet']],
    ]);
    // KOMID is on both lists: its UN record scores first.
    const designees = body.designees.map((d: { id: string; names: string[] }) => [d.id, d.names]);
    expect(designees).toEqual(expect.arrayContaining([['us_ofac_sdn-12211', ['Kim Yong-chol']], ['un_sc-KPe.001', ['Korea Mining Development Trading Corporation']], ['us_ofac_sdn-17069', ['Chong Chon Gang']]]));
    const kim = body.mentions.find((m: { text: string }) => m.text === 'Kim Yong-chol');
    expect(ARTICLE.slice(kim.start, kim.end)).toBe('Kim Yong-chol');
    expect(kim).toMatchObject({ type: 'Person', role: 'North Korean spy chief', person: 0, match: { id: 'us_ofac_sdn-12211', match: true, explanations: expect.any(Object) } });
    expect(body.mentions.filter((m: { type: string }) => m.type === 'Place').map((m: { text: string }) => m.text)).toEqual(['Pyongyang', 'Seoul', 'Seoul', 'Nampo']);
    const entries: AuditEntry[] = [];
    for await (const entry of t.store.audit()) if (entry.action === 'news.scan') entries.push(entry);
    expect(entries.at(-1)).toMatchObject({ actor: expect.stringMatching(/\(news desk\)$/), subject: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), after: { designees: expect.arrayContaining(['us_ofac_sdn-12211']) } });
    expect(JSON.stringify(entries)).not.toContain('spy chief');
  });

  it('reads an HTML page for its article, dropping the menus and share buttons, as JSON or as a text/html body', async () => {
    const page = `<!doctype html><html><head><title>Envoy visit</title><meta property="article:published_time" content="2018-01-19T08:00:00Z"></head><body>
      <nav><a href="/">Home</a> <a href="/world">Kim Jong Un news</a></nav>
      <article><h1>Envoy visit</h1>${ARTICLE.split('\n').filter(Boolean).slice(1).map((p) => `<p>${p}</p>`).join('')}</article>
      <div class="share">Share on Facebook</div><footer>Comments (0)</footer></body></html>`;
    for (const response of [await scan({ html: page }), await scan(page, 'text/html')]) {
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.published).toBe('2018-01-19T08:00:00Z');
      expect(body.people.map((p: { names: string[] }) => p.names[0])).toEqual(['Kim Yong-chol', 'Kim Sung-han']);
      expect(body.mentions.map((m: { text: string }) => m.text)).not.toContain('Kim Jong Un');
    }
  });

  it('refuses what it cannot read, naming it: two sources, none, an empty article, a private address', async () => {
    expect((await scan({ text: 'a', html: '<p>b</p>' })).json()).toMatchObject({ code: 'BAD_REQUEST', detail: 'body: give one of text, html or url (text and html given)' });
    expect((await scan({})).json()).toMatchObject({ code: 'BAD_REQUEST', detail: 'body: give one of text, html or url' });
    expect((await scan({ text: '   ' })).json()).toMatchObject({ code: 'INVALID_ARTICLE', detail: 'the article is empty' });
    const local = await scan({ url: 'http://127.0.0.1:5432/admin' });
    expect(local.statusCode).toBe(400);
    expect(local.json().detail).toMatch(/private or loopback address/);
    expect((await scan({ text: 'x', colour: 'red' })).statusCode).toBe(400);
  });
});
