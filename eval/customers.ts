// Realistic unlisted customers, as a bank's customer file would hold them: people and companies
// made up by faker in twelve locales. The evaluation counts how many of them raise an alert (false
// alarms on the names a screening really sees); the match benchmark times them.
import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import { Faker, ar, base, de, en, es, fr, ja, ko, pt_BR, ru, tr, vi, zh_CN, type LocaleDefinition } from '@faker-js/faker';

/** One made-up customer, e.g. `{ locale: 'ko', schema: 'Person', name: 'Kim Min-jun', korean: 'romanized' }`. */
export interface RealisticCustomer {
  locale: string;
  schema: 'Person' | 'Organization';
  name: string;
  /** For South Korean people: written in Hangul, or romanized the customary way. */
  korean?: 'hangul' | 'romanized';
}

export interface RealisticCustomersOptions {
  seed: number;
  /** How many people, spread evenly over the locales. */
  people?: number;
  /** How many companies, spread evenly over the locales. */
  companies?: number;
}

const LOCALES: Readonly<Record<string, LocaleDefinition>> = Object.freeze({ en, es, fr, de, ru, ar, zh_CN, ko, ja, tr, vi, pt_BR });

/** Locales whose names faker gives in their own script: half of their people are written in a Latin form where there is one. */
const NATIVE_SCRIPT = new Set(['ru', 'ar', 'zh_CN', 'ko', 'ja']);

// The customary romanization of South Korean names: the frequent surnames as passports spell
// them, and given-name syllables common in South Korea (two of them make a given name).
const KOREAN_SURNAMES = ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Ahn', 'Song', 'Yoo', 'Hong'];
const KOREAN_SYLLABLES = ['min', 'ji', 'seo', 'hyun', 'jun', 'young', 'hee', 'woo', 'sung', 'eun', 'jin', 'soo', 'ho', 'jae', 'dong', 'hye', 'yeon', 'kyung', 'sang', 'seung', 'won', 'tae', 'hoon', 'wook', 'chul', 'su', 'ah', 'na', 'yun', 'bin'];

// Titles and honorifics are not part of a name in a customer file; generational suffixes and
// Brazilian Filho and Neto are.
const KEPT_SUFFIXES: Readonly<Record<string, readonly string[]>> = Object.freeze({ en: ['Jr.', 'Sr.', 'II', 'III'], pt_BR: ['Jr.', 'Filho', 'Neto'] });

interface CompanyForms {
  /** A legal form already in the name: nothing is added. */
  present: RegExp;
  /** Forms common in the country, one of which is added where the name has none. */
  forms: readonly string[];
  /** Where the form goes: after the name, or before or after it. */
  place: 'after' | 'either';
}

const COMPANY_FORMS: Readonly<Record<string, CompanyForms>> = Object.freeze({
  en: { present: /\b(Inc|LLC|Ltd|Corp)\b/, forms: ['LLC', 'Ltd', 'Inc.', 'Corp.'], place: 'after' },
  es: { present: /\bS\.[AL]\./, forms: ['S.A.', 'S.L.'], place: 'after' },
  fr: { present: /\b(SA|SARL|SAS|SASU|EURL|SCA|SCOP|SCS|SNC|SEM|GIE|EI)$/, forms: ['SARL', 'S.A.', 'SAS'], place: 'after' },
  de: { present: /\b(AG|GmbH|KG|OHG|UG)\b/, forms: ['GmbH', 'AG', 'GmbH & Co. KG'], place: 'after' },
  ru: { present: /^\p{Lu}{2,4} /u, forms: ['ООО', 'АО'], place: 'after' },
  ar: { present: /ذ\.م\.م|ش\.م\.ع/, forms: ['ذ.م.م', 'ش.م.ع'], place: 'after' },
  zh_CN: { present: /公司/, forms: ['有限公司'], place: 'after' },
  ko: { present: /주식회사|유한회사/, forms: ['주식회사'], place: 'either' },
  ja: { present: /会社/, forms: ['株式会社'], place: 'either' },
  tr: { present: /A\.Ş\.|Şti\./, forms: ['A.Ş.', 'Ltd. Şti.'], place: 'after' },
  vi: { present: /TNHH|Cổ phần/, forms: ['JSC', 'Co., Ltd.'], place: 'after' },
  pt_BR: { present: /\b(LTDA|Ltda\.|S\.A\.|EIRELI)/, forms: ['Ltda.', 'S.A.'], place: 'after' },
});

/** Faker's own company words in English, where a locale has no company names of its own (ar, tr) and faker falls back to en. */
const ENGLISH_COMPANY_WORDS = / (Inc|LLC|Group|and Sons)$/;
const CONNECTORS: Readonly<Record<string, string>> = Object.freeze({ ar: ' و', tr: ' ve ' });

function createFaker(locale: string, seed: number): Faker {
  const definitions = LOCALES[locale]!;
  const faker = new Faker({ locale: locale === 'en' ? [en, base] : [definitions, en, base] });
  faker.seed(seed);
  return faker;
}

