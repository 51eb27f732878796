import anyAscii from 'any-ascii';
import hanjaModule from 'hanja';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { hasHangul, romanizeHangulWords } from './hangul.js';
import { KOREAN_SURNAMES } from './korean-surnames.js';
import { LONE_VOWELS } from './korean.js';
import { normalizeName } from './normalize.js';

// The package is CommonJS with a default export; under ESM it arrives wrapped once more.
const hanja = ((hanjaModule as unknown as { default?: typeof hanjaModule }).default ?? hanjaModule) as unknown as { translate(text: string, mode: 'SUBSTITUTION'): string };

const HAN = /\p{Script=Han}/u;

const simplifiedToTraditional = OpenCC.Converter({ from: 'cn', to: 't' });

/** Han characters in their traditional forms (华信 → 華信): the Korean readings and the lists' own writing use them. */
export function traditionalHan(text: string): string {
  return HAN.test(text) ? simplifiedToTraditional(text) : text;
}
const ARABIC = /\p{Script=Arabic}/u;
const NON_LATIN = /[^\p{Script=Latin}\p{N}\s\p{P}\p{S}]/u;

const SURNAME_BY_HANJA = new Map<string, string>();
for (const surname of KOREAN_SURNAMES) for (const h of surname.hanja) if (!SURNAME_BY_HANJA.has(h)) SURNAME_BY_HANJA.set(h, surname.dprkHangul);

/**
 * Korean reading of a Han-character name: a surname character is read as the surname (金 → 김,
 * not 금), the rest by their usual Sino-Korean readings.
 */
export function hanjaToHangul(text: string): string {
  return text.split(/\s+/).filter(Boolean).map((word) => {
    const chars = [...word];
    const first = chars[0] ?? '';
    const surname = SURNAME_BY_HANJA.get(first);
    const head = surname ?? hanja.translate(first, 'SUBSTITUTION');
    return `${head}${surname ? ' ' : ''}${hanja.translate(chars.slice(1).join(''), 'SUBSTITUTION')}`;
  }).join(' ');
}

/** Hangul written as syllables: a one-word name of three or more syllables splits after the surname. */
function hangulVariants(text: string): string[] {
  const words = romanizeHangulWords(text);
  const spaced = words.map((syllables) => syllables.join(' ')).join(' ');
  const joined = words.map((syllables, i) => (words.length === 1 && syllables.length >= 2 && i === 0
    ? `${syllables[0]} ${syllables.slice(1).join('')}`
    : syllables.join(''))).join(' ');
  return [joined, spaced].map((form) => form.split(' ').map((word) => LONE_VOWELS[word] ?? word).join(' '));
}

/**
 * Arabic names written letter by letter (عبد الله → bd llh) as the Latin lists write them: the
 * article of Abd al- joined to it, and the name after it apart (Abdul Kabir), Allah, al-Din and al-Rahman joined to the
 * name before them (Abdullah, Hidayatullah, Jalaluddin, Azizurrahman). Other articles stay
 * apart, as the lists write them (al-Zawahiri, al-Jihad al-Islami).
 */
export function withArticlesJoined(letters: string): string {
  return letters
    .replace(/\bbd l(?=[^l\s])/g, 'bdl ')
    // Abd al- written together with the name (عبدالرحمان): apart, as Abdul Rahman.
    .replace(/\bbdl(?=[^\s]{2})/g, 'bdl ')
    .replace(/(?<=\S) (?=llh\b)/g, '')
    .replace(/(?<=\S) l(?=(?:dyn|rhmn)\b)/g, '');
}

/**
 * Comparable Latin forms of a name in any script, normalized. A Latin name gives one form;
 * Hangul gives its romanization; Han characters give the Korean reading and pinyin; Cyrillic,
 * Greek, Arabic, kana and others a standard transliteration.
 *
 * @example latinForms('金正恩') // ['gim jeongeun', 'gim jeong eun', 'jin zheng en']
 */
export function latinForms(name: string): string[] {
  const normalized = normalizeName(name);
  if (!normalized) return [];
  if (!NON_LATIN.test(normalized)) return [normalized];
  const forms: string[] = [];
  if (HAN.test(normalized)) {
    const korean = hanjaToHangul(traditionalHan(normalized));
    forms.push(...hangulVariants(korean));
    forms.push(pinyin(normalized, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(' '));
  } else if (hasHangul(normalized)) {
    forms.push(...hangulVariants(normalized));
  } else if (ARABIC.test(normalized)) {
    // Alif maqsura ends Afghan and Persian names as ye does (حقانى, Haqqani); zah and dhal as the lists write them (الظواهري, al-Zawahiri; نذیر, Nazir).
    // Hamza on a seat is its seat's consonant (مطمئن, Motmaen), alone nothing.
    const arabic = normalized.replace(/ى|ئ/g, 'ي').replace(/ؤ/g, 'و').replace(/ء/g, '').replace(/[ظذ]/g, 'z');
    const letters = anyAscii(arabic);
    forms.push(letters, withArticlesJoined(letters));
    // Dad as Persian, Pashto and Urdu read it, and Afghan and Pakistani names are listed (فيض, Faiz; فضل, Fazl).
    if (arabic.includes('ض')) forms.push(withArticlesJoined(anyAscii(arabic.replace(/ض/g, 'z'))));
  } else {
    forms.push(anyAscii(normalized));
  }
  return [...new Set(forms.map(normalizeName).filter(Boolean))];
}
