import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntityBuilder, cleanValue } from './entity.js';

describe('cleanValue', () => {
  it('collapses whitespace and drops control characters and lone surrogates', () => {
    expect(cleanValue('  KIM \u0000Yong\tChol\r\n ')).toBe('KIM Yong Chol');
    expect(cleanValue('a\ud800b')).toBe('ab');
    expect(cleanValue('김정은 😀')).toBe('김정은 😀');
    expect(cleanValue(null)).toBe('');
  });

  it('is idempotent and leaves nothing PostgreSQL text refuses, for any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const once = cleanValue(text);
      expect(cleanValue(once)).toBe(once);
      expect(once).not.toContain('\u0000');
      expect(() => encodeURIComponent(once)).not.toThrow(); // throws on lone surrogates
    }));
  });
});

describe('EntityBuilder', () => {
  it('keeps values clean and unique, drops aliases equal to the name and tags designated entities', () => {
    const entity = new EntityBuilder('un_sc', 'un_sc-KPi.001', 'Person')
      .add('name', 'YUN HO-JIN', ' YUN  HO-JIN ')
      .add('alias', 'YUN HO-JIN', 'Yun Ho-chin', '', null)
      .designate({ authority: 'United Nations Security Council', program: 'DPRK', reason: '  ' })
      .build();
    expect(entity.properties).toEqual({ name: ['YUN HO-JIN'], alias: ['Yun Ho-chin'], topics: ['sanction'] });
    expect(entity.designations).toEqual([{ dataset: 'un_sc', authority: 'United Nations Security Council', program: 'DPRK' }]);
    expect(entity.caption).toBe('YUN HO-JIN');
  });
});
