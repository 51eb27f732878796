import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import type { Store } from '../src/store/index.js';
import { fixture } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

describe('HTTP API: parties, alerts, review and the audit trail', () => {
  let handle: TestStore;
  let store: Store;
  let screener: Screener;
  let app: ReturnType<typeof createServer>;
  const as = (secret: string) => ({ authorization: `ApiKey ${secret}` });

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    store = handle.store;
    await loadPaths(store, [fixture('ofac-csv')]);
    screener = new Screener(store);
    await screener.refresh();
    app = createServer(store, { logLevel: 'silent', screener, keys: new KeyRing(store, 0) });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('takes parties, re-screens on demand, and records each decision under the deciding key', async () => {
    const admin = await createKey(store, 'admin', 'ops');
    const ana = await createKey(store, 'analyst', 'ana');
    const ben = await createKey(store, 'analyst', 'ben');
    const reader = await createKey(store, 'reader');

    // Stored only (screen: false), for the run on demand below to screen.
    const parties = { screen: false, parties: [
      { id: 'c1', schema: 'Person', properties: { name: ['Kim Yong Chol'], birthDate: ['1947'] } },
      { id: 'c2', schema: 'Person', properties: { name: ['Hans Gruber'] } },
    ] };
    expect((await app.inject({ method: 'POST', url: '/parties', payload: parties, headers: as(reader.secret) })).statusCode).toBe(403);
    const added = await app.inject({ method: 'POST', url: '/parties', payload: parties, headers: as(ana.secret) });
    expect(added.json()).toEqual({ added: 2, updated: 0, unchanged: 0, notScreened: 'not_asked', alerts: [], alertsRaised: 0 });
    expect((await app.inject({ method: 'POST', url: '/parties', payload: { ...parties, screen: 'no' }, headers: as(ana.secret) })).statusCode).toBe(400);
    const bad = await app.inject({ method: 'POST', url: '/parties', payload: { parties: [{ id: 'x', properties: {} }] }, headers: as(ana.secret) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/name/);
    expect((await app.inject({ url: '/parties?limit=1', headers: as(reader.secret) })).json()).toMatchObject({ parties: [{ id: 'c1' }], total: 2, next: 'c1' });

    expect((await app.inject({ method: 'POST', url: '/monitor/run', payload: {}, headers: as(ana.secret) })).statusCode).toBe(403);
    const run = await app.inject({ method: 'POST', url: '/monitor/run', payload: {}, headers: as(admin.secret) });
    expect(run.json()).toMatchObject({ mode: 'changes', partiesScreenedInFull: 2, alertsRaised: 1 });

    const { alerts } = (await app.inject({ url: '/alerts?status=open', headers: as(reader.secret) })).json() as { alerts: { id: number; partyId: string; entityId: string; explanation: { name: { score: number } } }[] };
    expect(alerts).toHaveLength(1);
    // The queue names the party, not only its id.
    expect(alerts[0]).toMatchObject({ partyId: 'c1', partyName: 'Kim Yong Chol', entityId: 'us_ofac_sdn-12211', members: ['us_ofac_sdn-12211'], datasets: ['us_ofac_sdn'] });
    expect(alerts[0]!.explanation.name.score).toBeGreaterThan(0.9);
    const id = alerts[0]!.id;
    const one = (await app.inject({ url: `/alerts/${id}`, headers: as(reader.secret) })).json();
    expect(one.party).toMatchObject({ id: 'c1', name: 'Kim Yong Chol' });
    // The list it was raised against, with its age (an OFAC CSV set states no date: counted from its load).
    expect(one.list).toMatchObject({ dataset: 'us_ofac_sdn', version: one.versionId, age_days: 0, stale: false });
    expect((await app.inject({ url: '/alerts/abc', headers: as(reader.secret) })).statusCode).toBe(404);

    // Four eyes on: ana's true match waits for ben.
    await store.monitoring.setSetting('four_eyes', true, 'admin');
    const decided = await app.inject({ method: 'POST', url: `/alerts/${id}/decision`, payload: { decision: 'true_match', note: 'passport 563120356 matches' }, headers: as(ana.secret) });
    expect(decided.json()).toMatchObject({ status: 'confirming', decidedBy: `key:${ana.key.id} (ana)` });
    expect((await app.inject({ method: 'POST', url: `/alerts/${id}/confirm`, payload: {}, headers: as(ana.secret) })).statusCode).toBe(400);
    const confirmed = await app.inject({ method: 'POST', url: `/alerts/${id}/confirm`, payload: { note: 'agreed' }, headers: as(ben.secret) });
    expect(confirmed.json()).toMatchObject({ status: 'true_match', confirmedBy: `key:${ben.key.id} (ben)` });
    expect((await app.inject({ method: 'POST', url: `/alerts/${id}/decision`, payload: { decision: 'false_positive', note: 'x' }, headers: as(ana.secret) })).statusCode).toBe(400);

    expect((await app.inject({ url: '/audit/verify', headers: as(ana.secret) })).statusCode).toBe(403);
    expect((await app.inject({ url: '/audit/verify', headers: as(admin.secret) })).json()).toMatchObject({ ok: true });
    const { entries } = (await app.inject({ url: '/audit?limit=1000', headers: as(admin.secret) })).json() as { entries: { action: string; actor: string }[] };
    expect(entries.map((e) => `${e.action} by ${e.actor}`)).toEqual(expect.arrayContaining([
      `parties.import by key:${ana.key.id} (ana)`, `alerts.raise by key:${admin.key.id} (ops)`, `alert.decide by key:${ana.key.id} (ana)`, `alert.confirm by key:${ben.key.id} (ben)`, 'key.create by system',
    ]));

    // With the rule on, clearing a near-certain hit alone is refused too: the false positive waits for ben.
    // A party added is screened at once: the answer carries its alert.
    const onboarded = (await app.inject({ method: 'POST', url: '/parties', payload: { parties: [{ id: 'c3', properties: { name: ['Korea Mining Development Trading Corporation'] } }] }, headers: as(ana.secret) })).json();
    expect(onboarded).toMatchObject({ added: 1, alertsRaised: 1, screening: { status: 'done', partiesScreenedInFull: 1, alertsRaised: 1 }, alerts: [{ partyId: 'c3', partyName: 'Korea Mining Development Trading Corporation', entityId: 'us_ofac_sdn-9345', status: 'open' }] });
    const komid = ((await app.inject({ url: '/alerts?status=open', headers: as(reader.secret) })).json() as { alerts: { id: number; partyId: string; score: number }[] }).alerts.find((a) => a.partyId === 'c3')!;
    expect(komid.id).toBe(onboarded.alerts[0].id);
    expect(komid.score).toBeGreaterThanOrEqual(0.9);
    const cleared = await app.inject({ method: 'POST', url: `/alerts/${komid.id}/decision`, payload: { decision: 'false_positive', note: 'another company' }, headers: as(ana.secret) });
    expect(cleared.json()).toMatchObject({ status: 'confirming', decision: 'false_positive' });
    expect((await app.inject({ method: 'POST', url: `/alerts/${komid.id}/confirm`, headers: as(ana.secret) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/alerts/${komid.id}/confirm`, headers: as(ben.secret) })).json()).toMatchObject({ status: 'false_positive', confirmedBy: `key:${ben.key.id} (ben)` });

    expect((await app.inject({ method: 'DELETE', url: '/parties/c2', headers: as(ana.secret) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: '/parties/c2', headers: as(ana.secret) })).statusCode).toBe(404);

    // A party no longer monitored keeps its alerts, without a name to show.
    expect((await app.inject({ method: 'DELETE', url: '/parties/c3', headers: as(ana.secret) })).statusCode).toBe(204);
    const kept = ((await app.inject({ url: '/alerts', headers: as(reader.secret) })).json() as { alerts: { partyId: string; partyName: string | null }[] }).alerts;
    expect(kept.filter((a) => a.partyId === 'c3').map((a) => a.partyName)).toEqual([null]);
    expect(kept.filter((a) => a.partyId === 'c1').map((a) => a.partyName)).toEqual(['Kim Yong Chol']);
  });
});
