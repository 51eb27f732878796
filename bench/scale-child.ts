// One scale run in a process of its own (so that its peak memory is its own): prints JSON.
import { join } from 'node:path';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex, type MatchQuery } from '../src/core/index/index.js';
import { readPublication } from '../src/sources/index.js';
import { namePools, seededRandom, withTypo } from './seeded.js';
import { SHARED_DATA } from './shared-data.js';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const QUERIES = 2000;
const LEGAL_FORMS = ['LLC', 'LTD', 'CO., LTD.', 'S.A.', 'GMBH', 'JSC', 'TRADING COMPANY', 'CORPORATION'];

const lists = [
  ...(await readPublication(join(SHARED_DATA, 'un_sc/2026-02-27/consolidated.xml'))).entities,
  ...(await readPublication(join(SHARED_DATA, 'ofac_sdn_csv/2021-07-07'))).entities,
];
// Real name words, by role: given names, surnames, organization words.
const { given, surnames, orgWords } = namePools(lists);

const next = seededRandom(1_000_000);
const pick = (items: string[]): string => items[Math.floor(next() * items.length)]!;
const samples: MatchQuery[] = [];

/** A million made-up entities, recombined from real name words, generated as they are indexed. */
function* corpus(): Generator<Entity> {
  for (let i = 0; i < COUNT; i++) {
    const person = next() < 0.7;
    const name = person
      ? next() < 0.5 ? `${pick(given)} ${pick(surnames)}` : `${pick(given)} ${pick(given)} ${pick(surnames)}`
      : `${pick(orgWords)} ${pick(orgWords)} ${pick(LEGAL_FORMS)}`;
    const schema = person ? 'Person' : 'Organization';
    if (i % Math.floor(COUNT / QUERIES) === 0 && samples.length < QUERIES) {
      // The query: the name with one letter changed, as a clerk would type it.
      samples.push({ schema, properties: { name: [withTypo(name, next, 'aeiokn')] } });
    }
    yield { id: `scale-${i}`, schema, caption: name, properties: { name: [name] }, datasets: ['scale'], designations: [] };
  }
}

const t0 = performance.now();
const index = CandidateIndex.build(corpus());
const buildMs = performance.now() - t0;
const rssAfterBuildMb = process.memoryUsage().rss / 2 ** 20;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const runs: Record<string, { qps: number; p50: number; p99: number }> = {};
for (const [label, options] of [['defaults', {}], ['cutoff0', { limit: 5, threshold: 0, cutoff: 0 }]] as const) {
  const latencies: number[] = [];
  const start = performance.now();
  for (const query of samples) {
    const q0 = performance.now();
    index.match(query, options);
    latencies.push(performance.now() - q0);
  }
  const total = performance.now() - start;
  latencies.sort((a, b) => a - b);
  runs[label] = { qps: (samples.length / total) * 1000, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}
console.log(JSON.stringify({ entities: index.size, words: { given: given.length, surnames: surnames.length, organization: orgWords.length }, buildMs, rssAfterBuildMb, maxRssMb: process.resourceUsage().maxRSS / 1024, queries: samples.length, runs }));
