import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CandidateIndex } from '../src/core/index/index.js';
import { linkRecords, linkSearch, regimesOf } from '../src/core/linking.js';
import { readPublications } from '../src/service/load.js';
import { gapReport } from '../src/service/designees.js';
import { linkRecordsInParallel } from '../src/service/link-workers.js';
import type { ListVersion } from '../src/store/index.js';
import { SHARED_DATA, requireSharedData } from './shared-data.js';

/**
 * The four lists linked: over 20,000 records. OFAC's is its newest SDN file stored (2024), sdn.csv
 * alone: its aliases are those its remarks give (alt.csv, add.csv of that date are not stored).
 * With `--ofac-2021`, OFAC's 2021 set with alt.csv instead: fewer records (17,800), more aliases
 * each, the heavier queries.
 */
const OFAC = process.argv.includes('--ofac-2021') ? 'ofac_sdn_csv/2021-07-07' : 'ofac_sdn_csv_only/2024-05-03';
const LINK_SET = ['un_sc/2026-02-27/consolidated.xml', OFAC, 'au_dfat/2024-12-17/regulation8_consolidated.xlsx', 'ca_sema/2025-05-25/sema-lmes.xml.gz'].map((p) => join(SHARED_DATA, p));

/** What linking every record of the four lists must take at most (docs/linking.md, "Speed"). */
const TARGET_MS = 30_000;

/**
 * `npm run bench -- links`: linking every record of UN + OFAC + DFAT + SEMA into designees, in
 * this thread alone and spread over the cores (`linkRecordsInParallel`, checked to give the same
 * designees and pairs for review), and the UN DPRK gap report, against the baseline of screening
 * each record once at linking's own cutoff in one thread (what linking costs beyond the matcher:
 * the reciprocal look-ups and the grouping).
 */
export async function benchLinks(): Promise<void> {
  if (!requireSharedData('links')) return;
  const publications = await readPublications(LINK_SET);
  const entities = publications.flatMap((p) => p.entities);
  const perList = publications.map((p) => `${p.dataset} ${p.entities.length.toLocaleString('en')}`).join(', ');
  console.log(`links: UN + OFAC SDN (${OFAC}) + DFAT + SEMA, ${entities.length.toLocaleString('en')} records (${perList})`);
  // The machine is shared: the load says how far the timings can be trusted.
  const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
  // The requirement: 20,000 records or more across four lists linked in under TARGET_MS.
  const verdict = (ms: number): string => (entities.length < 20_000 ? `fewer records than the target's 20,000` : `${ms < TARGET_MS ? 'under' : 'OVER'} the target of ${TARGET_MS / 1000} s`);
  console.log(`  ${availableParallelism()} cores, load average ${load()}`);

  // Each timing on an index of its own, built alike, so that neither finds the other's memo warm.
  let index = CandidateIndex.build(entities);
  let t = performance.now();
  for (const entity of entities) index.match({ schema: entity.schema, properties: entity.properties }, linkSearch());
  const baselineMs = performance.now() - t;
  console.log(`  baseline, each record screened once: ${(baselineMs / 1000).toFixed(1)} s`);

  index = CandidateIndex.build(entities);
  t = performance.now();
  const plain = linkRecords(index, entities);
  const linkMs = performance.now() - t;
  const joined = plain.designees.filter((d) => d.members.length > 1);
  console.log(`  link every record, one thread: ${(linkMs / 1000).toFixed(1)} s (${(linkMs / baselineMs).toFixed(2)}x the baseline): ${joined.length.toLocaleString('en')} designees of more than one record, ${plain.review.length.toLocaleString('en')} pairs for review; ${verdict(linkMs)}`);

  index = CandidateIndex.build(entities);
  t = performance.now();
  const parallel = await linkRecordsInParallel(index, entities);
  const parallelMs = performance.now() - t;
  const same = isDeepStrictEqual(parallel, plain);
  console.log(`  link every record, ${availableParallelism()} threads: ${(parallelMs / 1000).toFixed(1)} s (${(parallelMs / baselineMs).toFixed(2)}x the baseline, ${(linkMs / parallelMs).toFixed(2)}x one thread's speed), ${same ? 'the same designees and pairs for review' : 'OTHER DESIGNEES OR PAIRS FOR REVIEW THAN ONE THREAD'}; ${verdict(parallelMs)}; load average ${load()}`);
  if (!same) process.exitCode = 1;

  const dprk = entities.filter((e) => regimesOf(e).has('DPRK'));
  const versions: ListVersion[] = publications.map((p) => ({ id: p.dataset, dataset: p.dataset, published: p.published, contentHash: '', loadedAt: '', confirmedAt: null, entityCount: p.entities.length, source: p.source, format: '', current: true }));
  index = CandidateIndex.build(entities);
  t = performance.now();
  const report = gapReport({ index, entities: new Map(entities.map((e) => [e.id, e])), versions }, { reference: 'un_sc', collection: 'dprk' });
  const gapsMs = performance.now() - t;
  console.log(`  gap report, UN DPRK (${report.rows.length} designations) against ${report.against.join(', ')}: ${gapsMs.toFixed(0)} ms (${dprk.length} DPRK-regime records in all)`);
  for (const dataset of report.against) console.log(`    ${dataset}: ${JSON.stringify(report.summary[dataset])}`);
}
