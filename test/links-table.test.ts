import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { linkRecords } from '../src/core/linking.js';
import { gapReport } from '../src/service/designees.js';
import { readPublication } from '../src/sources/index.js';
import type { ListVersion } from '../src/store/index.js';
import { LINK_TABLE_LISTS, readLinkLabels, scoreLinks } from '../eval/links-table.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

/**
 * The hand-checked table (eval/links/dprk.csv: each UN DPRK designation of 2026-02-27 with its
 * OFAC SDN 2021-07-07, DFAT 2024-12-17 and SEMA 2025-05-25 records, or none) against linking at
 * the default confidence and against the gap report.
 */
describe.skipIf(!HAVE_SHARED_DATA)('the labelled cross-list table, on the real lists', async () => {
  const labels = readLinkLabels();
  const publications = HAVE_SHARED_DATA ? await Promise.all(LINK_TABLE_LISTS.map((p) => readPublication(dataPath(p)))) : [];
  const entities: Entity[] = publications.flatMap((p) => p.entities);
  const index = HAVE_SHARED_DATA ? CandidateIndex.build(entities) : undefined;
  const references = [...new Set(labels.map((l) => l.un_id))];

  it('covers at least 40 UN DPRK designations, each with a word on OFAC and DFAT', () => {
    expect(references.length).toBeGreaterThanOrEqual(40);
    for (const id of references) {
      for (const dataset of ['us_ofac_sdn', 'au_dfat']) {
        expect(labels.some((l) => l.un_id === id && l.dataset === dataset && ['same', 'absent', 'uncertain'].includes(l.label)), `${id} on ${dataset}`).toBe(true);
      }
    }
  });

  it('links with precision of at least 0.98 and recall of at least 0.95 at the default confidence', () => {
    const { designees } = linkRecords(index!, entities, { seeds: references });
    const score = scoreLinks(labels, designees);
    expect(score.precision, JSON.stringify(score)).toBeGreaterThanOrEqual(0.98);
    expect(score.recall, JSON.stringify(score)).toBeGreaterThanOrEqual(0.95);
  });

  it('gives a gap report that agrees with the table and with the links, cell by cell', () => {
    const versions: ListVersion[] = publications.map((p) => ({ id: p.dataset, dataset: p.dataset, published: p.published, contentHash: '', loadedAt: '', confirmedAt: null, entityCount: p.entities.length, source: p.source, format: '', current: true }));
    const report = gapReport({ index: index!, entities: new Map(entities.map((e) => [e.id, e])), versions }, { reference: 'un_sc', collection: 'dprk' });
    expect(report.rows.map((r) => r.id).sort()).toEqual([...references].sort());
    const { designees } = linkRecords(index!, entities, { seeds: references });
    const membersOf = new Map(designees.flatMap((d) => d.members.map((m) => [m, d.members] as const)));
    let agree = 0;
    let labelled = 0;
    for (const row of report.rows) {
      for (const [dataset, cell] of Object.entries(row.lists)) {
        // The report lists exactly the records linking joined to the designation.
        const linked = (membersOf.get(row.id) ?? []).filter((m) => m.startsWith(`${dataset}-`)).sort();
        expect(cell.status === 'listed' ? cell.ids : [], `${row.id} on ${dataset}`).toEqual(linked);
        const mine = labels.filter((l) => l.un_id === row.id && l.dataset === dataset && l.label !== 'uncertain' && l.label !== 'different');
        if (!mine.length) continue;
        labelled++;
        const same = mine.filter((l) => l.label === 'same').map((l) => l.record_id).sort();
        if (same.length ? cell.status === 'listed' && same.every((id) => cell.ids.includes(id)) : cell.status !== 'listed') agree++;
      }
    }
    expect(labelled).toBeGreaterThanOrEqual(300);
    expect(agree / labelled, `${agree} of ${labelled} cells agree`).toBeGreaterThanOrEqual(0.98);
  });
});
