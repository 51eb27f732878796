import { describe, expect, it } from 'vitest';
import { formatHsCode, hsCoverage, hsRelation, readHsCode, readHsSpan } from './hs.js';

const span = (written: string) => readHsSpan(written).span!;

describe('readHsCode', () => {
  it('reads a code at every length, with or without dots and spaces', () => {
    expect(readHsCode('27').code).toBe('27');
    expect(readHsCode('2701').code).toBe('2701');
    expect(readHsCode('2701.12').code).toBe('270112');
    expect(readHsCode('270112').code).toBe('270112');
    expect(readHsCode('2701 12 00').code).toBe('27011200');
    expect(readHsCode('2709.00.00.00').code).toBe('2709000000');
    expect(readHsCode(270112).code).toBe('270112');
    expect(readHsCode('03').code).toBe('03');
  });

  it('refuses what is not a code, saying why', () => {
    expect(readHsCode('3').problem).toMatch(/has 1 digits.*written with its zero: 03/);
    expect(readHsCode('27011').problem).toMatch(/has 5 digits/);
    expect(readHsCode('27O1').problem).toMatch(/not an HS code/);
    expect(readHsCode('').problem).toMatch(/not an HS code/);
    expect(readHsCode('-2701').problem).toMatch(/not an HS code/);
  });
});

describe('formatHsCode', () => {
  it('writes headings plain and subheadings with dots', () => {
    expect(formatHsCode('27')).toBe('27');
    expect(formatHsCode('2701')).toBe('2701');
    expect(formatHsCode('270112')).toBe('2701.12');
    expect(formatHsCode('27011200')).toBe('2701.12.00');
  });
});

describe('readHsSpan', () => {
  it('reads codes and ranges of one length', () => {
    expect(readHsSpan('7201-7206').span).toEqual({ from: '7201', to: '7206' });
    expect(readHsSpan('50-63').span).toEqual({ from: '50', to: '63' });
    expect(readHsSpan('8802.11').span).toEqual({ from: '880211', to: '880211' });
  });

  it('refuses ranges of two lengths or backwards', () => {
    expect(readHsSpan('72-7206').problem).toMatch(/one length/);
    expect(readHsSpan('83-72').problem).toMatch(/lower code to the higher/);
    expect(readHsSpan('1-2-3').problem).toMatch(/neither a code nor a range/);
  });
});

describe('hsRelation', () => {
  it('puts a longer code within the span its leading digits fall in', () => {
    expect(hsRelation('270112', span('2701'))).toBe('within');
    expect(hsRelation('2701', span('2701'))).toBe('within');
    expect(hsRelation('72083900', span('72-83'))).toBe('within');
    expect(hsRelation('5208', span('50-63'))).toBe('within');
    expect(hsRelation('6403', span('50-63'))).toBe('apart');
    expect(hsRelation('7207', span('7201-7206'))).toBe('apart');
  });

  it('finds a shorter code wider than a span it reaches into', () => {
    expect(hsRelation('27', span('2701'))).toBe('wider');
    expect(hsRelation('72', span('7201-7206'))).toBe('wider');
    expect(hsRelation('8802', span('8802.11'))).toBe('wider');
    expect(hsRelation('28', span('2701'))).toBe('apart');
    expect(hsRelation('7207', span('7201.10'))).toBe('apart');
  });
});

describe('hsCoverage', () => {
  const metals = [span('72-83')];
  const reserved = [span('77')];
  it('leaves out what is excluded', () => {
    expect(hsCoverage('7601', metals, reserved)).toBe('within');
    expect(hsCoverage('7700', metals, reserved)).toBe('apart');
    expect(hsCoverage('77', metals, reserved)).toBe('apart');
  });

  it('prefers within to wider across spans', () => {
    expect(hsCoverage('2601', [span('72'), span('2601')])).toBe('within');
    expect(hsCoverage('26', [span('2601'), span('7201-7206')])).toBe('wider');
    expect(hsCoverage('9999', [span('2601')])).toBe('apart');
  });
});
