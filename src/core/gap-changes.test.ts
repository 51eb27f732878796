import { describe, expect, it } from 'vitest';
import { gapChanges } from './gap-changes.js';
import type { GapCell, GapReport, GapRow } from './gaps.js';

const listed: GapCell = { status: 'listed', ids: ['x'], listed_on: null, lag_days: null, missing_names: [], missing_identifiers: [] };
const missing: GapCell = { status: 'missing' };
const notApplicable: GapCell = { status: 'not_applicable', reason: 'published before' };

function row(id: string, lists: Record<string, GapCell>): GapRow {
  return { id, caption: `caption of ${id}`, schema: 'Person', programs: ['DPRK'], listed_on: null, lists };
}

function report(against: string[], rows: GapRow[], versions: GapReport['versions'] = {}): GapReport {
  return { reference: 'un_sc', collection: 'dprk', against, at: null, versions, authorities: {}, rows, summary: {}, separate: {}, by_year: {}, notes: [] };
}

describe('gapChanges', () => {
  const then = report(['au_dfat', 'us_ofac_sdn'], [
    row('un_sc-KPi.001', { au_dfat: missing, us_ofac_sdn: listed }),
    row('un_sc-KPi.002', { au_dfat: listed, us_ofac_sdn: missing }),
    row('un_sc-KPi.003', { au_dfat: notApplicable, us_ofac_sdn: missing }),
    row('un_sc-KPi.009', { au_dfat: listed, us_ofac_sdn: listed }),
  ], { un_sc: { id: 'un_sc-2020', published: '2020-12-01' } });
  const now = report(['au_dfat', 'us_ofac_sdn', 'gb_hmt'], [
    row('un_sc-KPi.001', { au_dfat: listed, us_ofac_sdn: missing, gb_hmt: missing }),
    row('un_sc-KPi.002', { au_dfat: listed, us_ofac_sdn: missing, gb_hmt: listed }),
    row('un_sc-KPi.003', { au_dfat: listed, us_ofac_sdn: missing, gb_hmt: listed }),
    row('un_sc-KPi.080', { au_dfat: listed, us_ofac_sdn: missing, gb_hmt: missing }),
  ]);
  const changes = gapChanges(then, now, '2021-01-01');

  it('names the designations added and removed, and the versions of then', () => {
    expect(changes).toMatchObject({ since: '2021-01-01', versions: { un_sc: { id: 'un_sc-2020', published: '2020-12-01' } }, added: ['un_sc-KPi.080'], removed: ['un_sc-KPi.009'] });
  });

  it('closes a cell listed now that was missing, or a new designation listed at once; opens one missing now that was listed, or a new one missing', () => {
    expect(changes.closed).toEqual([
      { id: 'un_sc-KPi.001', caption: 'caption of un_sc-KPi.001', dataset: 'au_dfat', was: 'missing', now: 'listed' },
      { id: 'un_sc-KPi.080', caption: 'caption of un_sc-KPi.080', dataset: 'au_dfat', was: 'absent', now: 'listed' },
    ]);
    expect(changes.opened).toEqual([
      { id: 'un_sc-KPi.001', caption: 'caption of un_sc-KPi.001', dataset: 'us_ofac_sdn', was: 'listed', now: 'missing' },
      { id: 'un_sc-KPi.080', caption: 'caption of un_sc-KPi.080', dataset: 'us_ofac_sdn', was: 'absent', now: 'missing' },
    ]);
  });

  it('leaves out a cell not applicable then, unchanged cells, and a list the report then did not compare', () => {
    const touched = [...changes.closed, ...changes.opened];
    expect(touched.some((c) => c.id === 'un_sc-KPi.003')).toBe(false);
    expect(touched.some((c) => c.id === 'un_sc-KPi.002')).toBe(false);
    expect(touched.some((c) => c.dataset === 'gb_hmt')).toBe(false);
  });
});
