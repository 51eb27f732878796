import { describe, expect, it } from 'vitest';
import { AUTHORITIES, statedBasis } from '../src/core/authorities.js';
import type { Entity } from '../src/core/entity.js';
import type { GapReport } from '../src/core/gaps.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { gapReport } from '../src/service/designees.js';
import { readPublications } from '../src/service/load.js';
import type { ListVersion } from '../src/store/index.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

/**
 * The UN DPRK gap report on the real lists (UN 2026-02-27, OFAC SDN CSV 2021-07-07, DFAT
 * 2024-12-17, SEMA 2025-05-25), as docs/linking.md gives its figures. Skipped, saying so
 * (helpers/shared-data.ts), without the list files.
 */
describe.skipIf(!HAVE_SHARED_DATA)('the UN DPRK gap report on the real lists', async () => {
  let report: GapReport | undefined;
  let records = new Map<string, Entity>();
  if (HAVE_SHARED_DATA) {
    const publications = await readPublications([
      dataPath('un_sc/2026-02-27/consolidated.xml'),
      dataPath('ofac_sdn_csv/2021-07-07'),
      dataPath('au_dfat/2024-12-17/regulation8_consolidated.xlsx'),
      dataPath('ca_sema/2025-05-25/sema-lmes.xml.gz'),
    ]);
    const entities = publications.flatMap((p) => p.entities);
    records = new Map(entities.map((e) => [e.id, e]));
    const versions: ListVersion[] = publications.map((p) => ({ id: `${p.dataset}-real`, dataset: p.dataset, published: p.published, contentHash: '', loadedAt: '', confirmedAt: null, entityCount: p.entities.length, source: p.source, format: p.format, current: true }));
    report = gapReport({ index: CandidateIndex.build(entities), entities: records, versions }, { reference: 'un_sc', collection: 'dprk' });
  }

  it('calls SEMA not applicable in all 155 rows, for the table\'s reason: Canada implements UN designations by regulation', () => {
    expect(report!.rows).toHaveLength(155);
    for (const row of report!.rows) expect(row.lists.ca_sema, row.id).toEqual({ status: 'not_applicable', reason: AUTHORITIES.ca_sema!.detail });
    expect(report!.summary.ca_sema).toMatchObject({ listed: 0, missing: 0, not_applicable: 155 });
    expect(report!.authorities.ca_sema).toMatchObject({ implements_un: 'regulation', verification: 'verified' });
  });

  it('finds OFAC\'s and DFAT\'s separate DPRK designations, each of DFAT\'s stated Autonomous (DPRK) by DFAT itself', () => {
    expect(report!.separate.us_ofac_sdn!.total).toBeGreaterThan(0);
    expect(report!.separate.au_dfat!.total).toBeGreaterThan(0);
    // The cross-check where the list says: DFAT's separate designations are exactly its Autonomous (DPRK) listings.
    const stated = report!.separate.au_dfat!.ids.map((id) => records.get(id)!.designations.map(statedBasis));
    expect(stated.every((bases) => bases.includes('autonomous') && !bases.includes('un'))).toBe(true);
    const autonomous = [...records.values()].filter((e) => e.datasets.includes('au_dfat') && e.designations.some((d) => d.program === 'Autonomous (DPRK)'));
    expect(report!.separate.au_dfat!.ids).toEqual(autonomous.map((e) => e.id).sort());
    // OFAC's CSV gives no listing date: every year is unknown.
    expect(Object.keys(report!.separate.us_ofac_sdn!.by_year)).toEqual(['unknown']);
    console.log(`real lists, UN DPRK gap report: separate ${report!.against.map((d) => `${d} ${report!.separate[d]!.total} ${JSON.stringify(report!.separate[d]!.by_year)}`).join('; ')}`);
  });
}, 120_000);
