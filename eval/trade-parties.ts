// The parties of trade shipments, made up: the unlisted firms and people a forwarder's or trade
// desk's file holds (faker's companies and people in twelve locales, and trade-like firm names:
// "Ningbo Xinyuan Import & Export Co., Ltd.", "Jinhai Shipping Pte Ltd"), and listed parties
// written another way (a typo, a letter dropped or swapped, a legal form changed, words joined,
// a Korean name romanized another way). The shipment-party evaluation counts how many of each
// a review floor sends to review; the shipments benchmark ships them.
import type { Entity } from '../src/core/entity.js';
import { seededRandom, withTypo } from '../bench/seeded.js';
import { realisticCustomers } from './customers.js';

/** A made-up party, e.g. `{ kind: 'trade', name: 'Qingdao Hengda Shipping Co., Ltd.', country: 'CN' }`. */
export interface TradeParty {
  kind: 'company' | 'person' | 'trade' | 'bank';
  name: string;
  /** ISO code of the party's country, as a bill of lading gives its address. */
  country: string;
}

/** The countries faker's locales stand for. */
const LOCALE_COUNTRIES: Readonly<Record<string, string>> = Object.freeze({ en: 'US', es: 'ES', fr: 'FR', de: 'DE', ru: 'RU', ar: 'AE', zh_CN: 'CN', ko: 'KR', ja: 'JP', tr: 'TR', vi: 'VN', pt_BR: 'BR' });

/** Trading places, with their country and the legal forms firms there take. */
const PLACES: readonly { names: string[]; country: string; forms: string[] }[] = [
  { names: ['Ningbo', 'Qingdao', 'Dalian', 'Tianjin', 'Shenzhen', 'Xiamen', 'Guangzhou', 'Yiwu', 'Shanghai', 'Dandong', 'Hunchun', 'Yantai', 'Weihai', 'Zhejiang', 'Jiangsu', 'Shandong', 'Liaoning', 'Fujian'], country: 'CN', forms: ['Co., Ltd.', 'Co Ltd', 'Company Limited', 'Trading Co., Ltd.', 'Group Co., Ltd.'] },
  { names: ['Hong Kong', 'Kowloon', 'Asia Pacific', 'Pacific', 'Oriental', 'Golden', 'Great Wall'], country: 'HK', forms: ['Limited', '(HK) Limited', 'Holdings Limited', 'Co Ltd'] },
  { names: ['Singapore', 'Straits', 'Marina', 'Jurong', 'Temasek', 'Raffles', 'Lion City'], country: 'SG', forms: ['Pte Ltd', 'Pte. Ltd.', 'Private Limited'] },
  { names: ['Busan', 'Incheon', 'Seoul', 'Ulsan', 'Hanil', 'Daehan', 'Samil'], country: 'KR', forms: ['Co., Ltd.', 'Corporation', 'Inc.'] },
  { names: ['Haiphong', 'Saigon', 'Hanoi', 'Danang', 'Vina', 'Mekong'], country: 'VN', forms: ['JSC', 'Co., Ltd', 'Joint Stock Company'] },
  { names: ['Dubai', 'Jebel Ali', 'Sharjah', 'Gulf', 'Emirates', 'Al Noor'], country: 'AE', forms: ['FZE', 'FZCO', 'LLC', 'General Trading LLC'] },
  { names: ['Vladivostok', 'Nakhodka', 'Primorye', 'Dalnevostochny', 'Sibir', 'Amur'], country: 'RU', forms: ['LLC', 'OOO', 'JSC'] },
  { names: ['Rotterdam', 'Hamburg', 'Antwerp', 'Bremen', 'Nordic', 'Baltic', 'Atlantic'], country: 'NL', forms: ['B.V.', 'GmbH', 'N.V.', 'A/S'] },
  { names: ['Mumbai', 'Chennai', 'Kolkata', 'Gujarat', 'Bharat', 'Kandla'], country: 'IN', forms: ['Pvt Ltd', 'Private Limited', 'Exports Pvt Ltd'] },
  { names: ['Istanbul', 'Mersin', 'Izmir', 'Anadolu', 'Bosphorus'], country: 'TR', forms: ['A.S.', 'Ltd. Sti.'] },
  { names: ['Kuala Lumpur', 'Penang', 'Johor', 'Klang', 'Malacca'], country: 'MY', forms: ['Sdn Bhd', 'Sdn. Bhd.', 'Berhad'] },
];
/** Coined words of Chinese and other trading firms' names (Xinyuan, Hengda), and plain English ones. */
const COINED = ['Xinyuan', 'Hengda', 'Jinhai', 'Huatai', 'Xingda', 'Tianli', 'Changsheng', 'Hongxing', 'Fuda', 'Yongxin', 'Ruixiang', 'Shengli', 'Haitong', 'Dongfang', 'Jiahe', 'Zhongtai', 'Lianhe', 'Wanli', 'Hengfeng', 'Xinhua', 'Everbright', 'Sunrise', 'Evergreen', 'Blue Ocean', 'Silver Star', 'Prosperity', 'Fortune', 'Harmony', 'Unity', 'Crown', 'Eagle', 'Phoenix', 'Dragon', 'Tiger', 'Lotus', 'Jade', 'Summit', 'Horizon', 'Meridian', 'Zenith'];
const ACTIVITIES = ['Shipping', 'Trading', 'Logistics', 'Import & Export', 'International Trade', 'Marine', 'Maritime', 'Freight', 'Industrial', 'Chemical', 'Machinery', 'Textile', 'Garments', 'Electronics', 'Resources', 'Energy', 'Minerals', 'Metals', 'Seafood', 'Agricultural', 'Petroleum', 'Steel', 'Commodities', 'Supply Chain', 'Development', 'Investment'];
const BANK_WORDS = ['Commercial Bank', 'Development Bank', 'Trust Bank', 'Merchant Bank', 'Savings Bank', 'Bank', 'Banking Corporation', 'Rural Commercial Bank', 'Bank of Commerce', 'Exim Bank'];

