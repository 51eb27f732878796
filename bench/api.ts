import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '../src/core/entity.js';
import { loadPaths } from '../src/service/load.js';
import { readPublication } from '../src/sources/index.js';
import { openStore } from '../src/store/index.js';
import { seededRandom, withTypo } from './seeded.js';
import { realisticCustomers } from '../eval/customers.js';
import { SHARED_DATA, requireSharedData } from './shared-data.js';

const REPO = new URL('..', import.meta.url).pathname;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 60);
const CONNECTIONS = 32;
const FIXED_RATE = 1000;
const PORT = 18_731;

/**
 * Single-query match bodies as a bank's traffic has them: 90% unlisted customers (the faker set
 * of the evaluation, people and companies, twelve locales) and 10% listed people, one in three
 * of those with a typo.
 */
function bodies(entities: Entity[], count: number): string[] {
  const next = seededRandom(7);
  const people = entities.filter((e) => e.schema === 'Person' && e.properties.name?.length);
  const listed = Math.round(count * LISTED_SHARE);
  const customers = realisticCustomers({ seed: 7, people: Math.round(((count - listed) * 2) / 3), companies: count - listed - Math.round(((count - listed) * 2) / 3) });
  const out = customers.map((c) => JSON.stringify({ queries: { q: { schema: c.schema, properties: { name: [c.name] } } } }));
  for (let i = 0; i < listed; i++) {
    let name = people[Math.floor(next() * people.length)]!.properties.name![0]!;
    if (next() < 0.33) name = withTypo(name, next, 'aeio');
    out.splice(Math.floor(next() * out.length), 0, JSON.stringify({ queries: { q: { schema: 'Person', properties: { name: [name] } } } }));
  }
  return out;
}

const LISTED_SHARE = 0.1;
const CHILD = new URL('./api-load.ts', import.meta.url).pathname;

interface LoadResult {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  sent: number;
}

/** The load generator (bench/api-load.ts) in a process of its own: the server's event loop is the server's alone. */
function run(options: { url: string; connections: number; duration: number; rate?: number; requests?: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }[] }): LoadResult {
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', CHILD], { input: JSON.stringify(options), encoding: 'utf8', maxBuffer: 1 << 24 })) as LoadResult;
}

const describe = (r: LoadResult): string =>
  `${r.average.toFixed(0)} req/s, p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts`;

/**
 * Targets (issue 16): single-query POST /match/default on UN + OFAC, a realistic mix (90%
 * unlisted customers), the load generator in its own process: at a fixed offered rate of 1,000
 * requests/s, p99 <= 20 ms; saturated (32 connections as fast as they go), >= 2,000 requests/s.
 * The server runs as its own process (the built package); the machine's two cores are shared by
 * server and client. Baseline in the same run: GET /healthz, the server's floor.
 */
export async function benchApi(): Promise<void> {
  if (!requireSharedData('api')) return;
  if (!existsSync(join(REPO, 'dist/cli/main.js'))) {
    console.log('api: skipped, the package is not built (npm ci builds it)');
    return;
  }
  const db = mkdtempSync(join(tmpdir(), 'interdict-bench-api-'));
  const store = await openStore({ kind: 'embedded', dir: db });
  const paths = [join(SHARED_DATA, 'un_sc/2026-02-27/consolidated.xml'), join(SHARED_DATA, 'ofac_sdn_csv/2021-07-07')];
  await loadPaths(store, paths);
  await store.close();
  const entities = (await Promise.all(paths.map((p) => readPublication(p)))).flatMap((p) => p.entities);

  const server = spawn(process.execPath, [join(REPO, 'bin/interdict.js'), 'serve', '--db', db, '--port', String(PORT)], { env: { ...process.env, LOG_LEVEL: 'error', INTERDICT_RATE_LIMIT: '0' }, stdio: 'inherit' });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    for (let ready = false; !ready; ) {
      await new Promise((wait) => setTimeout(wait, 250));
      ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
    }
    console.log(`api: UN 2026-02-27 + OFAC SDN 2021-07-07 (${entities.length} entities) served by \`interdict serve\`; load generator in its own process, ${CONNECTIONS} connections, ${SECONDS} s a phase`);
    const floor = run({ url: `${base}/healthz`, connections: CONNECTIONS, duration: Math.min(10, SECONDS) });
    console.log(`  baseline GET /healthz, saturated: ${describe(floor)}`);
    const requests = bodies(entities, 2000).map((body) => ({ method: 'POST' as const, path: '/match/default', headers: { 'content-type': 'application/json' }, body }));
    // Warm the server (JIT, memos) as traffic would, before measuring.
    run({ url: base, connections: CONNECTIONS, duration: 5, requests });
    const fixed = run({ url: base, connections: CONNECTIONS, duration: SECONDS, rate: FIXED_RATE, requests });
    console.log(`  POST /match/default at a fixed ${FIXED_RATE} req/s offered (90% unlisted): ${describe(fixed)} (target p99 <= 20 ms)`);
    const saturated = run({ url: base, connections: CONNECTIONS, duration: SECONDS, requests });
    console.log(`  POST /match/default saturated, ${CONNECTIONS} connections (90% unlisted): ${describe(saturated)} (target >= 2000 req/s)`);
    console.log(`  ratio match / healthz, saturated: ${(saturated.average / floor.average).toFixed(2)}`);
    console.log('  for reference: yente (logic-v2, Elasticsearch) publishes about 4 requests/s per CPU');
  } finally {
    server.kill('SIGTERM');
  }
}
