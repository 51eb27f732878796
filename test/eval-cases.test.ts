import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES_DIR, evaluateCases, loadCases } from '../eval/cases.js';

// The labelled evaluation set's integrity only: matching quality is measured by
// `node --import tsx eval/cases.ts`, never asserted here.
describe('eval/cases', () => {
  const pairs = loadCases();
  const families = readdirSync(CASES_DIR).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -'.csv'.length));

  it('parses every file into at least 800 pairs', () => {
    expect(families.length).toBeGreaterThan(0);
    expect(pairs.length).toBeGreaterThanOrEqual(800);
  });

  it.each(families)('%s has at least 20 positives and 20 negatives', (family) => {
    const mine = pairs.filter((p) => p.group === family);
    expect(mine.filter((p) => p.isMatch).length).toBeGreaterThanOrEqual(20);
    expect(mine.filter((p) => !p.isMatch).length).toBeGreaterThanOrEqual(20);
  });

  it('has no duplicate pair', () => {
    const keys = pairs.map((p) => `${p.group}\u0000${p.a}\u0000${p.b}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reports counts that add up to the pairs', () => {
    const report = evaluateCases(0.75);
    const { tp, fp, fn, tn, pairs: total, positives } = report.overall;
    expect(tp + fp + fn + tn).toBe(pairs.length);
    expect(total).toBe(pairs.length);
    expect(positives).toBe(pairs.filter((p) => p.isMatch).length);
    expect(report.families.reduce((n, f) => n + f.tp + f.fp + f.fn + f.tn, 0)).toBe(pairs.length);
    expect(report.misclassified).toHaveLength(fp + fn);
  });

  describe('a bad row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'interdict-cases-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const header = 'group,schema,a,b,is_match,why\n';
    const write = (body: string): void => writeFileSync(join(dir, 'demo.csv'), header + body);

    it('names its file and line', () => {
      write('demo,Person,Kim Jong Un,Kim Jong Il,0,another person\ndemo,Person,Kim Jong Un,Kim Jong Nam,2,bad label\n');
      expect(() => loadCases(dir)).toThrow(/demo\.csv line 3: is_match/);
    });

    it('refuses a schema outside the set, a duplicate and a group that is not the file', () => {
      write('demo,Ship,A,B,1,x\n');
      expect(() => loadCases(dir)).toThrow(/line 2: schema/);
      write('demo,Person,A,B,1,x\ndemo,Person,A,B,0,y\n');
      expect(() => loadCases(dir)).toThrow(/line 3: duplicate/);
      write('other,Person,A,B,1,x\n');
      expect(() => loadCases(dir)).toThrow(/line 2: group/);
    });

    it('refuses a wrong header or a short row', () => {
      writeFileSync(join(dir, 'demo.csv'), 'group,schema,a,b,match,why\n');
      expect(() => loadCases(dir)).toThrow(/demo\.csv line 1: header/);
      write('demo,Person,A\n');
      expect(() => loadCases(dir)).toThrow(/demo\.csv line 2/);
    });
  });
});
