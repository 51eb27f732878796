// Which script a name is written in, and the language tag its glyphs want.

/** The language tag a script's names are marked with, so that the browser picks the right glyphs (Han characters differ between Chinese and Japanese fonts). */
export const SCRIPT_LANG: Record<string, string> = { Hangul: 'ko', Han: 'zh', Kana: 'ja', Cyrillic: 'ru', Arabic: 'ar' };

/** Which script a name is written in, for grouping names. */
export function script(name: string): string {
  if (/[\uac00-\ud7af\u1100-\u11ff]/.test(name)) return 'Hangul';
  if (/[\u4e00-\u9fff]/.test(name)) return 'Han';
  if (/[\u0400-\u04ff]/.test(name)) return 'Cyrillic';
  if (/[\u0600-\u06ff]/.test(name)) return 'Arabic';
  if (/[\u3040-\u30ff]/.test(name)) return 'Kana';
  return 'Latin';
}

/** The `lang` a name is marked with (undefined for Latin script: the page's own). */
export const langOf = (name: string): string | undefined => SCRIPT_LANG[script(name)];
