import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

// The ways lists write countries that the ISO names do not cover.
const ALIASES: Record<string, string> = {
  'korea, north': 'KP', 'north korea': 'KP', dprk: 'KP', "democratic people's republic of korea": 'KP', 'democratic peoples republic of korea': 'KP', 'korea, dpr': 'KP', 'korea dpr': 'KP',
  'korea, south': 'KR', 'south korea': 'KR', 'republic of korea': 'KR', korea: 'KR',
  russia: 'RU', 'russian federation': 'RU', iran: 'IR', 'iran, islamic republic of': 'IR', syria: 'SY', 'syrian arab republic': 'SY',
  burma: 'MM', myanmar: 'MM', 'myanmar (burma)': 'MM', laos: 'LA', vietnam: 'VN', 'viet nam': 'VN', venezuela: 'VE', bolivia: 'BO', tanzania: 'TZ',
  'united states': 'US', usa: 'US', 'united kingdom': 'GB', uk: 'GB', 'democratic republic of the congo': 'CD', 'congo, democratic republic of the': 'CD',
  'republic of the congo': 'CG', 'congo, republic of the': 'CG', 'west bank': 'PS', gaza: 'PS', palestinian: 'PS', 'palestinian territories': 'PS',
  turkey: 'TR', turkiye: 'TR', 'türkiye': 'TR', 'czech republic': 'CZ', moldova: 'MD', 'hong kong': 'HK', macau: 'MO', macao: 'MO', taiwan: 'TW',
  'cote d ivoire': 'CI', "cote d'ivoire": 'CI', 'ivory coast': 'CI', 'south sudan': 'SS', 'north macedonia': 'MK', 'belarus': 'BY', 'kosovo': 'XK',
};

/**
 * The ISO 3166-1 alpha-2 code for a country as lists write it ("Korea, North", "DPRK",
 * "Democratic People's Republic of Korea", "kp"), or undefined.
 */
export function countryCode(value: string): string | undefined {
  // Lists repeat a few hundred country spellings: each is looked up once (a bounded memo).
  if (CODES.has(value)) return CODES.get(value);
  const code = lookUp(value);
  if (CODES.size >= MAX_MEMO) CODES.clear();
  CODES.set(value, code);
  return code;
}

const CODES = new Map<string, string | undefined>();
const MAX_MEMO = 50_000;

function lookUp(value: string): string | undefined {
  const text = value.normalize('NFKC').trim();
  if (/^[a-z]{2}$/i.test(text)) return countries.isValid(text.toUpperCase()) ? text.toUpperCase() : text.toLowerCase() === 'xk' ? 'XK' : undefined;
  const lower = text.toLowerCase().replace(/[.]/g, '').replace(/\s+/g, ' ');
  return ALIASES[lower] ?? countries.getAlpha2Code(text, 'en') ?? undefined;
}
