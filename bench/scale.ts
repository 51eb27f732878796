import { execFileSync } from 'node:child_process';
import { requireSharedData } from './shared-data.js';

const CHILD = new URL('./scale-child.ts', import.meta.url).pathname;

interface ScaleRun {
  entities: number;
  words: { given: number; surnames: number; organization: number };
  buildMs: number;
  rssAfterBuildMb: number;
  maxRssMb: number;
  queries: number;
  runs: Record<string, { qps: number; p50: number; p99: number }>;
}

/**
 * Issue target: a 1,000,000-entity corpus made by recombining real name words from the lists
 * (UN 2026-02-27 + OFAC SDN 2021-07-07): index build ≤ 60 s, RSS ≤ 2.5 GB, p99 ≤ 20 ms. Run in
 * a process of its own (with a large heap, so that a miss is measured rather than a crash);
 * `npm run bench -- scale --entities N` for another size.
 */
export async function benchScale(): Promise<void> {
  if (!requireSharedData('scale')) return;
  const at = process.argv.indexOf('--entities');
  const count = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
  console.log(`scale: ${count.toLocaleString('en')} entities recombined from real name words, built in a fresh process`);
  const run = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=16384', '--import', 'tsx', CHILD, String(count)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as ScaleRun;
  const gb = run.maxRssMb / 1024;
  console.log(`  pools: ${run.words.given} given names, ${run.words.surnames} surnames, ${run.words.organization} organization words`);
  console.log(`  index build: ${(run.buildMs / 1000).toFixed(1)} s (target <= 60 s), peak RSS ${gb.toFixed(2)} GB (target <= 2.5 GB)`);
  for (const [label, r] of Object.entries(run.runs)) {
    console.log(`  ${run.queries} typo queries, ${label}: ${r.qps.toFixed(0)} queries/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (target p99 <= 20 ms)`);
  }
}
