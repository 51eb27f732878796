// The cross-list linking evaluation: eval/links/dprk.csv labels, for each UN DPRK designation,
// its records on OFAC's SDN CSV (2021-07-07), DFAT (2024-12-17) and SEMA (2025-05-25): same,
// different (a look-alike), absent (none), or uncertain (left out here). Linking is run at each
// confidence and scored: a `same` pair linked is a true positive, unlinked a miss; a `different`
// pair linked, or an `absent` list given a record, is a false link.
import { join } from 'node:path';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { LINK_AT, REVIEW_AT, linkRecords } from '../src/core/linking.js';
import { readPublication } from '../src/sources/index.js';
import { LINK_TABLE_LISTS, readLinkLabels, scoreLinks } from './links-table.js';

/** Print precision, recall and F1 of linking at each confidence, on the labelled DPRK set. */
export async function evaluateLinks(data: string): Promise<void> {
  const labels = readLinkLabels();
  const entities: Entity[] = [];
  for (const path of LINK_TABLE_LISTS) entities.push(...(await readPublication(join(data, path))).entities);
  const index = CandidateIndex.build(entities);
  const references = [...new Set(labels.map((l) => l.un_id))];
  const counts = { same: 0, different: 0, absent: 0, uncertain: 0 };
  for (const l of labels) counts[l.label]++;
  console.log(`\ncross-list linking (eval/links/dprk.csv): ${references.length} UN DPRK designations; ${counts.same} same, ${counts.different} different, ${counts.absent} absent, ${counts.uncertain} uncertain (left out)`);
  console.log('link at     precision  recall    F1      same linked  false links (different / absent)');
  // The confidence chosen: the best F1 (to three places), and among those the fewest false links
  // (a false link merges two designees, and a decision on one would hold for the other).
  let best = { at: 0, f1: -1, fp: Infinity };
  for (const at of [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]) {
    const { designees } = linkRecords(index, entities, { seeds: references, linkAt: at, reviewAt: Math.min(at, REVIEW_AT) });
    const { truePositives: tp, misses: fn, falseDifferent, falseAbsent, precision, recall, f1 } = scoreLinks(labels, designees);
    const fp = falseDifferent + falseAbsent;
    const rounded = Math.round(f1 * 1000) / 1000;
    if (rounded > best.f1 || (rounded === best.f1 && fp < best.fp)) best = { at, f1: rounded, fp };
    console.log(`${at.toFixed(2).padEnd(11)} ${(precision * 100).toFixed(1).padStart(5)}%    ${(recall * 100).toFixed(1).padStart(5)}%   ${f1.toFixed(3)}   ${`${tp}/${tp + fn}`.padEnd(12)} ${fp} (${falseDifferent} / ${falseAbsent})`);
  }
  console.log(`confidence with the best F1 and, among those, the fewest false links: ${best.at} (F1 ${best.f1.toFixed(3)}, ${best.fp} false links); the default is ${LINK_AT}`);
}
