import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegime } from './regime.js';
import { findMeasure, goodsCoverage, governs, inForce, measuresAt, namedTerms, worseVerdict } from './rules.js';

const regime = parseRegime(readFileSync(new URL('../../../regimes/dprk.yaml', import.meta.url), 'utf8'), 'regimes/dprk.yaml');
const measure = (id: string) => findMeasure(regime, id)!;

describe('inForce', () => {
  it('applies a measure from the day it took effect until the day it was superseded', () => {
    expect(inForce(measure('coal-iron-2371'), '2017-08-04')).toBe(false);
    expect(inForce(measure('coal-iron-2371'), '2017-08-05')).toBe(true);
    expect(inForce(measure('coal-cap-2321'), '2017-08-04')).toBe(true);
    expect(inForce(measure('coal-cap-2321'), '2017-08-05')).toBe(false);
    expect(inForce(measure('refined-petroleum-2375'), '2017-12-31')).toBe(true);
    expect(inForce(measure('refined-petroleum-2397'), '2017-12-31')).toBe(false);
    expect(inForce(measure('refined-petroleum-2397'), '2018-01-01')).toBe(true);
  });
});

describe('measuresAt', () => {
  it('gives the goods measures of a date, the coal measure that was in force each year', () => {
    const coal = (date: string) => measuresAt(regime, date, 'goods').filter((m) => goodsCoverage(m, '2701', 'coal').standing !== 'none').map((m) => m.id);
    expect(coal('2016-01-15')).toEqual([]);
    expect(coal('2016-06-01')).toEqual(['coal-2270']);
    expect(coal('2017-03-01')).toEqual(['coal-cap-2321']);
    expect(coal('2019-03-01')).toEqual(['coal-iron-2371']);
  });
});

describe('governs', () => {
  it('matches a measure\'s direction; both takes either', () => {
    expect(governs(measure('seafood-2371'), new Set(['export_from_dprk']))).toBe(true);
    expect(governs(measure('seafood-2371'), new Set(['import_to_dprk']))).toBe(false);
    expect(governs(measure('arms-embargo-1718'), new Set(['import_to_dprk']))).toBe(true);
    expect(governs(measure('arms-embargo-1718'), new Set())).toBe(false);
  });
});

describe('namedTerms', () => {
  it('finds words and phrases as whole words, in any case', () => {
    expect(namedTerms('Frozen Pollock fillets', ['pollock', 'fillet', 'fillets'])).toEqual(['pollock', 'fillets']);
    expect(namedTerms('coalition supplies', ['coal'])).toEqual([]);
    expect(namedTerms('Jet fuel, kerosene-type', ['jet fuel', 'kerosene-type'])).toEqual(['jet fuel', 'kerosene-type']);
  });
});

describe('goodsCoverage', () => {
  it('takes codes the resolution writes as covered, whatever the description', () => {
    expect(goodsCoverage(measure('op7-2397'), '8429', '')).toMatchObject({ standing: 'covered', span: '84' });
    expect(goodsCoverage(measure('op7-2397'), '7700', '')).toMatchObject({ standing: 'none' });
  });

  it('takes an indicative mapping as covered only when the description names the goods', () => {
    expect(goodsCoverage(measure('coal-iron-2371'), '270112', 'anthracite')).toMatchObject({ standing: 'covered', terms: ['anthracite'] });
    expect(goodsCoverage(measure('coal-iron-2371'), '270112', 'goods')).toMatchObject({ standing: 'possible', reason: expect.stringMatching(/indicative mapping.*does not name them/) });
    expect(goodsCoverage(measure('coal-iron-2371'), '27', 'anthracite')).toMatchObject({ standing: 'possible', reason: expect.stringMatching(/wider than 2701/) });
  });

  it('reads a code holding other goods by its description: crude or condensate', () => {
    expect(goodsCoverage(measure('condensates-ngl-2375'), '2709', 'gas condensate')).toMatchObject({ standing: 'covered' });
    expect(goodsCoverage(measure('condensates-ngl-2375'), '2709', 'crude oil')).toMatchObject({ standing: 'possible' });
    expect(goodsCoverage(measure('crude-oil-2397'), '2709', 'crude oil')).toMatchObject({ standing: 'covered' });
  });

  it('puts goods named by words only under review', () => {
    expect(goodsCoverage(measure('luxury-goods-2094'), undefined, 'a 40 m motor yacht')).toMatchObject({ standing: 'possible', terms: ['yacht'] });
    expect(goodsCoverage(measure('luxury-goods-2094'), '8903', 'sailing dinghy')).toMatchObject({ standing: 'none' });
  });
});

describe('worseVerdict', () => {
  it('orders prohibited > licence_required > review > clear', () => {
    expect(worseVerdict('review', 'prohibited')).toBe('prohibited');
    expect(worseVerdict('licence_required', 'review')).toBe('licence_required');
    expect(worseVerdict('clear', 'review')).toBe('review');
  });
});
