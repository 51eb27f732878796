/**
 * Hangul syllables to Latin letters, syllable by syllable (Revised Romanization letters, which
 * the Korean key then folds together with McCune–Reischauer and customary spellings).
 */

const INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const VOWELS = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

const FIRST = 0xac00;
const LAST = 0xd7a3;

export function isHangulSyllable(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= FIRST && code <= LAST;
}

export function hasHangul(text: string): boolean {
  for (const ch of text) if (isHangulSyllable(ch)) return true;
  return false;
}

/** One syllable: 김 → "gim", 정 → "jeong", 리 → "ri". The initial ㄹ is kept as "r" (the DPRK reading). */
export function romanizeSyllable(ch: string): string {
  const index = ch.charCodeAt(0) - FIRST;
  if (index < 0 || index > LAST - FIRST) return ch;
  const initial = Math.floor(index / 588);
  const vowel = Math.floor((index % 588) / 28);
  const final = index % 28;
  return INITIALS[initial]! + VOWELS[vowel]! + FINALS[final]!;
}

/**
 * Hangul words to romanized syllables, one array per word: "김정은" → [["gim", "jeong", "eun"]].
 * Other characters are kept as they are within their word.
 */
export function romanizeHangulWords(text: string): string[][] {
  return text.split(/\s+/).filter(Boolean).map((word) => {
    const syllables: string[] = [];
    let other = '';
    for (const ch of word) {
      if (isHangulSyllable(ch)) {
        if (other) {
          syllables.push(other);
          other = '';
        }
        syllables.push(romanizeSyllable(ch));
      } else {
        other += ch;
      }
    }
    if (other) syllables.push(other);
    return syllables;
  });
}

const RIEUL = 5;
const NIEUN = 2;
const IEUNG = 11;
// ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ: the vowels before which an initial ㄹ or ㄴ is dropped in the South.
const I_VOWELS = new Set([2, 3, 6, 7, 12, 17, 20]);

/**
 * A syllable as the South writes it at the start of a word (the initial-sound rule, 두음법칙):
 * 리 → 이, 량 → 양, 녀 → 여, 로 → 노, 라 → 나. The DPRK keeps the ㄹ; both are one name.
 */
export function southernInitial(ch: string): string {
  const index = ch.charCodeAt(0) - FIRST;
  if (index < 0 || index > LAST - FIRST) return ch;
  const initial = Math.floor(index / 588);
  if (initial !== RIEUL && initial !== NIEUN) return ch;
  const vowel = Math.floor((index % 588) / 28);
  const to = I_VOWELS.has(vowel) ? IEUNG : initial === RIEUL ? NIEUN : initial;
  return String.fromCharCode(FIRST + to * 588 + (index % 588));
}
