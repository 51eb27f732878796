/**
 * Rows as COPY reads them in CSV mode with two control characters for delimiter and quote:
 * JSON text (which escapes every control character) and ordinary names then never need quoting,
 * so that encoding them costs one regular-expression test per value.
 */

const DELIMITER = '\u001f';
const QUOTE = '\u001e';
/** What a value cannot hold unquoted: the delimiter, the quote, a line break, or the end-of-data marker alone. */
// eslint-disable-next-line no-control-regex -- the delimiter and the quote are control characters
const NEEDS_QUOTES = /[\u001e\u001f\n\r]|^\\\.$/;
// eslint-disable-next-line no-control-regex -- as above
const QUOTES = /\u001e/g;

/** The COPY options that read what `csvRows` writes. */
export const COPY_CSV_OPTIONS = "FORMAT csv, DELIMITER E'\\x1f', QUOTE E'\\x1e'";

/** One value: null unquoted and empty, the empty string quoted, quotes inside a quoted value doubled. */
function csvValue(value: string | null): string {
  if (value === null) return '';
  if (value === '' || NEEDS_QUOTES.test(value)) return `${QUOTE}${value.replace(QUOTES, QUOTE + QUOTE)}${QUOTE}`;
  return value;
}

/**
 * Rows as COPY input.
 *
 * @example csvRows([['a', null, ''], ['b', 'x\ny', '{}']]) // 'a\u001f\u001f\u001e\u001e\nb\u001f\u001ex\ny\u001e\u001f{}\n'
 */
export function csvRows(rows: (string | null)[][]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += i ? DELIMITER + csvValue(row[i]!) : csvValue(row[i]!);
    text += '\n';
  }
  return text;
}

/** A text[] value as PostgreSQL's array input reads it: every element quoted, so that none is read as NULL or split. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
