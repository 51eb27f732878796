import { CandidateIndex } from '../src/core/index/index.js';
import { LINK_AT, REVIEW_AT, linkRecords, regimesOf } from '../src/core/linking.js';
import { readPublications } from '../src/service/load.js';
import { gapReport } from '../src/service/designees.js';
import type { ListVersion } from '../src/store/index.js';
import { LOAD_SET, requireSharedData } from './shared-data.js';

/**
 * `npm run bench -- links`: linking every record of UN + OFAC + DFAT + SEMA into designees, and
 * the UN DPRK gap report, against the baseline of screening each record once at linking's own
 * cutoff (what linking costs beyond the matcher: the reciprocal look-ups and the grouping).
 */
export async function benchLinks(): Promise<void> {
  if (!requireSharedData('links')) return;
  const publications = await readPublications(LOAD_SET);
  const entities = publications.flatMap((p) => p.entities);
  console.log(`links: UN + OFAC SDN + DFAT + SEMA, ${entities.length.toLocaleString('en')} records`);

  // Each timing on an index of its own, built alike, so that neither finds the other's memo warm.
  let index = CandidateIndex.build(entities);
  let t = performance.now();
  for (const entity of entities) index.match({ schema: entity.schema, properties: entity.properties }, { limit: 10, cutoff: REVIEW_AT - 0.05, threshold: LINK_AT });
  const baselineMs = performance.now() - t;
  console.log(`  baseline, each record screened once: ${(baselineMs / 1000).toFixed(1)} s`);

  index = CandidateIndex.build(entities);
  t = performance.now();
  const { designees, review } = linkRecords(index, entities);
  const linkMs = performance.now() - t;
  const joined = designees.filter((d) => d.members.length > 1);
  console.log(`  link every record: ${(linkMs / 1000).toFixed(1)} s (${(linkMs / baselineMs).toFixed(2)}x the baseline): ${joined.length.toLocaleString('en')} designees of more than one record, ${review.length} pairs for review`);

  const dprk = entities.filter((e) => regimesOf(e).has('DPRK'));
  const versions: ListVersion[] = publications.map((p) => ({ id: p.dataset, dataset: p.dataset, published: p.published, contentHash: '', loadedAt: '', confirmedAt: null, entityCount: p.entities.length, source: p.source, format: '', current: true }));
  index = CandidateIndex.build(entities);
  t = performance.now();
  const report = gapReport({ index, entities: new Map(entities.map((e) => [e.id, e])), versions }, { reference: 'un_sc', collection: 'dprk' });
  const gapsMs = performance.now() - t;
  console.log(`  gap report, UN DPRK (${report.rows.length} designations) against ${report.against.join(', ')}: ${gapsMs.toFixed(0)} ms (${dprk.length} DPRK-regime records in all)`);
  for (const dataset of report.against) console.log(`    ${dataset}: ${JSON.stringify(report.summary[dataset])}`);
}
