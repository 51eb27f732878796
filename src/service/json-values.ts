import { InputError } from '../core/errors.js';

/** A value as a request or a file gives it: where it is (`file.jsonl line 3`, `body item 2`), and the value or why it could not be read. */
export interface JsonValue {
  where: string;
  value?: unknown;
  error?: InputError;
}

/**
 * The values of a text that is one JSON array, or JSON lines (one value a line, blank lines
 * skipped), each with where it is: `label item N` in an array, `label line N` in lines. A line
 * that is not JSON is that line's error; an array that is not JSON is one error for the whole.
 * @example jsonValues('{"id":"a"}\n\n{"id":"b"}', 'x.jsonl') // [{ where: 'x.jsonl line 1', value: { id: 'a' } }, { where: 'x.jsonl line 3', ... }]
 */
export function jsonValues(text: string, label: string): JsonValue[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(trimmed);
    } catch (error) {
      return [{ where: label, error: new InputError('INVALID_JSON', `${label}: not a JSON array (${(error as Error).message})`) }];
    }
    return (values as unknown[]).map((value, i): JsonValue => ({ where: `${label} item ${i + 1}`, value }));
  }
  return text.split('\n').flatMap((line, i): JsonValue[] => {
    if (!line.trim()) return [];
    const where = `${label} line ${i + 1}`;
    try {
      return [{ where, value: JSON.parse(line) as unknown }];
    } catch (error) {
      return [{ where, error: new InputError('INVALID_JSON', `${where}: invalid JSON (${(error as Error).message})`) }];
    }
  });
}
