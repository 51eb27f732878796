import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { DEFAULT_THRESHOLD, cutoffFor } from '../src/core/match/index.js';
import { screenFile, type ScreenSummary } from '../src/service/batch-file.js';
import { MatchedDesignees } from '../src/service/matched-designees.js';
import { readPublication } from '../src/sources/index.js';
import { namePools, seededRandom, withTypo } from './seeded.js';
import { SHARED_DATA, requireSharedData } from './shared-data.js';

const ROWS = Number(process.env.BENCH_BATCH_ROWS ?? 50_000);

/**
 * Batch screening of a customer file, each match naming every list that lists its designee: the
 * records matched are linked into designees in the screening process. The baseline, in the same
 * process, is the same file screened without designees: the ratio is what linking costs. UN
 * 2026-02-27 + OFAC SDN CSV 2021-07-07 in memory; made-up customers from real name words, 1%
 * listed names with a typo; one worker thread per core.
 */
export async function benchBatch(): Promise<void> {
  if (!requireSharedData('batch')) return;
  const entities: Entity[] = [];
  for (const path of ['un_sc/2026-02-27/consolidated.xml', 'ofac_sdn_csv/2021-07-07']) entities.push(...(await readPublication(join(SHARED_DATA, path))).entities);
  const index = CandidateIndex.build(entities);
  const state = { index, entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
  const dir = mkdtempSync(join(tmpdir(), 'interdict-bench-batch-'));
  try {
    const input = join(dir, 'customers.csv');
    writeFileSync(input, customers(entities, ROWS));
    const search = { threshold: DEFAULT_THRESHOLD, cutoff: cutoffFor(DEFAULT_THRESHOLD) };
    console.log(`batch: ${ROWS.toLocaleString('en')} customers (99% made-up, 1% listed names with a typo), UN 2026-02-27 + OFAC 2021-07-07: ${entities.length.toLocaleString('en')} entities`);

    let t = performance.now();
    const plain = await screenFile({ input, output: join(dir, 'plain.csv'), index, search });
    const baselineMs = performance.now() - t;
    report('baseline, without designees', plain, baselineMs);

    const designees = new MatchedDesignees(async () => []);
    const matched = new Set<string>();
    t = performance.now();
    const named = await screenFile({
      input, output: join(dir, 'named.csv'), index, search,
      designees: (ids) => {
        for (const id of ids) matched.add(id);
        return designees.resolve(state, ids);
      },
    });
    const ms = performance.now() - t;
    report(`with designees (the ${matched.size.toLocaleString('en')} records matched linked)`, named, ms);
    console.log(`  ratio: ${(ms / baselineMs).toFixed(2)}x the baseline`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(label: string, summary: ScreenSummary, ms: number): void {
  console.log(`  ${label}: ${(ms / 1000).toFixed(1)} s (${Math.round(summary.read / (ms / 1000)).toLocaleString('en')} rows/s, ${summary.workers} worker thread(s)), ${summary.matches} matches`);
}

/** A customer file: given name and surname from the lists' words, and some listed names with a typo. */
function customers(entities: Entity[], count: number): string {
  const next = seededRandom(50_000);
  const { given, surnames } = namePools(entities);
  const pick = (items: string[]): string => items[Math.floor(next() * items.length)]!;
  const captions = entities.filter((e) => e.schema === 'Person').map((e) => e.caption);
  const lines = ['customer_id,full_name'];
  for (let i = 0; i < count; i++) {
    const name = next() < 0.01 ? withTypo(pick(captions), next, 'aeiokn') : `${pick(given)} ${pick(surnames)}`;
    lines.push(`c${i},"${name.replaceAll('"', '')}"`);
  }
  return `${lines.join('\n')}\n`;
}
