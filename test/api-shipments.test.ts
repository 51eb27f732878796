import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import type { AuditEntry } from '../src/store/audit.js';
import { UN_AND_OFAC, screenedStore } from './helpers/api.js';
import type { TestStore } from './helpers/stores.js';

/** Coal out of Nampo in 2019, KOMID written another way as the shipper, on CHONG CHON GANG under a type prefix. */
const COAL = {
  id: 'c1',
  date: '2019-03-01',
  origin: 'KP',
  destination: 'CN',
  ports: [{ name: "Namp'o", role: 'loading' }],
  vessel: { name: 'M/V Chong Chon Gang' },
  parties: [{ role: 'shipper', name: 'Korea Mining Development Trading Corp', country: 'KP' }, { role: 'consignee', name: 'Harbin Orchard Foods Ltd', country: 'CN' }],
  goods: [{ hs: '2701.12', description: 'anthracite', quantity: 5000, unit: 't' }],
};
const CLEAN = { id: 'c2', date: '2019-03-01', origin: 'DE', destination: 'FR', parties: [{ role: 'shipper', name: 'Harbin Orchard Foods Ltd' }], goods: [{ hs: '0808.10', description: 'apples' }] };

describe('POST /shipments/check', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let analyst: string;
  let reader: string;

  beforeAll(async () => {
    const { t: loaded, screener } = await screenedStore(UN_AND_OFAC);
    t = loaded;
    app = createServer(t.store, { logLevel: 'silent', screener, keys: new KeyRing(t.store, 0) });
    analyst = (await createKey(t.store, 'analyst', 'trade desk')).secret;
    reader = (await createKey(t.store, 'reader')).secret;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const post = (payload: unknown, key = analyst) => app.inject({ method: 'POST', url: '/shipments/check', payload: payload as object, headers: { 'x-api-key': key } });

  it('answers one shipment: the designated shipper and ship and the banned goods, worst first, each with its basis', async () => {
    const answer = await post(COAL);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ id: 'c1', verdict: 'prohibited', rules_version: expect.stringMatching(/^dprk /) });
    const byKind = (kind: string) => body.findings.filter((f: { kind: string }) => f.kind === kind);
    expect(byKind('party').map((f: { basis: string; party: { role: string } }) => `${f.party.role}: ${f.basis}`)).toEqual(['shipper: UNSCR 1718 (2006) OP8(d); UN list KPe.001', 'shipper: OFAC SDN list, NPWMD (E.O. 13382, proliferators of weapons of mass destruction), DPRK2 (E.O. 13687)']);
    expect(byKind('party')[1].match).toMatchObject({ id: 'us_ofac_sdn-9345', how: 'name', provisions: ['Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210'], explanation: { name: expect.any(Object) } });
    expect(byKind('vessel')[0]).toMatchObject({ verdict: 'prohibited', match: { id: 'us_ofac_sdn-17069', caption: 'CHONG CHON GANG', owner: ['Ocean Maritime Management'] } });
    expect(byKind('goods')[0]).toMatchObject({ verdict: 'prohibited', measure: 'coal-iron-2371', basis: 'UNSCR 2371 (2017) OP8', status: 'indicative' });
    // Worst first: every prohibited finding before the review ones.
    const verdicts = body.findings.map((f: { verdict: string }) => f.verdict);
    expect(verdicts.indexOf('review')).toBeGreaterThan(verdicts.lastIndexOf('prohibited'));
  });

  it('answers an array in its order, and a clean shipment clear', async () => {
    const answer = await post([COAL, CLEAN]);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().map((a: { id: string; verdict: string }) => `${a.id} ${a.verdict}`)).toEqual(['c1 prohibited', 'c2 clear']);
  });

  it('refuses a request with a shipment it cannot read, naming the item and the field, before checking any', async () => {
    const before = await auditCount(t);
    const answer = await post([CLEAN, { ...CLEAN, id: 'bad', goods: [{ hs: '08081' }] }]);
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toEqual({ code: 'INVALID_SHIPMENT', detail: 'shipment bad (body item 2): goods[0].hs: "08081" has 5 digits; an HS code has 2, 4, 6, 8 or 10 (a chapter below 10 is written with its zero: 03)' });
    expect(await auditCount(t)).toBe(before);
    expect((await post({ ...CLEAN, note: 'x' })).json()).toMatchObject({ code: 'INVALID_SHIPMENT', detail: 'shipment c2 (body): "note" is not a field a shipment takes' });
  });

  it('needs the analyst role', async () => {
    const answer = await post(CLEAN, reader);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().code).toBe('FORBIDDEN');
  });

  it('records each check: who, which shipment by the hash of its data, the verdict, the measures, the rules and list versions', async () => {
    await post(COAL);
    const entries: AuditEntry[] = [];
    for await (const entry of t.store.audit()) if (entry.action === 'shipments.check') entries.push(entry);
    const last = entries.at(-1)!;
    expect(last).toMatchObject({ subject: 'c1', actor: expect.stringMatching(/^key:\S+ \(trade desk\)$/) });
    expect(last.after).toMatchObject({ verdict: 'prohibited', measures: expect.arrayContaining(['coal-iron-2371', 'asset-freeze-1718']), input_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rules_version: expect.stringMatching(/^dprk /), versions: expect.arrayContaining([expect.stringMatching(/^un_sc-/)]) });
    // The shipment's data is not in the trail, only its hash.
    expect(JSON.stringify(last)).not.toContain('Harbin Orchard');
  });

  it('serves the rules at GET /regime', async () => {
    const answer = await app.inject({ url: '/regime', headers: { 'x-api-key': reader } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().measures.find((m: { id: string }) => m.id === 'seafood-2371')).toMatchObject({ basis: 'UNSCR 2371 (2017) OP9', coverage: [{ hs: ['03', '1604', '1605'], mapping: 'indicative' }] });
  });
});

async function auditCount(t: TestStore): Promise<number> {
  let n = 0;
  for await (const entry of t.store.audit()) if (entry.action === 'shipments.check') n++;
  return n;
}
