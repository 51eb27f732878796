import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegime } from '../regime/regime.js';
import { dprkNexus, shipmentFindings } from './check.js';
import { answerOf } from './finding.js';
import { readShipment } from './shipment.js';

const regime = parseRegime(readFileSync(new URL('../../../regimes/dprk.yaml', import.meta.url), 'utf8'), 'regimes/dprk.yaml');
const ship = (value: Record<string, unknown>) => readShipment({ id: 't', date: '2019-03-01', ...value }, 'test');
const answer = (value: Record<string, unknown>) => {
  const s = ship(value);
  return answerOf(s.id, shipmentFindings(s, regime), regime.rulesVersion);
};

describe('readShipment', () => {
  it('names the shipment and the field of a bad value', () => {
    expect(() => readShipment({ id: 's9', date: '2019-02-30' }, 'f.jsonl line 4')).toThrow(/^shipment s9 \(f\.jsonl line 4\): date: a date YYYY-MM-DD/);
    expect(() => readShipment({ date: '2019-02-03', goods: [{ hs: '270' }] }, 'item 2')).toThrow(/^shipment at item 2: goods\[0\]\.hs: "270" has 3 digits/);
    expect(() => readShipment({ id: 1, date: '2019-02-03', colour: 'red' }, 'x')).toThrow(/^shipment 1 \(x\): "colour" is not a field a shipment takes/);
    expect(() => readShipment({ id: 1, date: '2019-02-03', origin: 'Narnia' }, 'x')).toThrow(/origin: "Narnia" is not a country/);
    expect(() => readShipment({ id: 1, date: '2019-02-03', ports: [{ name: 'Nampo', role: 'unloading' }] }, 'x')).toThrow(/ports\[0\]\.role/);
  });

  it('reads countries by name or code and HS codes at any length', () => {
    const s = readShipment({ id: 's', date: '2019-03-01', origin: 'North Korea', destination: 'cn', goods: [{ hs: '2701.12' }, { hs: 27 }] }, 'x');
    expect(s).toMatchObject({ origin: 'KP', destination: 'CN', goods: [{ hs: '270112' }, { hs: '27' }] });
  });
});

