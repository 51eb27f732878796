import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize.js';
import { prepareName } from './tokens.js';
import { hanjaToHangul, latinForms, withArticlesJoined } from './translit.js';

describe('normalizeName', () => {
  it('folds case, strips diacritics and apostrophes, turns punctuation into spaces', () => {
    expect(normalizeName("KIM, Yong-Ch'ŏl")).toBe('kim yong chol');
    expect(normalizeName('Ch’oe  So’k-MY‘ONG')).toBe('choe sok myong');
    expect(normalizeName('ＫＩＭ')).toBe('kim');
    expect(normalizeName('Müller-Lüdenscheidt S.A.')).toBe('muller ludenscheidt s a');
  });

  it('is idempotent and never throws, for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const once = normalizeName(text);
      expect(normalizeName(once)).toBe(once);
    }));
  });
});

describe('latinForms', () => {
  it('reads Han characters the Korean way (surname aware) and in pinyin', () => {
    expect(hanjaToHangul('金正恩')).toBe('김 정은');
    expect(latinForms('金正恩')).toEqual(['gim jeongeun', 'gim jeong eun', 'jin zheng en']);
  });

  it('romanizes Hangul by syllable, splitting a one-word name after the surname', () => {
    expect(latinForms('김정은')).toEqual(['gim jeongeun', 'gim jeong eun']);
    expect(latinForms('리설주')).toContain('ri seolju');
  });

  it('transliterates Cyrillic, Greek and kana', () => {
    expect(latinForms('Ким Чен Ын')).toEqual(['kim chen yn']);
    expect(latinForms('Κιμ')).toEqual(['kim']);
    expect(latinForms('キム')[0]).toMatch(/^kimu?$/);
  });

  it('writes Arabic letter by letter, and again with the article joined as Latin lists write it', () => {
    expect(latinForms('عبد الله')).toEqual(['bd llh', 'bdllh']);
    expect(latinForms('الجهاد الاسلامي')).toEqual(['ljhd lslmy']);
    expect(withArticlesJoined('bd lkbyr mhmd jn')).toBe('bdl kbyr mhmd jn');
    expect(withArticlesJoined('jll ldyn')).toBe('jlldyn');
    expect(withArticlesJoined('zyz lrhmn')).toBe('zyzrhmn');
    // Allah Dad: the article of a first word stays.
    expect(withArticlesJoined('llh dd mtyn')).toBe('llh dd mtyn');
  });

  it('never throws on odd Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
      expect(Array.isArray(latinForms(text))).toBe(true);
    }));
  });
});

describe('prepareName', () => {
  it('drops titles for people and vessel prefixes for vessels, and marks legal forms and numbers', () => {
    expect(prepareName('General Mudacumura', 'Person')[0]!.form).toBe('mudacumura');
    expect(prepareName('M/V Chong Chon Gang', 'Vessel')[0]!.form).toBe('chong chon gang');
    const company = prepareName('Korea Kumryong Trading Co., Ltd. 2', 'Company')[0]!;
    // Co., Ltd. is one legal form, written as its abbreviation.
    expect(company.tokens.map((t) => `${t.text}:${t.kind}`)).toEqual(['korea:name', 'kumryong:name', 'trade:generic', 'ltd:generic', '2:number']);
  });

  it('writes legal forms as their abbreviations (ISO 20275 and Russian forms in English), in any language', () => {
    const form = (name: string) => prepareName(name, 'Company')[0]!.tokens.map((t) => `${t.text}:${t.kind}`).join(' ');
    expect(form('Rheinmetall Aktiengesellschaft')).toBe('rheinmetall:name ag:generic');
    expect(form('Rosneft Oil Company Open Joint Stock Company')).toBe('rosneft:name oil:name co:generic oao:generic');
    expect(form('Siemens Gesellschaft mit beschränkter Haftung')).toBe('siemens:name gmbh:generic');
    expect(form('Obshchestvo s Ogranichennoy Otvetstvennostyu Sovfracht')).toBe('llc:generic sovfracht:name');
    expect(form('Bank Melli Spółka Akcyjna')).toBe('bank:name melli:name sa:generic');
    // A kind of business is not a legal form: Korea National Insurance Corporation keeps its words.
    expect(form('Korea National Insurance Company')).toBe('korea:name national:name insurance:name co:generic');
  });

  it('reads numbers written as words, ordinals and Roman numerals as digits in organizations and vessels, not in people', () => {
    const words = (name: string, schema = 'Organization') => prepareName(name, schema)[0]!.form;
    expect(words('Second Economic Committee')).toBe('2 economic committee');
    expect(words('2nd Economic Committee')).toBe('2 economic committee');
    expect(words('Office Thirty-Nine')).toBe('office 39');
    expect(words('Unit One Hundred and Twenty-One')).toBe('unit 121');
    expect(words('Ocean Star III', 'Vessel')).toBe('ocean star 3');
    expect(words('Xi Hai Trading')).toBe('xi hai trade'); // Xi is a surname, and a first word is never a numeral
    expect(words('One Two Three')).toBe('1 2 3');
    expect(words('Said Second', 'Person')).toBe('said second');
  });

  it('drops titles in the lists\' languages for people, and reads digits typed for letters', () => {
    expect(prepareName('Präsident Wladimir Putin', 'Person')[0]!.form).toBe('wladimir putin');
    expect(prepareName('김정은 동지', 'Person')[0]!.form).toBe('gim jeongeun');
    expect(prepareName('위원장 김정은', 'Person')[0]!.form).toBe('gim jeongeun');
    expect(prepareName('R1 Su Y0ng', 'Person')[0]!.form).toBe('ri su yong');
    expect(prepareName('Unit 121', 'Organization')[0]!.form).toBe('unit 121');
  });

  it('keeps a Chinese legal form from posing as a name', () => {
    const forms = prepareName('朝鲜矿业开发贸易有限公司', 'Company');
    for (const form of forms) {
      expect(form.form).not.toMatch(/yuhan|you xian/);
      expect(form.tokens.at(-1)).toMatchObject({ text: 'co', kind: 'generic' });
    }
  });
});
