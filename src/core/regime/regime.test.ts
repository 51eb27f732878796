import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseRegime } from './regime.js';

const SHIPPED = readFileSync(new URL('../../../regimes/dprk.yaml', import.meta.url), 'utf8');

/** The shipped file with one change made to its data. */
function changed(edit: (data: { measures: Record<string, unknown>[]; [key: string]: unknown }) => void): string {
  const data = parse(SHIPPED);
  edit(data);
  return stringify(data);
}

describe('parseRegime', () => {
  it('reads the shipped DPRK regime with a version that changes with its text', () => {
    const regime = parseRegime(SHIPPED, 'regimes/dprk.yaml');
    expect(regime.regime).toBe('dprk');
    expect(regime.rulesVersion).toMatch(/^dprk \S+ \(sha256:[0-9a-f]{12}\)$/);
    expect(parseRegime(`${SHIPPED}\n# a comment\n`, 'x').rulesVersion).not.toBe(regime.rulesVersion);
    const coal = regime.measures.find((m) => m.id === 'coal-iron-2371')!;
    expect(coal).toMatchObject({ basis: 'UNSCR 2371 (2017) OP8', in_force: '2017-08-05', direction: 'export_from_dprk', effect: 'prohibited', verification: 'partially_verified' });
    expect(coal.coverage[0]).toMatchObject({ mapping: 'indicative', hs: [{ written: '2701', from: '2701', to: '2701' }] });
    const op7 = regime.measures.find((m) => m.id === 'op7-2397')!;
    expect(op7.coverage[0]!.exclude).toEqual([{ written: '77', from: '77', to: '77' }]);
  });

  it('keeps every indicative or unverified fact of the reference marked so', () => {
    const regime = parseRegime(SHIPPED, 'regimes/dprk.yaml');
    // The reference's hs_screening_table: only 2397 OP6 and OP7 write their codes in the text.
    const textual = regime.measures.filter((m) => m.coverage.some((c) => c.mapping === 'resolution_text')).map((m) => m.id);
    expect(textual.sort()).toEqual(['op6-2397', 'op7-2397']);
    expect(regime.measures.filter((m) => m.verification !== 'verified').map((m) => m.id)).toEqual(expect.arrayContaining(['coal-iron-2371', 'seafood-2371', 'op6-2397', 'op7-2397', 'coal-cap-2321']));
    const rajin = regime.measures.flatMap((m) => m.exceptions).filter((e) => e.applies === 'rajin_transit');
    expect(rajin.length).toBeGreaterThan(0);
    expect(rajin.every((e) => e.verification === 'unverified')).toBe(true);
  });

  it('names the file, the measure and the field of a bad HS code', () => {
    const text = changed((d) => {
      (d.measures[6]!.coverage as { hs: string[] }[])[0]!.hs = ['27O1'];
    });
    expect(() => parseRegime(text, 'regimes/dprk.yaml')).toThrow(/^regimes\/dprk\.yaml: measure coal-iron-2371, field coverage\[0\]\.hs\[0\]: "27O1" is not an HS code/);
  });

  it('names the measure of a bad date, direction, unknown field or source', () => {
    const attempt = (edit: (m: Record<string, unknown>) => void) => () => parseRegime(changed((d) => edit(d.measures[0]!)), 'r.yaml');
    expect(attempt((m) => { m.in_force = '2016-02-30'; })).toThrow(/r\.yaml: measure coal-2270, field in_force: a date YYYY-MM-DD/);
    expect(attempt((m) => { m.direction = 'outbound'; })).toThrow(/measure coal-2270, field direction/);
    expect(attempt((m) => { m.hs = ['2701']; })).toThrow(/measure coal-2270.*hs/);
    expect(attempt((m) => { m.sources = ['NOWHERE']; })).toThrow(/measure coal-2270, field sources: source NOWHERE is not among the file's sources/);
    expect(attempt((m) => { m.until = '2015-01-01'; })).toThrow(/field until: 2015-01-01 is not after in_force 2016-03-02/);
    expect(attempt((m) => { m.superseded_by = 'nothing'; })).toThrow(/field superseded_by: no measure nothing/);
    expect(attempt((m) => { (m.coverage as Record<string, unknown>[])[0]!.mapping = undefined; })).toThrow(/coverage\[0\]\.mapping: HS codes need their mapping/);
  });

  it('refuses two measures of one id, and text that is not YAML', () => {
    expect(() => parseRegime(changed((d) => { d.measures[1]!.id = d.measures[0]!.id; }), 'r.yaml')).toThrow(/measure coal-2270, field id: the id coal-2270 is given to two measures/);
    expect(() => parseRegime('measures: [a, b\n  c: d', 'r.yaml')).toThrow(/^r\.yaml line \d+: not YAML/);
    expect(() => parseRegime('regime: dprk', 'r.yaml')).toThrow(/^r\.yaml: field title/);
  });
});
