import { describe, expect, it } from 'vitest';
import { koreanKey } from './korean.js';
import { KOREAN_SURNAMES } from './korean-surnames.js';

describe('koreanKey', () => {
  // The variant groups the screening must treat as one (romanization systems, DPRK and South spellings).
  it.each([
    ['Ri', 'Lee', 'Yi', 'I', 'Rhee'], ['Rim', 'Lim', 'Im'], ['Ryu', 'Yu', 'Yoo'], ['Ro', 'Roh', 'No', 'Noh'], ['Ryang', 'Yang'],
    ['Pak', 'Park', 'Bak'], ['Choe', 'Choi'], ['Jong', 'Jeong', 'Chong', 'Cheong', 'Jung', 'Chung'], ['Kwang', 'Gwang'],
    ['Kyong', 'Gyeong', 'Kyung'], ['Chol', 'Cheol', 'Chul', "Ch'ol", 'Ch’ŏl'], ['Song', 'Seong', 'Sung'], ['Hyok', 'Hyeok', 'Hyuk'],
    ['Myong', 'Myeong', 'Myung', "MY'ONG"], ['Un', 'Eun'], ['Jongun', 'Jeongeun', 'Jong-un'], ["So'k", 'Sok', 'Seok'],
  ])('%s are one', (...variants) => {
    expect(new Set(variants.map(koreanKey)).size).toBe(1);
  });

  it('keeps different syllables apart', () => {
    for (const [a, b] of [['Kim', 'Pak'], ['Jong', 'Song'], ['Chol', 'Chin'], ['Ri', 'Ro']]) expect(koreanKey(a!)).not.toBe(koreanKey(b!));
  });

  it('unites most spellings in use of the common surnames', () => {
    let rows = 0;
    let united = 0;
    for (const surname of KOREAN_SURNAMES) {
      rows++;
      const keys = surname.spellings.filter((s) => !/[^A-Za-z'’ŏŭ-]/.test(s)).map(koreanKey);
      const counts = new Map<string, number>();
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      if (Math.max(...counts.values()) >= keys.length - 1) united++;
    }
    // Measured: the spellings of each surname share one key but for at most one outlier (Leigh, Ghim...).
    expect(united / rows).toBeGreaterThan(0.9);
  });
});