const pickWith = (next: () => number) => <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

/** A trade-like firm: place or coined word, an activity, a legal form of the place. */
function tradeFirm(next: () => number): TradeParty {
  const pick = pickWith(next);
  const place = pick(PLACES);
  const parts = next() < 0.6 ? [pick(place.names), pick(COINED)] : next() < 0.5 ? [pick(place.names)] : [pick(COINED)];
  const activity = pick(ACTIVITIES);
  return { kind: 'trade', name: `${parts.join(' ')} ${activity} ${pick(place.forms)}`, country: place.country };
}

/** A bank as a letter of credit names it: `Qingdao Rural Commercial Bank`, `Bank of Jinhai`. */
function bank(next: () => number): TradeParty {
  const pick = pickWith(next);
  const place = pick(PLACES);
  const word = pick(BANK_WORDS);
  const name = next() < 0.3 ? `Bank of ${pick([...place.names, ...COINED])}` : `${pick([...place.names, ...COINED])} ${word}${next() < 0.3 ? ` ${pick(['Ltd', 'Limited', 'Corporation', 'PLC', 'Berhad', 'JSC'])}` : ''}`;
  return { kind: 'bank', name, country: place.country };
}

export interface TradePartiesOptions {
  seed: number;
  /** faker's companies, spread over twelve locales. */
  companies?: number;
  /** faker's people, spread over twelve locales. */
  people?: number;
  /** Trade-like firms. */
  traders?: number;
  banks?: number;
}

/**
 * Unlisted parties, the same for the same seed: faker's companies and people (every locale; in
 * their own script where faker writes them so, half of them in a Latin form), trade-like firms
 * and banks. Whether a name is listed is not checked here: the evaluation drops those that are.
 */
export function tradeParties({ seed, companies = 6_000, people = 3_000, traders = 9_000, banks = 1_000 }: TradePartiesOptions): TradeParty[] {
  const next = seededRandom(seed);
  const made = realisticCustomers({ seed, people, companies }).map((c): TradeParty => ({ kind: c.schema === 'Person' ? 'person' : 'company', name: c.name, country: LOCALE_COUNTRIES[c.locale] ?? 'US' }));
  for (let i = 0; i < traders; i++) made.push(tradeFirm(next));
  for (let i = 0; i < banks; i++) made.push(bank(next));
  return made;
}

/** How a listed name was written another way. */
export type VariantKind = 'typo' | 'dropped' | 'swapped' | 'legal form' | 'joined' | 'romanized';
export const VARIANT_KINDS: readonly VariantKind[] = ['typo', 'dropped', 'swapped', 'legal form', 'joined', 'romanized'];

/** A listed party written another way: the name, the record it was made from, and how. */
export interface ListedVariant {
  name: string;
  country?: string;
  expected: string;
  kind: VariantKind;
  schema: string;
}

