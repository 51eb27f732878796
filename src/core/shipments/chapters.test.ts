import { describe, expect, it } from 'vitest';
import { HS_CHAPTERS, candidateChapters } from './chapters.js';

describe('candidateChapters', () => {
  it('reads a description as the chapters its words name, the most named first', () => {
    expect(candidateChapters('frozen crab legs').map((c) => c.chapter)).toEqual(['03']);
    expect(candidateChapters('anthracite coal')[0]).toMatchObject({ chapter: '27', words: ['coal', 'anthracite'] });
    expect(candidateChapters('cotton shirts').map((c) => c.chapter)).toEqual(['52', '62']);
    expect(candidateChapters('used trucks').map((c) => c.chapter)).toEqual(['87']);
    expect(candidateChapters('something unknown')).toEqual([]);
  });

  it('has each chapter once, of two digits, reserved 77 left out', () => {
    const chapters = HS_CHAPTERS.map((c) => c.chapter);
    expect(new Set(chapters).size).toBe(chapters.length);
    expect(chapters.every((c) => /^\d\d$/.test(c))).toBe(true);
    expect(chapters).not.toContain('77');
  });
});
