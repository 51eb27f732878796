import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import type { AuditEntry } from '../src/store/audit.js';
import { screenedStore } from './helpers/api.js';
import { fixture } from './helpers/fixtures.js';
import type { TestStore } from './helpers/stores.js';

/** Employed in Russia by the designated labour exporter (UN KPe.050) under its alias, on a permit of 2016. */
const KIM = { id: 'w1', name: 'Kim Chol Su', birthDate: '1985-03-02', nationality: 'KP', employer: 'Mansudae Art Studio LLC', permit_issued: '2016-05-01', permit_expires: '2020-05-01', country: 'RU' };
/** A DPRK national in China on a permit of 2018: a new authorization. */
const RYU = { id: 'w2', name: 'Ryu Kyong Ae', nationality: 'KP', employer: 'Dandong Seafood Processing Co', permit_issued: '2018-03-01', permit_expires: '2019-09-01', country: 'CN' };
/** A Uzbek national: the measures do not concern him. */
const AZIZ = { id: 'w3', name: 'Aziz Karimov', nationality: 'UZ', employer: 'Amur Stroy LLC', permit_issued: '2018-05-01', permit_expires: '2021-05-01', country: 'RU' };

describe('POST /workers/check', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let analyst: string;
  let reader: string;

  beforeAll(async () => {
    const { t: loaded, screener } = await screenedStore([fixture('workers/un-workers.xml'), fixture('ofac-csv')]);
    t = loaded;
    app = createServer(t.store, { logLevel: 'silent', screener, keys: new KeyRing(t.store, 0) });
    analyst = (await createKey(t.store, 'analyst', 'labour desk')).secret;
    reader = (await createKey(t.store, 'reader')).secret;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const post = (payload: unknown, query = '', key = analyst) => app.inject({ method: 'POST', url: `/workers/check${query}`, payload: payload as object, headers: { 'x-api-key': key } });

  it('answers one worker: the designated employer under another name, and the repatriation deadline passed', async () => {
    const answer = await post(KIM, '?on=2020-01-15');
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ id: 'w1', verdict: 'prohibited', on: '2020-01-15', rules_version: expect.stringMatching(/^dprk /) });
    expect(body.findings.map((f: { kind: string; verdict: string }) => `${f.kind} ${f.verdict}`)).toEqual(['employer prohibited', 'repatriation prohibited', 'work_authorization clear']);
    expect(body.findings[0]).toMatchObject({ entity: 'un_sc-KPe.050', caption: 'MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES', basis: 'UNSCR 1718 (2006) OP8(d); UN list KPe.050', measure: 'asset-freeze-1718', exemption: null, status: 'verified', subject: { role: 'employer', name: 'Mansudae Art Studio LLC' }, explanation: { name: expect.any(Object) } });
    expect(body.findings[0].detail).toMatch(/^the employer Mansudae Art Studio LLC is MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES \(un_sc DPRK KPe\.050\), matched by name/);
    expect(body.findings[1]).toMatchObject({ measure: 'workers-2397', basis: 'UNSCR 2397 (2017) OP8', entity: null });
  });

  it('judges as of the day given: a permit of 2018 before 2375 OP17 took effect, on it, and after the deadline', async () => {
    const verdicts = async (on: string) => ((await post({ workers: [RYU], on })).json() as { verdict: string }[])[0]!.verdict;
    expect(await verdicts('2017-09-10')).toBe('clear');
    expect(await verdicts('2017-09-11')).toBe('prohibited');
    const [late] = (await post([RYU], '?on=2017-09-11')).json();
    expect(late.findings[0]).toMatchObject({ kind: 'work_authorization', verdict: 'prohibited', basis: 'UNSCR 2375 (2017) OP17' });
  });

  it('answers an array in its order, a worker who is not a DPRK national clear, and records each check', async () => {
    const answer = await post({ workers: [KIM, AZIZ], on: '2020-01-15' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().map((a: { id: string; verdict: string }) => `${a.id} ${a.verdict}`)).toEqual(['w1 prohibited', 'w3 clear']);
    const entries: AuditEntry[] = [];
    for await (const entry of t.store.audit()) if (entry.action === 'workers.check') entries.push(entry);
    const [kim, aziz] = entries.slice(-2);
    expect(kim).toMatchObject({ subject: 'w1', actor: expect.stringMatching(/^key:\S+ \(labour desk\)$/) });
    expect(kim!.after).toMatchObject({ verdict: 'prohibited', on: '2020-01-15', measures: ['asset-freeze-1718', 'workers-2397'], entities: ['un_sc-KPe.050'], input_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rules_version: expect.stringMatching(/^dprk /), versions: expect.arrayContaining([expect.stringMatching(/^un_sc-/)]) });
    expect(aziz!.after).toMatchObject({ verdict: 'clear', measures: [], entities: [] });
    expect(JSON.stringify(entries)).not.toContain('Kim Chol Su');
  });

  it('reads a CSV upload with a header of the field names', async () => {
    const csv = 'id,name,nationality,employer,permit_issued,permit_expires,country,host_nationality\nw5,Ri Myong Suk,KP,Amur Stroy LLC,2016-05-01,2020-05-01,RU,RU\n';
    const answer = await app.inject({ method: 'POST', url: '/workers/check?on=2020-01-15', payload: csv, headers: { 'x-api-key': analyst, 'content-type': 'text/csv' } });
    expect(answer.statusCode, answer.body).toBe(200);
    const [w5] = answer.json();
    expect(w5).toMatchObject({ id: 'w5', verdict: 'review' });
    expect(w5.findings[0]).toMatchObject({ kind: 'repatriation', verdict: 'review', status: 'partially_verified', exemption: expect.stringMatching(/^Nationals of the State/) });
  });

  it('refuses bad input before checking any, naming the item or line and the field', async () => {
    const before = await auditCount(t);
    expect((await post([AZIZ, { ...KIM, permit_expires: '2015-12-31' }])).json()).toEqual({ code: 'INVALID_WORKER', detail: 'worker w1 (body item 2): permit_expires: 2015-12-31 is before permit_issued 2016-05-01' });
    expect((await post({ ...KIM, country: 'ZZ' })).json()).toEqual({ code: 'INVALID_WORKER', detail: 'worker w1 (body): country: "ZZ" is not a country (an ISO code such as KP or RU, or a name)' });
    expect((await post({ ...KIM, permit_issued: '1 May 2016' })).json()).toMatchObject({ code: 'INVALID_WORKER', detail: 'worker w1 (body): permit_issued: "1 May 2016" is not a date YYYY-MM-DD' });
    expect((await post(KIM, '?on=yesterday')).json()).toEqual({ code: 'BAD_REQUEST', detail: 'querystring/on: "yesterday" is not a date YYYY-MM-DD (the day the workers are judged at)' });
    expect((await post({ workers: [KIM], on: '2020-01-15' }, '?on=2020-01-16')).json()).toMatchObject({ code: 'BAD_REQUEST', detail: expect.stringContaining('differ') });
    const csv = 'id,name,nationality,country\nw9,Kim,KP,Narnia\n';
    const upload = await app.inject({ method: 'POST', url: '/workers/check', payload: csv, headers: { 'x-api-key': analyst, 'content-type': 'text/csv' } });
    expect(upload.json()).toEqual({ code: 'INVALID_WORKER', detail: 'worker w9 (the upload line 2): country: "Narnia" is not a country (an ISO code such as KP or RU, or a name)' });
    expect(await auditCount(t)).toBe(before);
  });

  it('screens the worker\'s own name against designated individuals, with the birth date and nationality as qualifiers', async () => {
    const [ri] = (await post([{ id: 'w6', name: 'Ri Won-ho', birthDate: '1963', nationality: 'KP', employer: 'Amur Stroy LLC', permit_issued: '2016-05-01', permit_expires: '2019-05-01', country: 'RU' }], '?on=2018-06-01')).json();
    expect(ri.verdict).toBe('prohibited');
    expect(ri.findings[0]).toMatchObject({ kind: 'worker', verdict: 'prohibited', entity: 'un_sc-KPi.033', caption: 'RI WON HO', basis: 'UNSCR 1718 (2006) OP8(d); UN list KPi.033', subject: { role: 'worker', name: 'Ri Won-ho' } });
    expect(ri.findings.slice(1).map((f: { kind: string; verdict: string }) => `${f.kind} ${f.verdict}`)).toEqual(['work_authorization clear', 'repatriation clear']);
  });

  it('needs the analyst role', async () => {
    const answer = await post(AZIZ, '', reader);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().code).toBe('FORBIDDEN');
  });

  it('serves the workers measures at GET /regime, the exceptions partially verified', async () => {
    const answer = await app.inject({ url: '/regime', headers: { 'x-api-key': reader } });
    const measure = answer.json().measures.find((m: { id: string }) => m.id === 'workers-2397');
    expect(measure).toMatchObject({ type: 'workers', basis: 'UNSCR 2397 (2017) OP8', in_force: '2017-12-22', deadline: '2019-12-22' });
    expect(measure.exceptions.map((e: { verification: string }) => e.verification)).toEqual(['partially_verified', 'partially_verified']);
  });
});

async function auditCount(t: TestStore): Promise<number> {
  let n = 0;
  for await (const entry of t.store.audit()) if (entry.action === 'workers.check') n++;
  return n;
}
