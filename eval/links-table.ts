// The labelled cross-list table (eval/links/dprk.csv) and how linking is scored against it, for
// `npm run eval` and for the table check in `npm test` (test/links-table.test.ts).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Designee } from '../src/core/linking.js';

export interface LinkLabel {
  un_id: string;
  dataset: string;
  record_id: string;
  label: 'same' | 'different' | 'absent' | 'uncertain';
}

/** The lists the table was made from, under the shared data folder. */
export const LINK_TABLE_LISTS = ['un_sc/2026-02-27/consolidated.xml', 'ofac_sdn_csv/2021-07-07', 'au_dfat/2024-12-17/regulation8_consolidated.xlsx', 'ca_sema/2025-05-25/sema-lmes.xml.gz'];

export function readLinkLabels(): LinkLabel[] {
  return parse(readFileSync(new URL('./links/dprk.csv', import.meta.url), 'utf8'), { columns: true }) as LinkLabel[];
}

export interface LinkScore {
  truePositives: number;
  misses: number;
  /** A `different` pair in one designee. */
  falseDifferent: number;
  /** A record of a list where the table says the designee is absent. */
  falseAbsent: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Linking scored on the table: a `same` pair in one designee is a true positive, apart a miss; a
 * `different` pair in one designee, or a record of a list where the counterpart is `absent`, a
 * false link. `uncertain` rows are left out.
 */
export function scoreLinks(labels: LinkLabel[], designees: Designee[]): LinkScore {
  const membersOf = new Map<string, string[]>();
  for (const d of designees) for (const m of d.members) membersOf.set(m, d.members);
  const linked = (a: string, b: string): boolean => membersOf.get(a)?.includes(b) ?? false;
  let truePositives = 0;
  let misses = 0;
  let falseDifferent = 0;
  let falseAbsent = 0;
  for (const l of labels) {
    if (l.label === 'same') {
      if (linked(l.un_id, l.record_id)) truePositives++;
      else misses++;
    } else if (l.label === 'different' && linked(l.un_id, l.record_id)) falseDifferent++;
    else if (l.label === 'absent' && (membersOf.get(l.un_id) ?? []).some((m) => m.startsWith(`${l.dataset}-`))) falseAbsent++;
  }
  const falseLinks = falseDifferent + falseAbsent;
  const precision = truePositives / Math.max(1, truePositives + falseLinks);
  const recall = truePositives / Math.max(1, truePositives + misses);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  return { truePositives, misses, falseDifferent, falseAbsent, precision, recall, f1 };
}
