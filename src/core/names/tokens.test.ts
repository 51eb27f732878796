import { describe, expect, it } from 'vitest';
import { MAX_WORD_LENGTH, prepareName } from './tokens.js';

describe('prepareName', () => {
  it('compares a word on its first 48 letters: a 100,000-letter "name" costs what a long name does', () => {
    const [form] = prepareName(`kim ${'x'.repeat(100_000)}`, 'Person');
    expect(form!.tokens.map((t) => t.text)).toEqual(['kim', 'x'.repeat(MAX_WORD_LENGTH)]);
  });

  it('keeps words of every listed name whole', () => {
    const [form] = prepareName('Korea Kwangson Banking Corporation', 'Organization');
    expect(form!.tokens.map((t) => t.text)).toEqual(['korea', 'kwangson', 'banking', 'corp']);
  });
});
