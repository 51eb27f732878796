/**
 * Records of a CSV text, read as csv-parse reads them with `relax_quotes` and
 * `relax_column_count` (its test, csv-records.test.ts, holds it to that): comma-separated,
 * fields quoted with `"` and `""` inside, a quote inside an unquoted field kept as it is, the
 * record delimiter the first line break found (CRLF, LF or CR), every record returned.
 *
 * A generator over text already in memory, for the legacy OFAC files: csv-parse's stream costs
 * several times what reading the fields does at their size.
 */

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** A quoted field that never closes. */
export class CsvQuoteError extends Error {
  constructor(readonly line: number) {
    super(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  }
}

/** The line (from 1) a position is on. */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The records of `text`. A `partial` text (what could be read of a file cut short) ends before
 * its last record delimiter, as a stream would have been read: its unfinished record, quoted or
 * not, is left out.
 */
export function* csvRecords(text: string, partial = false): Generator<string[]> {
  const n = text.length;
  let delimiter: string | undefined;
  let record: string[] = [];
  // The current field: text taken from quoted parts, then the unquoted run from `run` on.
  let taken = '';
  let run = 0;
  let quoted = false;

  /** Whether a record delimiter starts at `at`, the first line break found being taken as the delimiter. */
  const delimiterAt = (at: number): boolean => {
    const c = text.charCodeAt(at);
    if (c !== CR && c !== LF) return false;
    delimiter ??= c === CR && text.charCodeAt(at + 1) === LF ? '\r\n' : c === LF ? '\n' : '\r';
    return text.startsWith(delimiter, at);
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && taken === '' && run === i) {
      // An opening quote: the field runs to a quote followed by a comma, a record delimiter or the end.
      const open = i;
      let content = '';
      for (let from = i + 1; ;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          if (partial) return;
          throw new CsvQuoteError(lineAt(text, open));
        }
        content += text.slice(from, close);
        const next = close + 1;
        if (text.charCodeAt(next) === QUOTE) {
          content += '"';
          from = next + 1;
          continue;
        }
        if (next >= n || text.charCodeAt(next) === COMMA || delimiterAt(next)) {
          taken = content;
        } else {
          // A quote closing nothing: the field keeps its quotes and goes on unquoted.
          taken = `"${content}"`;
        }
        i = run = next;
        quoted = true;
        break;
      }
      continue;
    }
    if (c === COMMA) {
      record.push(taken + text.slice(run, i));
      taken = '';
      quoted = false;
      i = run = i + 1;
      continue;
    }
    if ((c === CR || c === LF) && delimiterAt(i)) {
      record.push(taken + text.slice(run, i));
      yield record;
      record = [];
      taken = '';
      quoted = false;
      i = run = i + delimiter!.length;
      continue;
    }
    i++;
  }
  if (partial) return;
  const last = taken + text.slice(run, n);
  if (quoted || record.length || last) {
    record.push(last);
    yield record;
  }
}
