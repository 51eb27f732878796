import { execFileSync } from 'node:child_process';
import { LOAD_SET, requireSharedData } from './shared-data.js';

interface Run {
  wallMs: number;
  parseMs?: number;
  openMs?: number;
  commitMs?: number;
  entities?: number;
  bytes?: number;
  maxRssMb: number;
}

const CHILD = new URL('./load-child.ts', import.meta.url).pathname;
const RUNS = 3;

function run(mode: string): Run {
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', CHILD, mode], { encoding: 'utf8' })) as Run;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Issue target: UN 2026-02-27 + OFAC SDN 2021-07-07 + DFAT + SEMA 2025 into a fresh embedded
 * store in under 5 s with peak memory under 1 GB. Each run is a fresh process and a fresh store;
 * the baseline (reading and decompressing the same bytes) runs alongside, and the ratio is printed.
 */
export async function benchLoad(): Promise<void> {
  if (!requireSharedData('load')) return;
  console.log(`load: ${LOAD_SET.length} publications, ${RUNS} runs each, fresh process and store per run`);
  const baselines: Run[] = [];
  const loads: Run[] = [];
  const shared: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    baselines.push(run('baseline'));
    loads.push(run('load'));
    shared.push(run('shared'));
  }
  const m = (runs: Run[], key: keyof Run): number => median(runs.map((r) => Number(r[key] ?? 0)));
  const load = { wall: m(loads, 'wallMs'), parse: m(loads, 'parseMs'), open: m(loads, 'openMs'), commit: m(loads, 'commitMs'), rss: Math.max(...loads.map((r) => r.maxRssMb)) };
  const base = { wall: m(baselines, 'wallMs'), rss: Math.max(...baselines.map((r) => r.maxRssMb)) };
  console.log(`  baseline (read + gunzip ${(baselines[0]!.bytes! / 1e6).toFixed(1)} MB): ${base.wall.toFixed(0)} ms, peak RSS ${base.rss.toFixed(0)} MB`);
  console.log(`  load ${loads[0]!.entities} entities: ${load.wall.toFixed(0)} ms (parse ${load.parse.toFixed(0)}, open fresh store ${load.open.toFixed(0)}, commit ${load.commit.toFixed(0)}), peak RSS ${load.rss.toFixed(0)} MB`);
  console.log(`  ratio load / baseline: ${(load.wall / base.wall).toFixed(1)}x`);
  console.log(`  target: < 5000 ms and < 1024 MB -> time ${load.wall < 5000 ? 'met' : 'NOT met'}, memory ${load.rss < 1024 ? 'met' : 'NOT met'}`);
  // The same commit made by a client of a process holding the store (as while `serve` runs): what the socket costs.
  const sharedCommit = m(shared, 'commitMs');
  console.log(`  commit through the store's holder (its socket): ${sharedCommit.toFixed(0)} ms against ${load.commit.toFixed(0)} ms in the holder itself: ${(sharedCommit / load.commit).toFixed(2)}x`);
}
