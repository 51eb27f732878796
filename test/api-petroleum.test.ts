import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import { UN_AND_OFAC, screenedStore } from './helpers/api.js';
import type { TestStore } from './helpers/stores.js';

/** 2024 as notified by 4 December (Korea Herald 2024): Russia's January, then China's (recorded under October). */
const REPORTED_2024 = [
  { state: 'RU', month: '2024-01', quantity: 15279, unit: 'bbl', kind: 'refined', source: 'Korea Herald 2024: Russia\'s January 2024 delivery' },
  { state: 'CN', month: '2024-10', quantity: 153400, unit: 'bbl', kind: 'refined', source: 'Korea Herald 2024: the rest of the 168,679 bbl notified by 4 December' },
];

describe('the petroleum ledger routes', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let analyst: string;
  let reader: string;
  let admin: string;

  beforeAll(async () => {
    const { t: loaded, screener } = await screenedStore(UN_AND_OFAC);
    t = loaded;
    app = createServer(t.store, { logLevel: 'silent', screener, keys: new KeyRing(t.store, 0) });
    analyst = (await createKey(t.store, 'analyst', 'fuel desk')).secret;
    reader = (await createKey(t.store, 'reader')).secret;
    admin = (await createKey(t.store, 'admin')).secret;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: unknown) => app.inject({ method, url, headers: { 'x-api-key': key }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('records an array of deliveries (analyst) and answers the year\'s status: 168,679 bbl = 33.7% of the cap', async () => {
    expect((await call('POST', '/petroleum/deliveries', reader, REPORTED_2024)).statusCode).toBe(403);
    const posted = await call('POST', '/petroleum/deliveries', analyst, REPORTED_2024);
    expect(posted.statusCode).toBe(201);
    expect(posted.json().map((d: { origin: string; barrels: number }) => [d.origin, d.barrels])).toEqual([['body item 1', 15279], ['body item 2', 153400]]);
    const status = await call('GET', '/petroleum/status?year=2024&kind=refined&as_of=2024-12-04', reader);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ year: 2024, kind: 'refined', cap_bbl: 500000, total_bbl: 168679, share: 0.3374, by_state: { CN: 153400, RU: 15279 }, thresholds: [{ pct: 75, crossed: null }, { pct: 90, crossed: null }, { pct: 95, crossed: null }], projected_cap_month: null });
    const listed = await call('GET', '/petroleum/deliveries?year=2024&state=Russia', reader);
    expect(listed.json().deliveries.map((d: { state: string; quantity: number }) => [d.state, d.quantity])).toEqual([['RU', 15279]]);
    // Every delivery audited under the key that recorded it.
    const actions: [string, string][] = [];
    for await (const e of t.store.audit()) if (e.action === 'petroleum.record') actions.push([e.action, e.actor]);
    expect(actions).toHaveLength(2);
    expect(actions[0]![1]).toMatch(/^key:/);
  });

  it('refuses a bad delivery naming its item and field, recording none of the request', async () => {
    const before = (await call('GET', '/petroleum/deliveries', reader)).json().deliveries.length;
    const bad = await call('POST', '/petroleum/deliveries', analyst, [REPORTED_2024[0], { ...REPORTED_2024[0], unit: 't' }, { ...REPORTED_2024[0], colour: 'red' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_DELIVERY' });
    expect(bad.json().detail).toMatch(/body item 2: barrels_per_tonne: 15279 t from RU needs its barrels-per-tonne factor[^]*body item 3: "colour" is not a field a delivery takes/);
    expect((await call('GET', '/petroleum/deliveries', reader)).json().deliveries).toHaveLength(before);
    expect((await call('GET', '/petroleum/status?year=1999', reader)).json()).toMatchObject({ code: 'INVALID_PERIOD' });
    expect((await call('GET', '/petroleum/status?year=2024&kind=diesel', reader)).statusCode).toBe(400);
    const big = await app.inject({ method: 'POST', url: '/petroleum/deliveries', headers: { 'x-api-key': analyst, 'content-type': 'application/json' }, payload: `[${'{"state":"CN"},'.repeat(90_000)}{}]` });
    expect(big.statusCode).toBe(413);
  });

  it('sets a State\'s factor (analyst, audited) that counts its deliveries in tonnes', async () => {
    expect((await call('PUT', '/petroleum/factors/CN', reader, { barrels_per_tonne: 7.33, note: 'x' })).statusCode).toBe(403);
    expect((await call('PUT', '/petroleum/factors/CN', analyst, { barrels_per_tonne: 0.136, note: 'tonnes per barrel by mistake' })).json()).toMatchObject({ code: 'INVALID_SETTING' });
    const set = await call('PUT', '/petroleum/factors/CN', analyst, { barrels_per_tonne: 8.33, note: 'China\'s 2375 notice: 500,000 bbl = 60,000 t' });
    expect(set.json()).toMatchObject({ state: 'CN', barrels_per_tonne: 8.33 });
    expect((await call('GET', '/petroleum/factors', reader)).json().factors.map((f: { state: string; barrels_per_tonne: number }) => [f.state, f.barrels_per_tonne])).toEqual([['CN', 8.33]]);
    const posted = await call('POST', '/petroleum/deliveries', analyst, { state: 'CN', month: '2021-08', quantity: 1410, unit: 't', kind: 'refined', source: 'Yonhap 2021-10-05: 11,745 bbl = 1,410 t', parties: ['Dandong Oil'], vessel: { name: 'SAM JONG 2' } });
    expect(posted.json()).toMatchObject({ barrels: 11745.3, factor: 8.33, factor_source: 'state' });
    const notice = await call('GET', '/petroleum/notice?state=CN&month=2021-08', reader);
    expect(notice.json()).toMatchObject({ state: 'CN', total_bbl: 11745.3, parties: [{ name: 'Dandong Oil' }], vessels: [{ name: 'SAM JONG 2' }], due: '2021-09-30' });
    expect(notice.json().text).toMatch(/1,410 t = 11,745\.3 bbl at 8\.33 bbl\/t \(the factor set for CN\)/);
  });

  it('changes the cease point (admin, audited), and a shipment of diesel into the DPRK is prohibited once it is reached', async () => {
    await call('POST', '/petroleum/deliveries', analyst, { state: 'RU', month: '2018-05', quantity: 460000, unit: 'bbl', kind: 'refined', source: 'test: 92% by May' });
    const diesel = { id: 'd1', date: '2018-06-10', origin: 'RU', destination: 'KP', parties: [{ role: 'shipper', name: 'Vladivostok Fuel Traders' }], goods: [{ hs: '2710.19', description: 'diesel' }] };
    const refused = (await call('POST', '/shipments/check', analyst, diesel)).json();
    expect(refused.verdict).toBe('prohibited');
    expect(refused.findings.find((f: { kind: string }) => f.kind === 'goods')).toMatchObject({ ledger: { year: 2018, share: 0.92, cease_pct: 90, ceased: '2018-05', refused: true }, verification: 'partially_verified' });
    expect((await call('PUT', '/petroleum/settings', analyst, { cease_pct: 95 })).statusCode).toBe(403);
    expect((await call('PUT', '/petroleum/settings', admin, { cease_pct: 95 })).json()).toEqual({ cease_pct: 95, cease_verification: 'partially_verified' });
    expect((await call('GET', '/petroleum/settings', reader)).json()).toEqual({ cease_pct: 95, cease_verification: 'partially_verified' });
    const allowed = (await call('POST', '/shipments/check', analyst, diesel)).json();
    expect(allowed.findings.find((f: { kind: string }) => f.kind === 'goods')).toMatchObject({ verdict: 'licence_required', ledger: { ceased: null } });
    const settings: unknown[] = [];
    for await (const e of t.store.audit()) if (e.action === 'petroleum.setting') settings.push(e.after);
    expect(settings).toEqual([{ value: 95 }]);
  });
});
