import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import type { AuditEntry } from '../src/store/audit.js';
import { UN_AND_OFAC, screenedStore } from './helpers/api.js';
import type { TestStore } from './helpers/stores.js';

/** CHANG CHANG HA (UN KPi.037) written another way, to a conference in Moscow through Beijing. */
const JANG = { id: 't1', name: 'Jang Chang-ha', birthDate: '1964-01-10', nationality: 'KP', passport: '745310010', from: '2019-05-01', to: '2019-05-10', itinerary: ['CN', 'RU'], purpose: 'conference' };
const HANGUL = { id: 't2', name: '장창하', nationality: 'KP', from: '2019-05-01', to: '2019-05-10', itinerary: ['CN'] };
const CLEAN = { id: 't3', name: 'Maria Schmidt', birthDate: '1980-02-02', nationality: 'DE', from: '2019-05-01', to: '2019-05-10', itinerary: ['FR'] };
const EXEMPTION = { reference: '1718-EX-2019-07', persons: ['un_sc-KPi.037'], purpose: 'IAEA technical meeting', from: '2019-04-28', to: '2019-05-12', transit: ['CN'], destination: ['RU'], conditions: 'escorted; no stop-over', source: '1718 Committee letter of 2019-04-20', authority: '1718 Committee' };

describe('the travel check and the exemption register over the API', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let analyst: string;
  let reader: string;

  beforeAll(async () => {
    const { t: loaded, screener } = await screenedStore(UN_AND_OFAC);
    t = loaded;
    app = createServer(t.store, { logLevel: 'silent', screener, keys: new KeyRing(t.store, 0) });
    analyst = (await createKey(t.store, 'analyst', 'border desk')).secret;
    reader = (await createKey(t.store, 'reader')).secret;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const post = (url: string, payload: unknown, key = analyst) => app.inject({ method: 'POST', url, payload: payload as object, headers: { 'x-api-key': key } });
  const get = (url: string, key = reader) => app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
  const audit = async (action: string): Promise<AuditEntry[]> => {
    const entries: AuditEntry[] = [];
    for await (const entry of t.store.audit()) if (entry.action === action) entries.push(entry);
    return entries;
  };

  it('denies a designee under another spelling and in Hangul, naming the designation and its basis; clears a non-designee', async () => {
    const answer = await post('/travel/check', [JANG, HANGUL, CLEAN]);
    expect(answer.statusCode).toBe(200);
    const [jang, hangul, clean] = answer.json();
    expect(jang).toMatchObject({ id: 't1', verdict: 'denied', lists: [expect.stringMatching(/^un_sc-/)] });
    expect(jang.findings[0]).toMatchObject({ kind: 'travel_ban', verdict: 'denied', basis: 'UNSCR 1718 (2006) OP8(e); UN list KPi.037', entity: 'un_sc-KPi.037', exemption: null, status: 'verified', caption: 'CHANG CHANG HA', explanation: { name: expect.any(Object) } });
    expect(hangul).toMatchObject({ id: 't2', verdict: 'denied', findings: [{ entity: 'un_sc-KPi.037' }] });
    expect(clean).toEqual({ id: 't3', verdict: 'clear', findings: [], lists: jang.lists, rules_version: expect.stringMatching(/^dprk /) });
  });

  it('sends a near name to review with the possible match', async () => {
    const answer = (await post('/travel/check', { ...CLEAN, id: 't4', name: 'Ri Won', nationality: undefined, birthDate: undefined })).json();
    expect(answer).toMatchObject({ id: 't4', verdict: 'review', findings: [{ kind: 'possible_match', verdict: 'review', entity: 'un_sc-KPi.033', caption: 'RI WON HO' }] });
    expect(answer.findings[0].score).toBeLessThan(0.75);
    expect(answer.findings[0].score).toBeGreaterThanOrEqual(0.65);
  });

  it('records an exemption (analyst only, audited; a reference once), lists it by filters', async () => {
    expect((await post('/exemptions', EXEMPTION, reader)).statusCode).toBe(403);
    const added = await post('/exemptions', EXEMPTION);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ ...EXEMPTION, names: [], recordedBy: expect.stringContaining('border desk') });
    const again = await post('/exemptions', EXEMPTION);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ code: 'DUPLICATE_EXEMPTION', detail: 'exemption 1718-EX-2019-07: the register holds this reference already' });
    const unknown = await post('/exemptions', { ...EXEMPTION, reference: 'X-9', persons: ['un_sc-KPi.999'] });
    expect(unknown.json()).toEqual({ code: 'INVALID_EXEMPTION', detail: 'exemption X-9 (body): persons[0]: no loaded list holds a record un_sc-KPi.999 (give a listed record\'s id, such as un_sc-KPi.037, or the person\'s name in names)' });
    const [entry] = await audit('exemptions.add');
    expect(entry).toMatchObject({ subject: 'exemption:1718-EX-2019-07', after: { reference: '1718-EX-2019-07', persons: ['un_sc-KPi.037'], from: '2019-04-28', to: '2019-05-12' } });
    expect((await get('/exemptions?person=un_sc-KPi.037&on=2019-05-05&country=ru')).json().map((e: { reference: string }) => e.reference)).toEqual(['1718-EX-2019-07']);
    expect((await get('/exemptions?on=2019-06-01')).json()).toEqual([]);
    expect((await get('/exemptions?country=Russia')).json()).toEqual({ code: 'BAD_REQUEST', detail: 'querystring/country: "Russia" is not a country code (ISO 3166-1 alpha-2, such as CN)' });
  });

  it('allows a designee by an exemption that covers the trip, and denies with the reason out of its dates or itinerary', async () => {
    const answers = (await post('/travel/check', [JANG, { ...JANG, id: 't5', to: '2019-05-20' }, { ...JANG, id: 't6', itinerary: ['CN', 'TR', 'RU'] }])).json();
    expect(answers.map((a: { id: string; verdict: string }) => `${a.id} ${a.verdict}`)).toEqual(['t1 allowed_by_exemption', 't5 denied', 't6 denied']);
    expect(answers[0].findings[0]).toMatchObject({ kind: 'travel_ban', verdict: 'allowed_by_exemption', exemption: '1718-EX-2019-07', entity: 'un_sc-KPi.037' });
    expect(answers[1].findings[0]).toMatchObject({ exemption: '1718-EX-2019-07', reasons: ['out of dates: the trip 2019-05-01 to 2019-05-20, the exemption 2019-04-28 to 2019-05-12'] });
    expect(answers[2].findings[0]).toMatchObject({ exemption: '1718-EX-2019-07', reasons: ['country TR not covered (transit CN; destination RU)'] });
  });

  it('records each check: who, which traveller by the hash of its data, the verdict, the records and exemptions, the list versions', async () => {
    const checks = await audit('travel.check');
    const last = checks.at(-1)!;
    expect(last).toMatchObject({ subject: 't6', actor: expect.stringContaining('border desk'), after: { verdict: 'denied', entities: ['un_sc-KPi.037'], exemptions: ['1718-EX-2019-07'], input_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rules_version: expect.stringMatching(/^dprk /), versions: [expect.stringMatching(/^un_sc-/)] } });
    expect(JSON.stringify(last)).not.toContain('745310010');
  });

  it('imports exemptions all or none, naming the item and field of a bad one', async () => {
    const second = { ...EXEMPTION, reference: 'DE-AA-2019-1', persons: [], names: ['Ri Won Ho'], authority: 'Auswärtiges Amt', destination: ['DE'], transit: [] };
    const bad = await post('/exemptions/import', [second, { ...EXEMPTION, reference: 'X-2', to: '2019-01-01' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: 'INVALID_EXEMPTION', detail: 'exemption X-2 (body item 2): to: 2019-01-01 is before from 2019-04-28' });
    expect((await post('/exemptions/import', [second, { ...EXEMPTION, reference: 'X-3', persons: ['KPi.037'] }])).json().detail).toMatch(/^exemption X-3 \(body item 2\): persons\[0\]: no loaded list holds a record KPi\.037/);
    expect((await get('/exemptions?authority=Auswärtiges Amt')).json()).toEqual([]);
    const ok = await post('/exemptions/import', [second]);
    expect(ok.statusCode).toBe(201);
    expect((await audit('exemptions.import')).map((e) => e.subject)).toEqual(['exemption:DE-AA-2019-1']);
  });

  it('refuses bad travellers naming the item and the field, before checking any', async () => {
    const before = (await audit('travel.check')).length;
    const cases: [unknown, string][] = [
      [[CLEAN, { ...CLEAN, id: 'b1', itinerary: ['CN', 'XX'] }], 'traveller b1 (body item 2): itinerary[1]: "XX" is not a known country code (ISO 3166-1 alpha-2, such as KP or CN)'],
      [{ ...CLEAN, to: '2019-04-01' }, 'traveller t3 (body): to: 2019-04-01 is before from 2019-05-01'],
      [{ ...CLEAN, name: '' }, 'traveller t3 (body): name: is required'],
    ];
    for (const [body, detail] of cases) {
      const answer = await post('/travel/check', body);
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toEqual({ code: 'INVALID_TRAVELLER', detail });
    }
    const many = await post('/travel/check', Array.from({ length: 1001 }, (_, i) => ({ ...CLEAN, id: `c${i}` })));
    expect(many.statusCode).toBe(400);
    expect(many.json().detail).toMatch(/1000/);
    const oversized = await post('/travel/check', { ...CLEAN, purpose: 'x'.repeat(3 * 1024 * 1024) });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().code).toBe('TOO_LARGE');
    expect((await audit('travel.check')).length).toBe(before);
    expect((await post('/travel/check', CLEAN, reader)).statusCode).toBe(403);
  });
});
