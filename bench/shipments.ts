import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex, type MatchQuery } from '../src/core/index/index.js';
import { readShipment, type Shipment } from '../src/core/shipments/index.js';
import { vesselNames } from '../src/core/shipments/vessel-names.js';
import { readRegime } from '../src/service/regime.js';
import type { Screening } from '../src/service/screener.js';
import { checkShipmentFile } from '../src/service/shipment-batch.js';
import { SHIPMENT_MATCHING, createShipmentChecker } from '../src/service/shipments.js';
import { readPublication } from '../src/sources/index.js';
import { listedVariants, tradeParties, type TradeParty } from '../eval/trade-parties.js';
import { seededRandom } from './seeded.js';
import { SHARED_DATA, requireSharedData } from './shared-data.js';

const SHIPMENTS = Number(process.env.BENCH_SHIPMENTS ?? 100_000);
/** A party or ship that is a listed one (its name as listed, or written another way). */
const LISTED_SHARE = 0.002;
/** Shipments to or from the DPRK, or calling there. */
const NEXUS_SHARE = 0.01;
/** Shipments checked again without the run's cache: the rate when no party recurs. */
const UNCACHED = 20_000;

/**
 * Checking shipments in a batch: `SHIPMENTS` shipments of 4 parties (shipper, consignee, notify
 * party, issuing bank), a ship and 3 goods lines, in JSON lines, checked by `checkShipmentFile`
 * (read, checked, each result written to a CSV file), as `interdict shipments check FILE --out`
 * does, on one thread and on one worker thread per core, against UN 2026-02-27 + OFAC SDN CSV
 * 2021-07-07. Realistic traffic: the parties are made
 * up (faker's companies and people, trade-like firms, banks: eval/trade-parties.ts) and recur as
 * a forwarder's counterparties do (a few shippers and consignees carry most shipments); 0.2% of
 * parties and ships are listed ones, half of them written another way; 1% of shipments have a
 * DPRK nexus. The baseline, in the same run: every party and ship name of the shipments screened
 * with plain `index.match` (one thread, no cache), what checking them would cost without the
 * batch's reuse of repeated parties; and the batch again on the first `UNCACHED` shipments with
 * every party and ship screened (the rate of a file where none recurs), on one thread and on
 * one worker thread per core.
 */