const LEGAL_FORMS: readonly [RegExp, string][] = [
  [/\bcorporation\b/i, 'Corp'], [/\bcorp\.?(?=\s|$)/i, 'Corporation'], [/\bcompany\b/i, 'Co'], [/\bco\.?,? ltd\.?/i, 'Company Limited'], [/\blimited\b/i, 'Ltd'], [/\bltd\.?(?=\s|$)/i, 'Limited'],
  [/\bincorporated\b/i, 'Inc'], [/\bgeneral trading\b/i, 'Trading'], [/\btrading\b/i, 'Trade'], [/\binternational\b/i, 'Intl'], [/\bjoint venture\b/i, 'JV'], [/\bpte\.? ltd\.?/i, 'Private Limited'],
];
/** How Korean names' syllables are written one way and another (McCune–Reischauer, Revised, usage). */
const ROMANIZATIONS: readonly [RegExp, string][] = [[/ch(?=[aeiouy])/i, 'j'], [/k(?=[aeiouy])/i, 'g'], [/eo/i, 'o'], [/ŏ|o(?=ng)/i, 'eo'], [/u(?=ng|n\b)/i, 'oo'], [/ng\b/i, 'n'], [/(?<=[aeiou])n\b/i, 'ng'], [/\br/i, 'l'], [/yo/i, 'yeo'], [/ae/i, 'e'], [/p(?=[aeiouy])/i, 'b'], [/t(?=[aeiouy])/i, 'd']];

function variant(name: string, kind: VariantKind, next: () => number): string | undefined {
  const words = name.split(/\s+/);
  switch (kind) {
    case 'typo':
      return name.length > 5 ? withTypo(name, next, 'aeioukmnrst') : undefined;
    case 'dropped': {
      if (name.length < 6) return undefined;
      const at = 1 + Math.floor(next() * (name.length - 2));
      return /\p{L}/u.test(name[at]!) ? name.slice(0, at) + name.slice(at + 1) : undefined;
    }
    case 'swapped': {
      const at = 1 + Math.floor(next() * (name.length - 3));
      return /\p{L}\p{L}/u.test(name.slice(at, at + 2)) && name[at] !== name[at + 1] ? name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2) : undefined;
    }
    case 'legal form': {
      const form = LEGAL_FORMS.find(([re]) => re.test(name));
      return form ? name.replace(form[0], form[1]) : `${name} Co., Ltd.`;
    }
    case 'joined': {
      const at = words.findIndex((w, i) => i < words.length - 1 && /^\p{L}{2,}$/u.test(w) && /^\p{L}{2,}$/u.test(words[i + 1]!));
      return at >= 0 ? [...words.slice(0, at), words[at]! + words[at + 1]!.toLowerCase(), ...words.slice(at + 2)].join(' ') : undefined;
    }
    case 'romanized': {
      const options = ROMANIZATIONS.filter(([re]) => words.some((w) => re.test(w)));
      if (!options.length) return undefined;
      const [re, to] = options[Math.floor(next() * options.length)]!;
      const at = words.findIndex((w) => re.test(w));
      return [...words.slice(0, at), words[at]!.replace(re, (m) => (m[0] === m[0]!.toUpperCase() ? to[0]!.toUpperCase() + to.slice(1) : to)), ...words.slice(at + 1)].join(' ');
    }
  }
}

/**
 * Listed parties (organizations, companies and people of the records given) under another
 * spelling, each kind in turn, the same for the same seed. The records are taken at random
 * among those with a Latin name; the name is the record's caption or one of its aliases.
 */
export function listedVariants(entities: Entity[], { seed, count }: { seed: number; count: number }): ListedVariant[] {
  const next = seededRandom(seed);
  const latin = /^[\p{Script=Latin}\p{N}\p{P}\p{S}\s]+$/u;
  const parties = entities.filter((e) => ['Organization', 'Company', 'LegalEntity', 'Person'].includes(e.schema) && latin.test(e.caption));
  const made: ListedVariant[] = [];
  for (let attempt = 0; made.length < count && attempt < count * 20; attempt++) {
    const entity = parties[Math.floor(next() * parties.length)]!;
    const names = [entity.caption, ...(entity.properties.alias ?? []).filter((a) => latin.test(a))];
    const name = names[Math.floor(next() * names.length)]!;
    const kind = VARIANT_KINDS[made.length % VARIANT_KINDS.length]!;
    const written = variant(name, kind, next);
    if (!written || written.toLowerCase() === name.toLowerCase()) continue;
    const country = entity.properties.country?.[0] ?? entity.properties.nationality?.[0];
    made.push({ name: written, ...(country ? { country: country.toUpperCase() } : {}), expected: entity.id, kind, schema: entity.schema });
  }
  return made;
}
