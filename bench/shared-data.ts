import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The real list files (../shared/data, or INTERDICT_SHARED_DATA); benchmarks skip, saying so, without them. */
export const SHARED_DATA = resolve(process.env.INTERDICT_SHARED_DATA ?? join(new URL('..', import.meta.url).pathname, '../shared/data'));

export function requireSharedData(bench: string): boolean {
  if (existsSync(join(SHARED_DATA, 'un_sc'))) return true;
  console.log(`${bench}: skipped, no list files at ${SHARED_DATA} (set INTERDICT_SHARED_DATA)`);
  return false;
}

export const LOAD_SET = [
  'un_sc/2026-02-27/consolidated.xml',
  'ofac_sdn_csv/2021-07-07',
  'au_dfat/2024-12-17/regulation8_consolidated.xlsx',
  'ca_sema/2025-05-25/sema-lmes.xml.gz',
].map((p) => join(SHARED_DATA, p));
