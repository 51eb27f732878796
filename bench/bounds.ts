import { join } from 'node:path';
import { createServer } from '../src/api/server.js';
import { REQUEST_BOUNDS } from '../src/api/screening-routes.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import { openStore } from '../src/store/index.js';
import { SHARED_DATA, requireSharedData } from './shared-data.js';

// The heaviest screening request the bounds allow, on the real lists: how long it takes, how long a
// health check made during it waits, and the request the bounds refuse. Baseline: one query.

const WORDS = ['Kim', 'Ali', 'Mohammed', 'Trading', 'Company', 'Ahmad', 'Co', 'Ltd', 'Bank', 'Al'];

/** `n` queries of five common words each (the names a bank screens most, and the costliest to screen). */
function queries(n: number): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, { schema: 'LegalEntity', properties: { name: [Array.from({ length: 5 }, (_, k) => WORDS[(i + k * 3) % WORDS.length]).join(' ')] } }]));
}

export async function benchBounds(): Promise<void> {
  if (!requireSharedData('bounds')) return;
  const store = await openStore({ kind: 'embedded', dir: undefined });
  await loadPaths(store, [join(SHARED_DATA, 'un_sc/2026-02-27/consolidated.xml'), join(SHARED_DATA, 'ofac_sdn_csv/2021-07-07')]);
  const screener = new Screener(store);
  await screener.refresh();
  const app = createServer(store, { logLevel: 'silent', screener });
  const heaviest = Math.floor(REQUEST_BOUNDS.results / 100);
  const cases: [string, number, number, number][] = [['baseline: 1 query, limit 5, cutoff 0.5', 1, 5, 0.5], [`the heaviest allowed: 100 queries, limit ${heaviest}, cutoff 0`, 100, heaviest, 0], ['refused: 100 queries, limit 500, cutoff 0', 100, 500, 0]];
  console.log(`bounds: UN 2026-02-27 + OFAC SDN 2021-07-07 (${screener.current!.index.size} entities), in process, median of 3`);
  for (const [label, n, limit, cutoff] of cases) {
    const runs: { ms: number; health: number; status: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const request = app.inject({ method: 'POST', url: `/match/default?limit=${limit}&cutoff=${cutoff}&threshold=0`, payload: { queries: queries(n) } });
      // A health check sent while the request runs: how long it waits.
      const health = (async () => {
        await new Promise((next) => setImmediate(next));
        const t = performance.now();
        await app.inject('/healthz');
        return performance.now() - t;
      })();
      const response = await request;
      runs.push({ ms: performance.now() - started, health: await health, status: response.statusCode });
    }
    const median = (key: 'ms' | 'health'): number => runs.map((r) => r[key]).sort((a, b) => a - b)[1]!;
    console.log(`  ${label}: ${runs[0]!.status}, ${median('ms').toFixed(0)} ms; /healthz during it answered in ${median('health').toFixed(1)} ms`);
  }
  await app.close();
  await store.close();
}
