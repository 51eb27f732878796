import type { GapChange, GapChanges, GapReport } from './gaps.js';

/**
 * What changed between the gap report at `since` (`then`) and a later one (`now`), for the lists
 * both reports compare: designations added to and removed from the reference, the gaps closed (a
 * cell listed now that was missing, or a new designation listed at once: was `absent`) and those
 * opened (a cell missing now that was listed, or a new designation missing). A cell not
 * applicable on either side is neither: it was never asked of the list.
 *
 * @example gapChanges(reportOf2024, reportOf2026, '2024-01-01').closed // [{ id: 'un_sc-KPi.003', dataset: 'us_ofac_sdn', was: 'missing', now: 'listed', ... }]
 */
export function gapChanges(then: GapReport, now: GapReport, since: string): GapChanges {
  const before = new Map(then.rows.map((r) => [r.id, r]));
  const after = new Set(now.rows.map((r) => r.id));
  const compared = now.against.filter((d) => then.against.includes(d));
  const closed: GapChange[] = [];
  const opened: GapChange[] = [];
  for (const row of now.rows) {
    const old = before.get(row.id);
    for (const dataset of compared) {
      const cell = row.lists[dataset]!;
      const was = old ? old.lists[dataset]!.status : 'absent';
      const change = { id: row.id, caption: row.caption, dataset };
      if (cell.status === 'listed' && (was === 'missing' || was === 'absent')) closed.push({ ...change, was, now: 'listed' });
      if (cell.status === 'missing' && (was === 'listed' || was === 'absent')) opened.push({ ...change, was, now: 'missing' });
    }
  }
  return {
    since,
    versions: then.versions,
    added: now.rows.filter((r) => !before.has(r.id)).map((r) => r.id),
    removed: then.rows.filter((r) => !after.has(r.id)).map((r) => r.id),
    closed,
    opened,
  };
}