export async function benchShipments(): Promise<void> {
  if (!requireSharedData('shipments')) return;
  const entities: Entity[] = [];
  for (const path of ['un_sc/2026-02-27/consolidated.xml', 'ofac_sdn_csv/2021-07-07']) entities.push(...(await readPublication(join(SHARED_DATA, path))).entities);
  const index = CandidateIndex.build(entities);
  const state: Screening = { index, entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
  const regime = readRegime();
  const shipments = makeShipments(entities, SHIPMENTS);
  const dir = mkdtempSync(join(tmpdir(), 'interdict-bench-shipments-'));
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  try {
    const input = join(dir, 'shipments.jsonl');
    writeFileSync(input, `${shipments.map((s) => JSON.stringify(s)).join('\n')}\n`);
    const read = shipments.map((s, i) => readShipment(s, `line ${i + 1}`));
    const queries = read.flatMap(nameQueries);
    const distinct = [...new Map(queries.map((q) => [JSON.stringify(q), q])).values()];
    console.log(`shipments: ${SHIPMENTS.toLocaleString('en')} shipments (4 parties, a ship, 3 goods lines each; ${distinct.length.toLocaleString('en')} distinct parties and ships of ${queries.length.toLocaleString('en')}), UN 2026-02-27 + OFAC 2021-07-07: ${entities.length.toLocaleString('en')} entities; load average ${load()}`);

    // Every distinct name once, untimed: the index remembers its words' similar words across queries, and each run below finds them remembered.
    const search = { limit: SHIPMENT_MATCHING.limit, threshold: SHIPMENT_MATCHING.threshold, cutoff: SHIPMENT_MATCHING.reviewFloor, dataset: 'default' };
    for (const query of distinct) index.match(query, search);
    let t = performance.now();
    for (const query of queries) index.match(query, search);
    const baselineMs = performance.now() - t;
    console.log(`  baseline, every party and ship name screened with index.match: ${(baselineMs / 1000).toFixed(1)} s (${Math.round(queries.length / (baselineMs / 1000)).toLocaleString('en')} names/s, ${Math.round(SHIPMENTS / (baselineMs / 1000)).toLocaleString('en')} shipments' worth a second)`);

    const checker = createShipmentChecker(regime, state);
    t = performance.now();
    const verdicts = new Map<string, number>();
    for (const shipment of read) {
      const { verdict } = checker.check(shipment);
      verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
    }
    const checkMs = performance.now() - t;
    const { lookups, hits } = checker.screened;
    console.log(`  checked in memory (shipments read already): ${(checkMs / 1000).toFixed(1)} s, ${Math.round(SHIPMENTS / (checkMs / 1000)).toLocaleString('en')} shipments/s (${(checkMs / baselineMs).toFixed(2)}x the baseline's time); ${lookups.toLocaleString('en')} names, ${((100 * hits) / lookups).toFixed(1)}% met earlier in the run; ${[...verdicts].map(([v, n]) => `${n} ${v}`).join(', ')}`);

    // The batch as `interdict shipments check FILE --out` runs it: on one thread (the default), then on one worker thread per core.
    for (const workers of [0, availableParallelism()]) {
      t = performance.now();
      const summary = await checkShipmentFile({ input, output: join(dir, 'results.csv'), regime, state, restart: true, workers });
      const ms = performance.now() - t;
      const { lookups: names, hits: met } = summary.screened;
      console.log(`  the batch on ${summary.workers || 'no'} worker thread(s), JSON lines in, CSV results out (checkShipmentFile): ${(ms / 1000).toFixed(1)} s, ${Math.round(summary.counts.rows / (ms / 1000)).toLocaleString('en')} shipments/s (${(ms / baselineMs).toFixed(2)}x the baseline's time); ${((100 * met) / names).toFixed(1)}% of names met earlier by their thread; ${summary.counts.bad} bad; load average ${load()}`);
    }

    // The worst case: no party or ship met twice (the run's cache off), on the first shipments.
    const some = Math.min(SHIPMENTS, UNCACHED);
    const part = join(dir, 'part.jsonl');
    writeFileSync(part, `${shipments.slice(0, some).map((s) => JSON.stringify(s)).join('\n')}\n`);
    const partBaseline = (baselineMs * nameCount(read.slice(0, some))) / queries.length;
    for (const workers of [0, availableParallelism()]) {
      t = performance.now();
      const summary = await checkShipmentFile({ input: part, output: join(dir, 'part.csv'), regime, state, check: { cacheSize: 0 }, restart: true, workers });
      const ms = performance.now() - t;
      console.log(`  the batch on ${summary.workers || 'no'} worker thread(s) with every party and ship screened (no cache), the first ${some.toLocaleString('en')} shipments: ${(ms / 1000).toFixed(1)} s, ${Math.round(some / (ms / 1000)).toLocaleString('en')} shipments/s (${(ms / partBaseline).toFixed(2)}x the baseline's time for their names); load average ${load()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const nameCount = (shipments: Shipment[]): number => shipments.reduce((n, s) => n + nameQueries(s).length, 0);

/** The name queries a shipment's parties and ship make, as the checker makes them (for the baseline). */
function nameQueries(shipment: Shipment): MatchQuery[] {
  const parties = shipment.parties.map((p): MatchQuery => ({ schema: p.schema, properties: { name: [p.name], ...(p.country ? { country: [p.country.toLowerCase()] } : {}) } }));
  const vessel = shipment.vessel?.name ? [{ schema: 'Vessel', properties: { name: [vesselNames(shipment.vessel.name).name], ...(shipment.vessel.imo ? { imoNumber: [shipment.vessel.imo] } : {}), ...(shipment.vessel.flag ? { flag: [shipment.vessel.flag.toLowerCase()] } : {}) } }] : [];
  return [...parties, ...vessel];
}

/** Goods a forwarder ships, with an HS code and a description: machinery, electronics, textiles, food, chemicals. */
const GOODS: readonly [string, string][] = [
  ['8471.30', 'laptop computers'], ['8517.13', 'smartphones'], ['8528.72', 'television sets'], ['8415.10', 'air conditioners'], ['8418.10', 'refrigerators'], ['8450.11', 'washing machines'],
  ['6109.10', 'cotton t-shirts'], ['6203.42', 'cotton trousers'], ['6402.99', 'footwear'], ['9403.60', 'wooden furniture'], ['9503.00', 'toys'], ['3926.90', 'plastic articles'],
  ['8708.29', 'car body parts'], ['4011.10', 'car tyres'], ['7308.90', 'steel structures'], ['7210.49', 'galvanized steel sheet'], ['3004.90', 'medicaments'], ['3901.10', 'polyethylene'],
  ['2902.43', 'p-xylene'], ['1006.30', 'rice'], ['0803.90', 'bananas'], ['2204.21', 'wine'], ['0901.11', 'coffee beans'], ['1701.99', 'sugar'], ['2523.29', 'portland cement'],
  ['8429.52', 'excavators'], ['8481.80', 'valves'], ['8544.49', 'electric cables'], ['9018.90', 'medical instruments'], ['4819.10', 'cartons'], ['8703.23', 'passenger cars'], ['2710.19', 'lubricating oil'],
];
const DPRK_GOODS: readonly [string, string][] = [['2701.12', 'anthracite'], ['0306.14', 'frozen crab'], ['6204.62', 'women\'s trousers'], ['2601.11', 'iron ore'], ['8429.11', 'bulldozers'], ['2710.19', 'diesel']];
const PORTS: readonly [string, string][] = [['Shanghai', 'CN'], ['Ningbo', 'CN'], ['Shenzhen', 'CN'], ['Qingdao', 'CN'], ['Busan', 'KR'], ['Singapore', 'SG'], ['Rotterdam', 'NL'], ['Hamburg', 'DE'], ['Antwerp', 'BE'], ['Los Angeles', 'US'], ['Jebel Ali', 'AE'], ['Port Klang', 'MY'], ['Haiphong', 'VN'], ['Nhava Sheva', 'IN'], ['Santos', 'BR'], ['Vladivostok', 'RU'], ['Yokohama', 'JP'], ['Mersin', 'TR']];
const FLAGS = ['PA', 'LR', 'MH', 'HK', 'SG', 'MT', 'BS', 'CN', 'GR', 'CY', 'PT', 'NO'];
const SHIP_WORDS = ['OCEAN', 'PACIFIC', 'GOLDEN', 'STAR', 'EVER', 'GLORY', 'PRIDE', 'SPIRIT', 'HARMONY', 'FORTUNE', 'NORDIC', 'ATLANTIC', 'ASIAN', 'SILVER', 'JADE', 'PEARL', 'DRAGON', 'PHOENIX', 'HORIZON', 'VICTORY', 'EXPRESS', 'TRADER', 'CARRIER', 'VOYAGER', 'NAVIGATOR', 'BRIDGE', 'WAVE', 'BREEZE', 'SUN', 'MOON'];

/** A valid ship IMO number (weights 7 to 2, the sum's last digit). */
function shipImo(next: () => number): string {
  const digits = Array.from({ length: 6 }, (_, i) => (i === 0 ? 9 : Math.floor(next() * 10)));
  return `${digits.join('')}${digits.reduce((sum, d, i) => sum + d * (7 - i), 0) % 10}`;
}

/** The made-up shipments, the same for the same count: JSON objects as a file holds them. */
function makeShipments(entities: Entity[], count: number): Record<string, unknown>[] {
  const next = seededRandom(20261201);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  // A few counterparties carry most of the trade: the square of a uniform draw favours the first ones.
  const recurring = <T>(items: readonly T[], skew = 2): T => items[Math.floor(items.length * next() ** skew)]!;
  const made = tradeParties({ seed: 42, companies: 6_000, people: 1_500, traders: 9_000, banks: 1_000 });
  const firms = made.filter((p) => p.kind === 'company' || p.kind === 'trade');
  const shippers = firms.slice(0, 5_000);
  const consignees = [...firms.slice(5_000, 13_000), ...made.filter((p) => p.kind === 'person')];
  const forwarders = firms.slice(13_000);
  const banks = made.filter((p) => p.kind === 'bank');
  const variants = listedVariants(entities, { seed: 42, count: 2_000 });
  const listedNames = entities.filter((e) => e.schema !== 'Person' && e.schema !== 'Vessel').map((e) => e.caption);
  const listedShips = entities.filter((e) => e.schema === 'Vessel');
  // Ships' numbers are made up: none is a listed ship's (the listed ones are given below).
  const listedImo = new Set(listedShips.flatMap((e) => e.properties.imoNumber ?? []).map((n) => n.replace(/\D/g, '')));
  const ships = Array.from({ length: 3_000 }, () => {
    let imo = shipImo(next);
    while (listedImo.has(imo)) imo = shipImo(next);
    return { name: `${pick(['MV ', 'M/V ', '', ''])}${pick(SHIP_WORDS)} ${pick(SHIP_WORDS)}${next() < 0.4 ? ` ${1 + Math.floor(next() * 9)}` : ''}`, imo, flag: pick(FLAGS) };
  });
  const party = (role: string, from: TradeParty[], skew = 2): Record<string, unknown> => {
    if (next() < LISTED_SHARE) return next() < 0.5 ? { role, name: pick(listedNames) } : { role, name: pick(variants).name };
    const p = recurring(from, skew);
    return { role, name: p.name, country: p.country };
  };
  const shipments: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const nexus = next() < NEXUS_SHARE;
    const [from, to] = [pick(PORTS), pick(PORTS)];
    const year = 2018 + Math.floor(next() * 8);
    const date = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const listedShip = next() < LISTED_SHARE ? pick(listedShips) : undefined;
    const ship = listedShip ? { name: listedShip.caption, ...(listedShip.properties.imoNumber?.[0] ? { imo: listedShip.properties.imoNumber[0] } : {}) } : recurring(ships);
    const consignee = party('consignee', consignees);
    shipments.push({
      id: `S${String(i + 1).padStart(7, '0')}`,
      date,
      origin: nexus && next() < 0.5 ? 'KP' : from[1],
      destination: to[1],
      ports: nexus && next() < 0.5 ? [{ name: 'Nampo', role: 'loading' }, { name: to[0], role: 'discharge' }] : [{ name: from[0], role: 'loading' }, { name: to[0], role: 'discharge' }],
      vessel: ship,
      parties: [party('shipper', shippers), consignee, next() < 0.5 ? { ...consignee, role: 'notify_party' } : party('notify_party', forwarders), party('issuing_bank', banks, 1)],
      goods: Array.from({ length: 3 }, () => {
        const [hs, description] = nexus ? pick([...GOODS, ...DPRK_GOODS]) : pick(GOODS);
        return { hs, description, quantity: 1 + Math.floor(next() * 5000), unit: 'kg', value: Math.round(next() * 100_000), currency: 'USD' };
      }),
    });
  }
  return shipments;
}
