// One scale run in a process of its own (so that its peak memory is its own): prints JSON.
// Reads the unlisted customers' queries (made up by the parent, so that faker's data does not
// count in this process's memory) as JSON on standard input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex, type MatchQuery } from '../src/core/index/index.js';
import { readPublication } from '../src/sources/index.js';
import { namePools, seededRandom, withTypo } from './seeded.js';
import { SHARED_DATA } from './shared-data.js';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const QUERIES = 2000;
const unlisted = JSON.parse(readFileSync(0, 'utf8')) as MatchQuery[];
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
/** A percentile of the mix: each half's latencies weighted by its share of the mix. */
function mixPercentile(halves: { sorted: number[]; share: number }[], p: number): number {
  const weighted = halves.flatMap(({ sorted, share }) => sorted.map((ms) => [ms, share / sorted.length] as const)).sort((a, b) => a[0] - b[0]);
  let sum = 0;
  for (const [ms, weight] of weighted) if ((sum += weight) >= p) return ms;
  return weighted[weighted.length - 1]![0];
}
const LISTED_SHARE = 0.1;
interface Figures {
  qps: number;
  p50: number;
  p99: number;
}
const runs: Record<string, { unlisted: Figures; listed: Figures; mix: Figures }> = {};
// The halves interleaved, so that each meets the index in the same state.
const queries = Array.from({ length: Math.max(unlisted.length, samples.length) }, (_, i) => [[unlisted[i], 'unlisted'], [samples[i], 'listed']] as const)
  .flat()
  .filter((q): q is readonly [MatchQuery, 'unlisted' | 'listed'] => q[0] !== undefined);
for (const [label, options] of [['defaults', {}], ['cutoff0', { limit: 5, threshold: 0, cutoff: 0 }]] as const) {
  const latencies = { unlisted: [] as number[], listed: [] as number[] };
  for (const [query, half] of queries) {
    const q0 = performance.now();
    index.match(query, options);
    latencies[half].push(performance.now() - q0);
  }
  if (process.env.SCALE_SLOWEST) {
    // The slowest queries of this run, to standard error: what the p99 is made of.
    const timed = queries.map(([query, half], i) => ({ query, half, ms: latencies[half][Math.floor(i / 2)] ?? 0 }));
    for (const { query, half, ms } of timed.sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.SCALE_SLOWEST))) console.error(`${label} ${half} ${ms.toFixed(1)} ms ${query.schema} ${query.properties.name?.[0]}`);
  }
  const figures = (sorted: number[]): Figures => ({ qps: (sorted.length / sorted.reduce((a, b) => a + b, 0)) * 1000, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) });
  const [u, l] = [latencies.unlisted.sort((a, b) => a - b), latencies.listed.sort((a, b) => a - b)];
  const [fu, fl] = [figures(u), figures(l)];
  const halves = [{ sorted: u, share: 1 - LISTED_SHARE }, { sorted: l, share: LISTED_SHARE }];
  runs[label] = { unlisted: fu, listed: fl, mix: { qps: 1 / ((1 - LISTED_SHARE) / fu.qps + LISTED_SHARE / fl.qps), p50: mixPercentile(halves, 0.5), p99: mixPercentile(halves, 0.99) } };
}
console.log(JSON.stringify({ entities: index.size, words: { given: given.length, surnames: surnames.length, organization: orgWords.length }, buildMs, rssAfterBuildMb, maxRssMb: process.resourceUsage().maxRSS / 1024, queries: { unlisted: unlisted.length, listed: samples.length }, runs }));
