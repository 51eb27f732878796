import { describe, expect, it } from 'vitest';
import { jsonValues } from './json-values.js';

describe('jsonValues', () => {
  it('reads JSON lines, each with its line, blank lines skipped and a bad line its own error', () => {
    const values = jsonValues('{"id":"a"}\n\n{"id":\n{"id":"b"}\n', 'x.jsonl');
    expect(values.map((v) => v.where)).toEqual(['x.jsonl line 1', 'x.jsonl line 3', 'x.jsonl line 4']);
    expect(values[0]!.value).toEqual({ id: 'a' });
    expect(values[1]!.error).toMatchObject({ code: 'INVALID_JSON' });
    expect(values[1]!.error!.message).toMatch(/^x\.jsonl line 3: invalid JSON/);
    expect(values[2]!.value).toEqual({ id: 'b' });
  });

  it('reads a JSON array, each with its item, and refuses a broken array as a whole', () => {
    expect(jsonValues(' \n[{"id":"a"},{"id":"b"}]', 'body')).toEqual([{ where: 'body item 1', value: { id: 'a' } }, { where: 'body item 2', value: { id: 'b' } }]);
    const [broken] = jsonValues('[{"id":"a"},', 'body');
    expect(broken!.where).toBe('body');
    expect(broken!.error!.message).toMatch(/^body: not a JSON array/);
  });
});
