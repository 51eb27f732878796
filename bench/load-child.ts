// One measured load in a fresh process, so that its peak memory is its own. Prints JSON.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitPublications, readPublications } from '../src/service/load.js';
import { readBytes } from '../src/sources/read.js';
import { openStore } from '../src/store/index.js';
import { LOAD_SET } from './shared-data.js';

const mode = process.argv[2];

async function readAll(path: string): Promise<number> {
  if (!statSync(path).isDirectory()) return (await readBytes(path)).length;
  let total = 0;
  for (const name of readdirSync(path)) total += (await readBytes(join(path, name))).length;
  return total;
}

const t0 = performance.now();
if (mode === 'baseline') {
  // The floor: read and decompress the same files, nothing else.
  let bytes = 0;
  for (const path of LOAD_SET) bytes += await readAll(path);
  process.stdout.write(JSON.stringify({ wallMs: performance.now() - t0, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const publications = await readPublications(LOAD_SET);
  const parsed = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'interdict-bench-'));
  // `shared`: the store held by a sharing process (as `serve` holds it), the load its client over the folder's socket.
  const holder = mode === 'shared' ? await openStore({ kind: 'embedded', dir }, { create: true, share: true, command: 'bench holder' }) : undefined;
  const store = await openStore({ kind: 'embedded', dir }, { create: true, command: 'bench load' });
  const opened = performance.now();
  const summary = await commitPublications(store, publications);
  const committed = performance.now();
  await store.close();
  await holder?.close();
  const entities = Object.values(summary.datasets).reduce((n, d) => n + d.entities, 0);
  process.stdout.write(JSON.stringify({
    wallMs: performance.now() - t0,
    parseMs: parsed - t0,
    openMs: opened - parsed,
    commitMs: committed - opened,
    entities,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }));
}
