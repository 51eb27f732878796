/**
 * The Korean syllable key: one spelling for the romanizations of one Korean syllable or name,
 * so that Ri/Lee/Yi/I/Rhee, Pak/Park/Bak, Choe/Choi, Jong/Jeong/Chong/Cheong/Jung/Chung,
 * Kyong/Gyeong/Kyung, Chol/Cheol/Chul, Un/Eun... compare equal.
 *
 * It folds what the romanization systems disagree on: aspirated and plain consonants (k/g, t/d,
 * p/b, ch/j), apostrophes and breves (ŏ, ŭ), the vowels eo/ŏ/o/u and eu/ŭ/u, ae/e, doubled
 * vowels (Lee, Yoo), the DPRK's initial r (Ri, Rim, Ro, Ryu, Ryang) against the South's
 * dropped or n-initial forms (I/Lee, Im/Lim, No/Roh, Yu, Yang), and a silent final h (Roh, Oh).
 *
 * @example koreanKey('Jeong') === koreanKey("Ch'ong") === koreanKey('Jung') // 'jong'
 */
export function koreanKey(token: string): string {
  let key = KEYS.get(token);
  if (key === undefined) {
    key = computeKey(token);
    // Names repeat their words: a bounded memo saves most of the work when indexing.
    if (KEYS.size >= MAX_MEMO) KEYS.clear();
    KEYS.set(token, key);
  }
  return key;
}

const KEYS = new Map<string, string>();
const MAX_MEMO = 200_000;

function computeKey(token: string): string {
  let s = token.toLowerCase().normalize('NFD').replace(/[\u0306\u0300-\u036f]/g, '').replace(/['’ʼ`´-]/g, '');
  if (!/^[a-z]+$/.test(s)) return s;
  // Doubled consonants (tense in RR) and English-style spellings.
  s = s.replace(/kk/g, 'k').replace(/tt/g, 't').replace(/pp/g, 'p').replace(/ss/g, 's').replace(/jj/g, 'j');
  s = s.replace(/ar(?=[kgpbtdmnsjc]|$)/g, 'a'); // Park → Pak
  s = s.replace(/sh/g, 's').replace(/tch/g, 'ch').replace(/ch/g, 'j').replace(/ts/g, 'j');
  s = s.replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/ei/g, 'e');
  // Customary South Korean spellings: Young (영), Woo, Wook and Woong (우, 욱, 웅), Hee (희: hui).
  s = s.replace(/ou/g, 'o').replace(/wu(?=k|ng|$)/g, 'u').replace(/hui/g, 'hi');
  s = s.replace(/eo/g, 'o').replace(/eu/g, 'u').replace(/ae/g, 'e').replace(/oi/g, 'oe');
  s = s.replace(/k/g, 'g').replace(/t/g, 'd').replace(/p/g, 'b').replace(/f/g, 'b');
  // The other letters transliterations swap (c/k, q/k, z/s, v/w).
  s = s.replace(/c/g, 'g').replace(/q/g, 'g').replace(/z/g, 's').replace(/v/g, 'w');
  s = s.replace(/u/g, 'o'); // ŏ is written u in customary spellings (Jung, Sung, Chung)
  // The initial-sound rule: DPRK r-initial syllables against the South's.
  s = s.replace(/^(?:rh|r|l)(?=[iy])/, '').replace(/^y(?=i)/, '').replace(/^(?:rh|r|l)(?=[aeo])/, 'n');
  s = s.replace(/(?<=[aeio])h$/, '');
  s = s.replace(/l/g, 'r');
  return s;
}

// A romanized Korean syllable, McCune-Reischauer or Revised (apostrophes and breves gone by
// now): an initial consonant, a vowel (with its glide) and a final consonant.
const INITIAL = 'kk|tt|pp|ss|jj|ch|rh|sh|[kgndtrlmbpsjh]';
const VOWEL = 'yae|yeo|wae|ya|ye|yo|yu|wa|wo|we|wi|oe|ui|ae|eo|eu|ee|oo|[aeiou]';
const FINAL = 'ng|[kntlrmph]';
const SYLLABLE = new RegExp(`^(?:${INITIAL})?(?:${VOWEL})(?:${FINAL})?$`);
// The same with customary English-style spellings (Choi, Park, Yoo, Tsoi), one syllable or more.
const CUSTOMARY_SYLLABLES = new RegExp(`^(?:(?:ts|[wy]|${INITIAL})?(?:oi|ai|ou|${VOWEL})(?:rk|${FINAL})?)+$`);

/** Whether a word is one romanized Korean syllable (Chong, Gyeong, Un). */
export function isKoreanSyllable(word: string): boolean {
  return SYLLABLE.test(word);
}

/** Whether a word reads as romanized Korean syllables, customary spellings included (Jongun, Park, Choi). */
export function readsAsKorean(word: string): boolean {
  return CUSTOMARY_SYLLABLES.test(word);
}

/**
 * Korean syllables of one vowel letter (오 O, 우 U, 이 I, 아 A, 에 E) in their customary
 * spellings (Oh, Woo, Lee, Ah, Eh), which the Korean key folds back: a lone letter would be
 * taken for an initial.
 */
export const LONE_VOWELS: Readonly<Record<string, string>> = { o: 'oh', u: 'woo', i: 'lee', a: 'ah', e: 'eh' };
