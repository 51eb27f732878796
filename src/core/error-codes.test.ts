import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';

/** The source files of the product (tests and the catalog itself left out). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'error-codes.ts' ? [path] : [];
  });
}

describe('the error catalog', () => {
  it('names every code once, each used by the product and described with an HTTP status', () => {
    const root = new URL('../..', import.meta.url).pathname;
    const text = [...sources(join(root, 'src')), ...sources(join(root, 'eval'))].map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(ERROR_CODES).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
    for (const [code, { status, meaning }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(status >= 400 && status < 600, code).toBe(true);
      expect(meaning.length, code).toBeGreaterThan(10);
    }
  });
});
