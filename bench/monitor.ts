import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateIndex } from '../src/core/index/index.js';
import type { Entity } from '../src/core/entity.js';
import { loadPaths } from '../src/service/load.js';
import { DEFAULT_THRESHOLD } from '../src/core/match/index.js';
import { rescreen, type MonitorRun } from '../src/service/monitor.js';
import { currentEntities } from '../src/service/screener.js';
import { cleanQuery } from '../src/service/queries.js';
import { openStore } from '../src/store/index.js';
import type { PartyInput } from '../src/store/monitoring.js';
import { namePools, seededRandom, withTypo } from './seeded.js';
import { SHARED_DATA, requireSharedData } from './shared-data.js';

const PARTIES = Number(process.env.BENCH_MONITOR_PARTIES ?? 100_000);

/**
 * Issue targets: re-screening 100,000 parties after the OFAC 2021-04-25 -> 2021-07-07 change in
 * under 30 s, and a full re-screen of 100,000 parties against UN + OFAC in under 2 minutes. The
 * parties are customers made up from real name words (and 1% listed names with a typo); the
 * baseline, in the same process, is matching the same parties against the same index in memory,
 * with no store: the ratio is what the store and the alert bookkeeping cost.
 */
export async function benchMonitor(): Promise<void> {
  if (!requireSharedData('monitor')) return;
  const dir = mkdtempSync(join(tmpdir(), 'interdict-bench-monitor-'));
  const store = await openStore({ kind: 'embedded', dir });
  try {
    await loadPaths(store, [join(SHARED_DATA, 'un_sc/2026-02-27/consolidated.xml'), join(SHARED_DATA, 'ofac_sdn_csv/2021-04-25')]);
    const entities = await currentEntities(store);
    const parties = makeParties(entities, PARTIES);
    let t = performance.now();
    await store.monitoring.upsertParties(parties, 'bench');
    const importMs = performance.now() - t;
    console.log(`monitor: ${parties.length.toLocaleString('en')} parties (99% made-up customers, 1% listed names with a typo), UN 2026-02-27 + OFAC 2021-04-25: ${entities.length.toLocaleString('en')} entities`);
    console.log(`  import: ${(importMs / 1000).toFixed(1)} s (${Math.round(parties.length / (importMs / 1000)).toLocaleString('en')} parties/s)`);

    // Baseline: the same matching in memory, no store, no alerts.
    t = performance.now();
    const index = CandidateIndex.build(entities);
    const buildMs = performance.now() - t;
    t = performance.now();
    let matches = 0;
    for (const p of parties) matches += index.match(cleanQuery(p.schema, p.properties), { limit: 20, threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_THRESHOLD }).length;
    const baselineMs = performance.now() - t;
    console.log(`  baseline, matching in memory: index ${(buildMs / 1000).toFixed(1)} s, ${(baselineMs / 1000).toFixed(1)} s for all parties (${matches} matches at ${DEFAULT_THRESHOLD})`);

    t = performance.now();
    const full = await rescreen(store, { full: true });
    const fullMs = performance.now() - t;
    report('full re-screen (first run)', full, fullMs, baselineMs + buildMs, 120_000);

    await loadPaths(store, [join(SHARED_DATA, 'ofac_sdn_csv/2021-07-07')]);
    t = performance.now();
    const changes = await rescreen(store);
    const changesMs = performance.now() - t;
    report('after OFAC 2021-04-25 -> 2021-07-07', changes, changesMs, baselineMs + buildMs, 30_000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(label: string, run: MonitorRun, ms: number, baselineMs: number, targetMs: number): void {
  console.log(`  ${label}: ${(ms / 1000).toFixed(1)} s (target < ${targetMs / 1000} s), ${(ms / baselineMs).toFixed(2)}x the in-memory baseline; `
    + `${run.partiesScreenedInFull} parties in full, ${run.partiesScreenedAgainstChanges} against ${run.changedEntities} changed entities; `
    + `${run.alertsRaised} alerts raised, ${run.alertsUnchanged} unchanged, ${run.alertsClosed} closed`);
}

/** Customers from real name words of the lists (given name + surname; company words + legal form), and some listed names with a typo. */
function makeParties(entities: Entity[], count: number): PartyInput[] {
  const next = seededRandom(100_000);
  const { given, surnames, orgWords } = namePools(entities);
  const pick = (items: string[]): string => items[Math.floor(next() * items.length)]!;
  const captions = entities.map((e) => e.caption);
  const forms = ['LLC', 'LTD', 'GMBH', 'S.A.', 'JSC', 'TRADING CO'];
  const out: PartyInput[] = [];
  for (let i = 0; i < count; i++) {
    const listed = next() < 0.01;
    const person = next() < 0.7;
    const name = listed ? withTypo(pick(captions), next, 'aeiokn')
      : person ? `${pick(given)} ${pick(surnames)}` : `${pick(orgWords)} ${pick(orgWords)} ${pick(forms)}`;
    out.push({ id: `cust-${i}`, schema: person || listed ? 'LegalEntity' : 'Company', properties: { name: [name] } });
  }
  return out;
}
