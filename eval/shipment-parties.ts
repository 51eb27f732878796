// The shipment-party evaluation: where the review floor of shipment parties should be. Parties
// are screened as a shipment's are (a shipper of a shipment, its country given, through
// createShipmentChecker), unlisted ones (faker's companies and people in twelve locales, trade-
// like firms, banks) and listed ones written another way. For each floor, the share of unlisted
// parties it sends to review (or beyond), and the share of respelled listed parties it catches.
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { countryCode } from '../src/core/match/countries.js';
import { readShipment } from '../src/core/shipments/index.js';
import { readRegime } from '../src/service/regime.js';
import { SHIPMENT_MATCHING, createShipmentChecker } from '../src/service/shipments.js';
import { VARIANT_KINDS, listedVariants, tradeParties, type TradeParty } from './trade-parties.js';

/** The floors compared. */
export const SHIPMENT_FLOORS = Array.from({ length: 11 }, (_, i) => Math.round((0.5 + i * 0.025) * 1000) / 1000);
/** The rule: the lowest floor at which every set of unlisted parties is sent to review at most this often. */
export const FALSE_REVIEW_LIMIT = 0.02;
/** Independent sets of made-up parties: faker's names differ from one seed to another more than a set's size would say. */
export const PARTY_SEEDS = [20261201, 7, 99];
/** The lowest floor the checker is run at: every score from it up is known. */
const LOWEST = SHIPMENT_FLOORS[0]!;

interface Screened {
  /** The best score of a listed record the party was shown against (0: none at or above the lowest floor). */
  top: number;
  /** Whether the record the party was made from is among those shown. */
  itself?: boolean;
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
const share = (set: Screened[], floor: number): number => set.filter((s) => s.top >= floor).length / Math.max(1, set.length);

/**
 * Print the evaluation and return the floor its rule chooses: the lowest at which each set of
 * unlisted parties is sent to review (or beyond) at most `FALSE_REVIEW_LIMIT` of the time.
 * `entities` are the lists shipments are screened against (UN and OFAC's SDN list); `isListed`
 * says whether a made-up name is in fact a listed one (those are dropped from the unlisted: a
 * firm of a listed firm's name is rightly reviewed).
 */
export function evaluateShipmentParties(entities: Entity[], isListed: (name: string, schema: 'Person' | 'Organization') => boolean, seeds: number[] = PARTY_SEEDS): number {
  const state = { index: CandidateIndex.build(entities), entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
  const checker = createShipmentChecker(readRegime(), state, { reviewFloor: LOWEST, cacheSize: 0 });
  const screen = (name: string, country: string | undefined, expected?: string): Screened => {
    const known = country && countryCode(country) ? country : undefined;
    const shipment = readShipment({ id: 'p', date: '2024-01-01', parties: [{ role: 'shipper', name, ...(known ? { country: known } : {}) }] }, 'eval');
    const shown = checker.check(shipment).findings.filter((f) => f.kind === 'party').map((f) => f.match as { id: string; score: number });
    return { top: Math.max(0, ...shown.map((m) => m.score)), ...(expected ? { itself: shown.some((m) => m.id === expected) } : {}) };
  };

  const t0 = performance.now();
  const sets = seeds.map((seed) => tradeParties({ seed }).filter((p) => !isListed(p.name, p.kind === 'person' ? 'Person' : 'Organization')).map((party) => ({ party, ...screen(party.name, party.country) })));
  const negatives = sets.flat();
  const positives = seeds.flatMap((seed) => listedVariants(entities, { seed, count: 3_000 })).map((v) => ({ variant: v, ...screen(v.name, v.country, v.expected) }));
  const seconds = (performance.now() - t0) / 1000;

  const kinds: TradeParty['kind'][] = ['company', 'trade', 'bank', 'person'];
  const flagged = (set: Screened[], floor: number): string => pct(set.filter((s) => s.top >= floor).length, set.length);
  console.log(`\nShipment parties (${entities.length} UN and OFAC records; each screened as a shipment's shipper with its country, as src/service/shipments.ts does; ${seconds.toFixed(1)} s):`);
  console.log(`  unlisted: ${sets.length} sets (seeds ${seeds.join(', ')}) of ${sets.map((s) => s.length).join(', ')}: ${kinds.map((k) => `${negatives.filter((n) => n.party.kind === k).length} ${k === 'trade' ? 'trade-like firms' : k === 'company' ? "faker's companies" : k === 'bank' ? 'banks' : "faker's people"}`).join(', ')} (twelve locales; made-up names that are a listed name dropped)`);
  console.log(`  listed, written another way: ${positives.length} (${VARIANT_KINDS.map((k) => `${positives.filter((p) => p.variant.kind === k).length} ${k}`).join(', ')})`);
  console.log(`  at the threshold ${SHIPMENT_MATCHING.threshold} (prohibited): unlisted ${flagged(negatives, SHIPMENT_MATCHING.threshold)}, listed variants ${flagged(positives, SHIPMENT_MATCHING.threshold)}`);
  console.log('  share sent to review or beyond (a party finding) by review floor; unlisted: all sets, and the set with the most:');
  const column = (text: string, width: number) => text.padEnd(width);
  console.log(`  ${column('floor', 7)} ${column('unlisted', 9)} ${column('worst set', 10)} ${kinds.map((k) => column(k, 8)).join(' ')} ${column('listed', 8)} ${VARIANT_KINDS.map((k) => column(k, 11)).join(' ')} itself shown`);
  let chosen: number | undefined;
  for (const floor of SHIPMENT_FLOORS) {
    const worst = Math.max(...sets.map((set) => share(set, floor)));
    if (chosen === undefined && worst <= FALSE_REVIEW_LIMIT) chosen = floor;
    const caught = positives.filter((p) => p.top >= floor);
    console.log(`  ${column(floor.toFixed(3), 7)} ${column(flagged(negatives, floor), 9)} ${column(`${(worst * 100).toFixed(1)}%`, 10)} ${kinds.map((k) => column(flagged(negatives.filter((n) => n.party.kind === k), floor), 8)).join(' ')} ${column(flagged(positives, floor), 8)} ${VARIANT_KINDS.map((k) => column(flagged(positives.filter((p) => p.variant.kind === k), floor), 11)).join(' ')} ${pct(caught.filter((p) => p.itself).length, positives.length)}`);
  }
  console.log(`  the lowest floor at which each set sends at most ${FALSE_REVIEW_LIMIT * 100}% of unlisted parties to review: ${chosen ?? `none (the threshold, ${SHIPMENT_MATCHING.threshold}: no review band)`}; the review floor is ${SHIPMENT_MATCHING.reviewFloor} (SHIPMENT_MATCHING in src/service/shipments.ts, chosen by this rule)`);
  if (process.env.EVAL_SHOW_PARTIES) {
    const shown = Number(process.env.EVAL_SHOW_PARTIES);
    for (const n of negatives.filter((x) => x.top >= shown)) console.log(`  unlisted flagged: [${n.party.kind} ${n.party.country}] "${n.party.name}" ${n.top.toFixed(3)}`);
    for (const p of positives.filter((x) => x.top < shown)) console.log(`  listed missed: [${p.variant.kind}] "${p.variant.name}" (${p.variant.expected}) ${p.top.toFixed(3)}`);
  }
  return chosen ?? SHIPMENT_MATCHING.threshold;
}
