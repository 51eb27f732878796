/**
 * Text normalization for comparing names: Unicode NFKC, case folding, diacritics removed,
 * apostrophes dropped (Ch'oe → choe, So'k → sok, MY'ONG → myong, curly quotes too) and other
 * punctuation turned into spaces. Letters of every script are kept.
 *
 * @example normalizeName("KIM, Yong-Ch'ŏl") // 'kim yong chol'
 */
const APOSTROPHES = /['’‘ʼʻ`´′ʹ]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

export function foldCase(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Strip combining marks from Latin, Greek and Cyrillic letters; keep them where they make the letter (Hangul, Indic). */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(MARKS, (mark, offset: number, whole: string) => {
    const base = whole.codePointAt(offset - 1) ?? 0;
    return base < 0x0530 || (base >= 0x1e00 && base < 0x2000) ? '' : mark;
  }).normalize('NFC');
}

export function normalizeName(text: string): string {
  return stripDiacritics(foldCase(text)).replace(APOSTROPHES, '').replace(SEPARATORS, ' ').trim();
}
