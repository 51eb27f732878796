import { describe, expect, it } from 'vitest';
import { lookupKeys, shareKey, registeredKeys, shortTypo, skeleton, transliterationForm, wordKeys } from './word-keys.js';
import { koreanKey } from './korean.js';
import { makeToken } from './tokens.js';

const word = (text: string, kind: 'name' | 'joined' | 'number' = 'name') => makeToken(text, koreanKey(text), kind);

describe('skeleton', () => {
  it('keeps the consonants of a folded word, doubled ones once', () => {
    expect(skeleton(koreanKey('hussein'))).toBe(skeleton(koreanKey('husain')));
    expect(skeleton(koreanKey('usama'))).toBe(skeleton(koreanKey('osama')));
    expect(skeleton('mohammed')).toBe('mhmd');
    expect(skeleton('김')).toBe('');
  });
});

describe('wordKeys', () => {
  it('gives numbers their exact key only, and words written together their forms only', () => {
    expect(wordKeys(word('2', 'number'))).toEqual(['k:2']);
    expect(wordKeys(word('jongun', 'joined'))).toEqual(['k:jongon', 'd:jongun', 'd:jongon']);
    expect(wordKeys(word('jong')).length).toBeGreaterThan(4);
  });
});

describe('shareKey', () => {
  it('pairs romanization variants, one-edit typos and vowel variants', () => {
    expect(shareKey(word('jong'), word('jeong'))).toBe(true);
    expect(shareKey(word('myong'), word('myomg'))).toBe(true);
    expect(shareKey(word('hussein'), word('husain'))).toBe(true);
  });

  it('does not pair words that share no key', () => {
    expect(shareKey(word('kim'), word('park'))).toBe(false);
    expect(shareKey(word('abdullah'), word('rahman'))).toBe(false);
  });
});

describe('transliterationForm', () => {
  it('folds the spellings transliteration families disagree on, and makes their words neighbours', () => {
    expect(transliterationForm('alexandrovich')).toBe('aleksandrovich');
    expect(transliterationForm('abdullah')).toBe('abdala');
    // Abdul, Abdel, Abdol: one prefix; Husayn, Hussein and Zayb, Zeb: one vowel; patronymics in one ending.
    expect(transliterationForm('abdelaziz')).toBe(transliterationForm('abdulaziz'));
    expect(transliterationForm('husayn')).toBe(transliterationForm('hussein'));
    expect(transliterationForm('zayb')).toBe('zeb');
    expect(transliterationForm('vasylovych')).toBe('vasylovich');
    expect(transliterationForm('ivanavich')).toBe('ivanovich');
    expect(transliterationForm('yevhenivna')).toBe('evhenovna');
    expect(transliterationForm('aliyev')).toBe(transliterationForm('aliev'));
    expect(transliterationForm('djouadi')).toBe('juadi');
    expect(transliterationForm('mikhail')).toBe(transliterationForm('mihail'));
    expect(transliterationForm('yuriy')).toBe('yuri');
    expect(transliterationForm('uladzimir')).toBe(transliterationForm('vladimir'));
    expect(transliterationForm('naumau')).toBe('naumov');
    expect(transliterationForm('radzkou')).toBe(transliterationForm('radkov'));
    expect(transliterationForm('chaiworasin')).toBe('chaivorasin');
    // Arabic -ou stays u: Abou is Abu.
    expect(transliterationForm('abou')).toBe('abu');
    // Short words, Hangul and words with nothing to fold are left as they are.
    expect(transliterationForm('kim')).toBe('kim');
    expect(transliterationForm('김정은')).toBe('김정은');
    expect(transliterationForm('jong')).toBe('jong');
    // Two edits apart as written (x/ks), one word once folded.
    expect(shareKey(word('alexandrovich'), word('aleksandrovich'))).toBe(true);
    expect(shareKey(word('jaddaw'), word('jadawi'))).toBe(true);
  });
});

describe('written consonants', () => {
  it('meets a word transliterated without vowels with a Latin word of its consonants, and never two Latin words there', () => {
    const bare = { ...word('mkhtr'), abjad: true };
    expect(lookupKeys(bare).filter((k) => registeredKeys(word('mokhtar')).includes(k))).toContain('b:mkhtr');
    expect(lookupKeys(word('mokhtar')).filter((k) => registeredKeys(bare).includes(k))).toContain('a:mkhtr');
    expect(shareKey(bare, word('mokhtar'))).toBe(true);
    const consonantKey = (k: string) => k.startsWith('a:') || k.startsWith('b:');
    expect(lookupKeys(word('mokhtar')).filter(consonantKey).some((k) => registeredKeys(word('mukhtar')).includes(k))).toBe(false);
  });
});

describe('keys of the variant families', () => {
  it('meets a typo in a short word by its letters: a swap or a doubled letter, nothing else', () => {
    expect(shortTypo('un', 'nu')).toBe(true);
    expect(shortTypo('hae', 'hea')).toBe(true);
    expect(shortTypo('il', 'ill')).toBe(true);
    expect(shortTypo('nam', 'man')).toBe(false); // not adjacent
    expect(shortTypo('jong', 'song')).toBe(false); // a substitution is an edit, not this
    expect(shareKey(word('un'), word('nu'))).toBe(true);
  });

  it('lets an initial find the words of its letter, and a word the initials, but not words each other', () => {
    const initial = word('r');
    expect(lookupKeys(initial).filter((k) => registeredKeys(word('ramzan')).includes(k))).toEqual(['f:r']);
    expect(lookupKeys(word('ramzan')).filter((k) => registeredKeys(initial).includes(k))).toEqual(['i:r']);
    // Two words of one first letter share no initial key.
    expect(lookupKeys(word('ramzan')).filter((k) => k.startsWith('i:') || k.startsWith('f:')).some((k) => registeredKeys(word('rashid')).includes(k))).toBe(false);
  });

  it('folds Baltic, German, Czech and Belarusian spellings of Slavic names', () => {
    const pairs: [string, string][] = [['putinas', 'putin'], ['sergejs', 'sergei'], ['sergejus', 'sergey'], ['sojgu', 'shoigu'], ['kowaltschuk', 'kovalchuk'], ['aliaksandr', 'aleksandr'], ['lukashenka', 'lukashenko'], ['evgeny', 'yevgeniy'], ['dmitrijs', 'dmitriy']];
    for (const [a, b] of pairs) {
      expect(transliterationForm(a), a).toBe(transliterationForm(b));
    }
  });
});
