import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../src/core/index/index.js';
import { readShipment } from '../src/core/shipments/index.js';
import { readRegime } from '../src/service/regime.js';
import type { Screening } from '../src/service/screener.js';
import { checkShipment } from '../src/service/shipments.js';
import { readPublication } from '../src/sources/index.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

/**
 * The team's scenarios (test/fixtures/shipments/scenarios.jsonl), written from the regime's
 * measures: each shipment with the verdict it must get and the bases that verdict must rest on
 * (each expected basis is found in a finding giving that verdict). The goods and route
 * scenarios need no list and always run, against an empty index; the parties and ships are
 * checked against the real UN and OFAC lists (../shared/data), skipped when those are absent.
 */
interface Scenario {
  name: string;
  needs_lists: boolean;
  expect: { verdict: string; basis: string[] };
  shipment: Record<string, unknown>;
}

const SCENARIOS: Scenario[] = readFileSync(new URL('./fixtures/shipments/scenarios.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const regime = readRegime();

function outcome(scenario: Scenario, state: Screening): { verdict: string; bases: string[] } {
  const answer = checkShipment(readShipment(scenario.shipment, scenario.name), regime, state);
  return { verdict: answer.verdict, bases: answer.findings.filter((f) => f.verdict === answer.verdict).map((f) => f.basis ?? '') };
}

function expectScenario(scenario: Scenario, state: Screening): void {
  const { verdict, bases } = outcome(scenario, state);
  expect(verdict, scenario.name).toBe(scenario.expect.verdict);
  for (const basis of scenario.expect.basis) expect(bases.some((b) => b.includes(basis)), `${scenario.name}: a ${verdict} finding on ${basis} (found: ${bases.join(' | ')})`).toBe(true);
}

describe('the shipment scenarios', () => {
  it('has at least 60 scenarios, ids unique, each verdict and direction covered', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(60);
    const ids = SCENARIOS.map((s) => s.shipment.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(SCENARIOS.map((s) => s.expect.verdict))).toEqual(new Set(['prohibited', 'licence_required', 'review', 'clear']));
  });

  describe('goods and route (no list)', () => {
    const empty: Screening = { index: CandidateIndex.build([]), entities: new Map(), versions: [] };
    for (const scenario of SCENARIOS.filter((s) => !s.needs_lists)) {
      it(scenario.name, () => expectScenario(scenario, empty));
    }
  });

  describe.skipIf(!HAVE_SHARED_DATA)('parties and ships against the UN (2026-02-27) and OFAC SDN (2021-07-07) lists', async () => {
    let state: Screening | undefined;
    if (HAVE_SHARED_DATA) {
      const un = await readPublication(dataPath('un_sc/2026-02-27/consolidated.xml'));
      const ofac = await readPublication(dataPath('ofac_sdn_csv/2021-07-07'));
      const entities = [...un.entities, ...ofac.entities];
      state = { index: CandidateIndex.build(entities), entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
    }
    for (const scenario of SCENARIOS.filter((s) => s.needs_lists)) {
      it(scenario.name, () => expectScenario(scenario, state!));
    }
    it('every list-free scenario keeps its verdict with the lists loaded', () => {
      for (const scenario of SCENARIOS.filter((s) => !s.needs_lists)) expectScenario(scenario, state!);
    });
  });
});
