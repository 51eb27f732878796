import { describe, expect, it } from 'vitest';
import { arrayLiteral, csvRows } from './copy-csv.js';

describe('csvRows', () => {
  it('writes JSON and plain names as they are, and quotes only what needs it', () => {
    expect(csvRows([['h1', '{"name":["Kim \\"Jr\\""]}'], ['h2', null]])).toBe('h1\u001f{"name":["Kim \\"Jr\\""]}\nh2\u001f\n');
    expect(csvRows([['', 'a\nb', 'x\u001fy', 'q\u001eq', '\\.']])).toBe('\u001e\u001e\u001f\u001ea\nb\u001e\u001f\u001ex\u001fy\u001e\u001f\u001eq\u001e\u001eq\u001e\u001f\u001e\\.\u001e\n');
  });
});

describe('arrayLiteral', () => {
  it('quotes every element, so that none reads as NULL or splits', () => {
    expect(arrayLiteral(['default', 'NULL', 'a,b', 'say "x"', 'back\\slash'])).toBe('{"default","NULL","a,b","say \\"x\\"","back\\\\slash"}');
    expect(arrayLiteral([])).toBe('{}');
  });
});
