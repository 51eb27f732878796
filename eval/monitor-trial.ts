// `node --import tsx eval/monitor-trial.ts`: alerts a monitoring run raises on a trial of parties,
// one per party and designee, against what one alert per listed record would have raised.
// Parties: 25 UN DPRK designations under their UN names (people with their birth dates), which
// OFAC, DFAT and SEMA list too, and 75 made-up customers; lists: UN 2026-02-27, OFAC SDN CSV
// 2021-07-07, DFAT 2024-12-17, SEMA 2025-05-25, in an embedded store of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_THRESHOLD } from '../src/core/match/index.js';
import { loadPaths } from '../src/service/load.js';
import { rescreen } from '../src/service/monitor.js';
import { cleanQuery } from '../src/service/queries.js';
import { currentEntities } from '../src/service/screener.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { openStore } from '../src/store/index.js';
import type { PartyInput } from '../src/store/monitoring.js';
import { namePools, seededRandom } from '../bench/seeded.js';
import { LOAD_SET, requireSharedData } from '../bench/shared-data.js';

const LISTED = 25;
const MADE_UP = 75;

if (requireSharedData('monitor trial')) {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-trial-'));
  const store = await openStore({ kind: 'embedded', dir });
  try {
    await loadPaths(store, LOAD_SET);
    const entities = await currentEntities(store);
    // Every sixth UN DPRK designation by reference number: people and organizations alike.
    const dprk = entities.filter((e) => /^un_sc-KP[ie]\.\d+$/.test(e.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const listed = dprk.filter((_, i) => i % 6 === 0).slice(0, LISTED);
    const next = seededRandom(2026);
    const { given, surnames } = namePools(entities);
    const pick = (items: string[]): string => items[Math.floor(next() * items.length)]!;
    const parties: PartyInput[] = [
      ...listed.map((e) => ({ id: `hit-${e.id}`, schema: e.schema === 'Person' ? 'Person' : 'LegalEntity', properties: { name: [e.caption], ...(e.properties.birthDate?.length ? { birthDate: e.properties.birthDate.slice(0, 1) } : {}) } })),
      ...Array.from({ length: MADE_UP }, (_, i) => ({ id: `cust-${i}`, schema: 'Person', properties: { name: [`${pick(given)} ${pick(surnames)}`] } })),
    ];
    // One alert per listed record: every record matching a party at the threshold, as monitoring raised them before designees.
    const index = CandidateIndex.build(entities);
    const perRecord = parties.map((p) => index.match(cleanQuery(p.schema, p.properties), { limit: 20, threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_THRESHOLD }));
    await store.monitoring.upsertParties(parties, 'trial');
    const run = await rescreen(store, { full: true });
    const alerts = await store.monitoring.listAlerts({ limit: 10_000 });
    const hits = alerts.filter((a) => a.partyId.startsWith('hit-'));
    const records = perRecord.reduce((n, r) => n + r.length, 0);
    const hitRecords = perRecord.slice(0, LISTED).reduce((n, r) => n + r.length, 0);
    console.log(`monitor trial: ${LISTED} parties named as UN DPRK designations, ${MADE_UP} made-up customers; ${entities.length.toLocaleString('en')} records of UN, OFAC, DFAT and SEMA`);
    console.log(`  one alert per listed record: ${records} alerts (${hitRecords} on the ${LISTED} named parties)`);
    console.log(`  one alert per party and designee: ${run.alertsRaised} alerts (${hits.length} on ${new Set(hits.map((a) => a.partyId)).size} named parties), ${alerts.filter((a) => a.members.length > 1).length} of them on designees of several records`);
    const lists = new Map<number, number>();
    for (const a of hits) lists.set(a.datasets.length, (lists.get(a.datasets.length) ?? 0) + 1);
    console.log(`  named parties' alerts by lists carrying the designee: ${[...lists].sort((a, b) => a[0] - b[0]).map(([n, count]) => `${count} on ${n} list(s)`).join(', ')}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