describe('dprkNexus', () => {
  it('reads the direction from origin, destination, ports and parties', () => {
    expect([...dprkNexus(ship({ origin: 'KP' })).directions]).toEqual(['export_from_dprk']);
    expect([...dprkNexus(ship({ destination: 'KP' })).directions]).toEqual(['import_to_dprk']);
    expect([...dprkNexus(ship({ ports: [{ name: 'Chongjin', role: 'discharge' }] })).directions]).toEqual(['import_to_dprk']);
    expect([...dprkNexus(ship({ ports: [{ name: 'Wonsan', role: 'transit' }] })).directions].sort()).toEqual(['export_from_dprk', 'import_to_dprk']);
    expect([...dprkNexus(ship({ parties: [{ role: 'consignee', name: 'X', country: 'KP' }] })).directions]).toEqual(['import_to_dprk']);
    expect(dprkNexus(ship({ vessel: { name: 'X', flag: 'KP' } }))).toMatchObject({ signals: ['the vessel X flies the DPRK flag'] });
    expect(dprkNexus(ship({ vessel: { name: 'X', mmsi: '445123456' } })).signals[0]).toMatch(/MMSI 445123456, a DPRK-registered ship's/);
    expect(dprkNexus(ship({ origin: 'DE', destination: 'FR' })).signals).toEqual([]);
  });

  it('sees a transit of foreign goods through Rajin', () => {
    expect(dprkNexus(ship({ origin: 'RU', ports: [{ name: 'Najin', role: 'loading' }] })).rajinTransit).toBe(true);
    expect(dprkNexus(ship({ origin: 'KP', ports: [{ name: 'Najin', role: 'loading' }] })).rajinTransit).toBe(false);
  });
});

describe('shipmentFindings', () => {
  it('bans DPRK coal after 2371, caps it under 2321, and finds nothing but the nexus before 2270', () => {
    const coal = { origin: 'KP', goods: [{ hs: '2701.12', description: 'anthracite' }] };
    expect(answer({ ...coal, date: '2019-03-01' })).toMatchObject({ verdict: 'prohibited', findings: [{ measure: 'coal-iron-2371', basis: 'UNSCR 2371 (2017) OP8', status: 'indicative', mapping: 'indicative' }, { kind: 'route' }] });
    expect(answer({ ...coal, date: '2017-03-01' })).toMatchObject({ verdict: 'licence_required', findings: [{ measure: 'coal-cap-2321' }, { kind: 'route' }] });
    expect(answer({ ...coal, date: '2016-01-15' })).toMatchObject({ verdict: 'review', findings: [{ kind: 'route', measure: 'cargo-inspection-1718' }] });
  });

  it('applies a measure in its direction only', () => {
    expect(answer({ destination: 'KP', goods: [{ hs: '0302', description: 'fresh fish' }] }).findings.map((f) => f.measure)).toEqual(['cargo-inspection-2270']);
    expect(answer({ origin: 'KP', goods: [{ hs: '0302', description: 'fresh fish' }] }).findings[0]).toMatchObject({ measure: 'seafood-2371', verdict: 'prohibited' });
  });

  it('puts goods under an indicative mapping the description does not confirm, and a wider chapter, under review', () => {
    expect(answer({ origin: 'KP', goods: [{ hs: '2701' }] }).findings[0]).toMatchObject({ verdict: 'review', measure: 'coal-iron-2371' });
    expect(answer({ origin: 'KP', goods: [{ hs: '27', description: 'anthracite' }] }).findings[0]).toMatchObject({ verdict: 'review', detail: expect.stringMatching(/wider than 2701/) });
  });

  it('takes codes the resolution writes as they are, with a partially verified status', () => {
    expect(answer({ destination: 'KP', goods: [{ hs: '8429.11' }] }).findings[0]).toMatchObject({ verdict: 'prohibited', measure: 'op7-2397', status: 'indicative', verification: 'partially_verified', mapping: 'resolution_text' });
  });

  it('reads a description without an HS code to candidate chapters, for review', () => {
    const found = answer({ origin: 'KP', goods: [{ description: 'frozen crab legs' }] }).findings[0]!;
    expect(found).toMatchObject({ verdict: 'review', measure: 'seafood-2371', candidates: [{ chapter: '03', measures: ['seafood-2371'] }] });
  });

  it('caps refined petroleum into the DPRK and bans condensate', () => {
    const diesel = answer({ destination: 'KP', goods: [{ hs: '2710.19', description: 'diesel' }] });
    expect(diesel.verdict).toBe('licence_required');
    expect(diesel.findings[0]).toMatchObject({ measure: 'refined-petroleum-2397', detail: expect.stringContaining('cap: 500,000 barrels a year') });
    // 2710 holds aviation fuel too: a description that does not say which is left for review.
    expect(diesel.findings.map((f) => `${f.measure} ${f.verdict}`)).toEqual(['refined-petroleum-2397 licence_required', 'aviation-fuel-2270 review', 'cargo-inspection-2270 review']);
    expect(answer({ destination: 'KP', goods: [{ hs: '2710.19', description: 'jet fuel' }] }).findings[0]).toMatchObject({ verdict: 'prohibited', measure: 'aviation-fuel-2270' });
    expect(answer({ destination: 'KP', goods: [{ hs: '2709', description: 'gas condensate' }] }).findings[0]).toMatchObject({ verdict: 'prohibited', measure: 'condensates-ngl-2375' });
  });

  it('leaves the Rajin transit of foreign coal to review, naming the unverified exception', () => {
    const found = answer({ origin: 'RU', destination: 'CN', ports: [{ name: 'Rajin', role: 'loading' }], goods: [{ hs: '2701.12', description: 'coal' }] });
    expect(found.verdict).toBe('review');
    expect(found.findings[0]!.detail).toMatch(/an exception may apply \(unverified\)/);
  });

  it('finds ship-to-ship transfers: banned with a DPRK-flagged ship, else for review', () => {
    expect(answer({ ports: [{ name: 'East China Sea', role: 'ship_to_ship', vessel: { name: 'YU JONG 2', flag: 'KP' } }] }).findings[0]).toMatchObject({ verdict: 'prohibited', measure: 'ship-to-ship-2375', basis: 'UNSCR 2375 (2017) OP7-11' });
    expect(answer({ origin: 'SG', destination: 'CN', ports: [{ role: 'ship_to_ship' }] })).toMatchObject({ verdict: 'review', findings: [{ kind: 'route', measure: 'ship-to-ship-2375' }] });
  });

  it('says when a ship\'s IMO number is a company\'s', () => {
    expect(answer({ origin: 'DE', vessel: { name: 'X', imo: '5571322' } }).findings).toEqual([expect.objectContaining({ kind: 'vessel', verdict: 'review', detail: expect.stringMatching(/not a ship's number .* valid company or registered owner number/) })]);
    expect(answer({ origin: 'DE', vessel: { name: 'X', imo: '8712362' } }).findings).toEqual([]);
  });

  it('is clear without a DPRK nexus, whatever the goods', () => {
    expect(answer({ origin: 'DE', destination: 'FR', goods: [{ hs: '2701', description: 'coal' }, { description: 'frozen crab' }] })).toMatchObject({ verdict: 'clear', findings: [] });
  });
});