/** A South Korean name romanized the customary way: 'Kim Min-jun', 'Kim Minjun' or 'Kim Min Jun'. */
function romanizedKoreanName(faker: Faker): string {
  const surname = faker.helpers.arrayElement(KOREAN_SURNAMES);
  const [first, second] = faker.helpers.arrayElements(KOREAN_SYLLABLES, 2) as [string, string];
  const title = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  const style = faker.number.int(2);
  const given = style === 0 ? `${title(first)}-${second}` : style === 1 ? title(first) + second : `${title(first)} ${title(second)}`;
  return `${surname} ${given}`;
}

/** A Chinese name in pinyin as on a passport: surname, then the given name as one word ('Wang Xiuying'). */
function pinyinName(surname: string, given: string): string {
  const syllables = pinyin(surname + given, { toneType: 'none', type: 'array', surname: 'head' }).map((s) => s.replace(/([ln])ü/g, '$1yu').replace(/ü/g, 'u'));
  const word = (parts: string[]) => parts.join('').replace(/^./, (c) => c.toUpperCase());
  return `${word(syllables.slice(0, surname.length))} ${word(syllables.slice(surname.length))}`;
}

/** The locale's full name without titles and honorifics (Dr., Sra., Prof. Dr., دكتور). */
function fullName(faker: Faker, locale: string): string {
  const prefixes = [...new Set(Object.values(faker.rawDefinitions.person?.prefix ?? {}).flat())].sort((a, b) => b.length - a.length);
  const kept = KEPT_SUFFIXES[locale] ?? [];
  const suffixes = (faker.rawDefinitions.person?.suffix ?? []).filter((s) => !kept.includes(s)).sort((a, b) => b.length - a.length);
  let name = faker.person.fullName();
  for (let stripped = true; stripped; ) {
    stripped = false;
    const prefix = prefixes.find((p) => name.startsWith(`${p} `));
    if (prefix) [name, stripped] = [name.slice(prefix.length + 1), true];
    const suffix = suffixes.find((s) => name.endsWith(` ${s}`));
    if (suffix) [name, stripped] = [name.slice(0, -suffix.length - 1), true];
  }
  return name;
}

function person(faker: Faker, locale: string, latin: boolean): RealisticCustomer {
  const customer = (name: string, korean?: 'hangul' | 'romanized'): RealisticCustomer => ({ locale, schema: 'Person', name, ...(korean ? { korean } : {}) });
  if (!latin || !NATIVE_SCRIPT.has(locale)) return customer(fullName(faker, locale), locale === 'ko' ? 'hangul' : undefined);
  switch (locale) {
    case 'ru':
      // A Russian name as a Western bank holds it: transliterated, not replaced by an English one.
      return customer(anyAscii(fullName(faker, locale)));
    case 'ko':
      return customer(romanizedKoreanName(faker), 'romanized');
    case 'zh_CN':
      return customer(pinyinName(faker.person.lastName(), faker.person.firstName()));
    default:
      // Arabic and Japanese: faker has no Latin form of these names (any-ascii's would not be one).
      return customer(fullName(faker, locale));
  }
}

function company(faker: Faker, locale: string, latin: boolean): RealisticCustomer {
  let name = faker.company.name();
  const connector = CONNECTORS[locale];
  if (connector) name = name.replace(ENGLISH_COMPANY_WORDS, '').replace(' and ', connector);
  const { present, forms, place } = COMPANY_FORMS[locale]!;
  if (!present.test(name)) {
    const form = faker.helpers.arrayElement(forms);
    name = place === 'either' && faker.datatype.boolean() ? `${form} ${name}` : `${name} ${form}`;
  }
  // Russian companies, like Russian people, half of them transliterated (OOO, AO).
  return { locale, schema: 'Organization', name: latin && locale === 'ru' ? anyAscii(name) : name };
}

/**
 * Made-up people and companies spread evenly over twelve locales, the same for the same seed,
 * e.g. `realisticCustomers({ seed: 1, people: 2, companies: 1 })` gives an English and a Spanish
 * person and an English company. People first, then companies. For Russian, Chinese and
 * Korean people, every other one is written in a Latin form (transliterated, pinyin, romanized).
 */
export function realisticCustomers({ seed, people = 10_000, companies = 5_000 }: RealisticCustomersOptions): RealisticCustomer[] {
  const locales = Object.keys(LOCALES);
  const fakers = locales.map((locale, i) => createFaker(locale, seed * 31 + i));
  const made: RealisticCustomer[] = [];
  for (const [count, make] of [[people, person], [companies, company]] as const) {
    for (let i = 0; i < count; i++) {
      const at = i % locales.length;
      // Within a locale, alternate native script and Latin form.
      made.push(make(fakers[at]!, locales[at]!, Math.floor(i / locales.length) % 2 === 1));
    }
  }
  return made;
}

/** South Korean people: the first half in Hangul (faker's ko names), the second romanized ('Kim Min-jun'). */
export function southKoreanCustomers(seed: number, n = 2_000): RealisticCustomer[] {
  const faker = createFaker('ko', seed);
  return Array.from({ length: n }, (_, i) => (i < n / 2 ? person(faker, 'ko', false) : person(faker, 'ko', true)));
}
