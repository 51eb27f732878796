import { createReadStream } from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { InputError } from '../core/errors.js';

// Customers' files come from every system there is: UTF-8 with or without a byte order mark,
// UTF-16 from Excel's "Unicode text", Windows-1252 from older exports; comma, semicolon (Excel
// in most of Europe), tab or pipe between fields. Guessing wrong screens mojibake (Jos� Garc�a)
// or one long field, so the encoding is decided on the whole file and the delimiter on its
// first lines, and what was decided is said.

/** The delimiters a CSV file may use, in the order they are preferred when the first lines fit several. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** How a text file was read: its encoding (as iconv-lite names it) and how many lines it has. */
export interface TextInspection {
  encoding: string;
  /** Lines in the file (line feeds, and a last line without one). */
  lines: number;
  /** Whether the encoding was detected (or given). */
  detected: boolean;
}

/** An encoding named by the user, checked. */
export function checkEncoding(name: string): string {
  const normalized = name.trim().toLowerCase();
  if (!iconv.encodingExists(normalized)) throw new InputError('UNKNOWN_ENCODING', `encoding "${name}" is not known (use utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1...)`);
  return normalized;
}

/** A delimiter named by the user: one of , ; | or tab (written \t or "tab"). */
export function checkDelimiter(value: string): string {
  const delimiter = value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
  if (!(DELIMITERS as readonly string[]).includes(delimiter)) throw new InputError('BAD_DELIMITER', `delimiter "${value}" is not one of , ; | tab`);
  return delimiter;
}

/** A UTF-16 file without a byte order mark: ASCII text leaves every other byte zero. */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZero++;
    if (head[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Read a file through once: its encoding (a byte order mark; else UTF-16 by its zero bytes;
 * else UTF-8 when every byte of it is valid UTF-8; else Windows-1252) and its line count.
 * `encoding` overrides the detection.
 */
export async function inspectText(path: string, encoding?: string): Promise<TextInspection> {
  const lines = new LineCount();
  let chosen = encoding ? checkEncoding(encoding) : undefined;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let first = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if (!chosen) {
        if (chunk[0] === 0xff && chunk[1] === 0xfe) chosen = 'utf-16le';
        else if (chunk[0] === 0xfe && chunk[1] === 0xff) chosen = 'utf-16be';
        else chosen = utf16WithoutBom(chunk);
      }
    }
    if (!chosen && validUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
    // In UTF-16 a line feed is two bytes, one of them 10: counted below on the decoded text instead.
    if (!chosen?.startsWith('utf-16')) lines.add(chunk);
  }
  if (!chosen && validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  const detected = !encoding;
  const final = chosen ?? (validUtf8 ? 'utf-8' : 'windows-1252');
  if (!final.startsWith('utf-16')) return { encoding: final, lines: lines.total, detected };
  const decoded = new LineCount();
  for await (const text of decodedText(path, final) as AsyncIterable<string>) decoded.add(text);
  return { encoding: final, lines: decoded.total, detected };
}

const LF = 10;
const CR = 13;

/** Counts lines as `boundedLines` splits them: at a line feed, a carriage return and line feed, or a carriage return alone. */
class LineCount {
  private breaks = 0;
  private afterCr = false;
  private open = false;

  /** A chunk of the file: bytes (line breaks are the same bytes in ASCII-compatible encodings) or text. */
  add(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string';
    for (let i = 0; i < chunk.length; i++) {
      const c = text ? (chunk as string).charCodeAt(i) : (chunk as Uint8Array)[i]!;
      if (c === LF) {
        if (!this.afterCr) this.breaks++;
        this.afterCr = false;
        this.open = false;
      } else if (c === CR) {
        this.breaks++;
        this.afterCr = true;
        this.open = false;
      } else {
        this.afterCr = false;
        this.open = true;
      }
    }
  }

  /** Lines so far: a last one without a break counts. */
  get total(): number {
    return this.breaks + (this.open ? 1 : 0);
  }
}

/** One line of a text, or the start of one too long to be a row. */
export interface TextLine {
  /** The line without its break; empty when it is too long. */
  text: string;
  /** Longer than the limit: its text was not kept (memory stays bounded whatever the file holds). */
  tooLong: boolean;
}

/**
 * The lines of a text, split at LF, CRLF or a lone CR, as `readline` splits them, but never
 * holding more than `max` characters of one line: a longer line comes back marked, its text dropped.
 */
export async function* boundedLines(chunks: AsyncIterable<string | Buffer>, max: number): AsyncGenerator<TextLine> {
  const utf8 = new StringDecoder('utf8');
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  let afterCr = false;
  let pending = false;
  const take = (piece: string): void => {
    if (!piece) return;
    pending = true;
    if (tooLong) return;
    if (length + piece.length > max) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  const line = (): TextLine => {
    const out = { text: tooLong ? '' : parts.join(''), tooLong };
    parts = [];
    length = 0;
    tooLong = false;
    pending = false;
    return out;
  };
  const breaks = /\r|\n/g;
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? raw : utf8.write(raw);
    let start = 0;
    breaks.lastIndex = 0;
    for (let m = breaks.exec(chunk); m; m = breaks.exec(chunk)) {
      const at = m.index;
      // The line feed of a CRLF: the line ended at its carriage return.
      if (chunk[at] === '\n' && afterCr && at === start) {
        afterCr = false;
        start = at + 1;
        continue;
      }
      take(chunk.slice(start, at));
      yield line();
      afterCr = chunk[at] === '\r';
      start = at + 1;
    }
    if (start < chunk.length) {
      afterCr = false;
      take(chunk.slice(start));
    }
  }
  take(utf8.end());
  if (pending) yield line();
}

/** The file's text, decoded (a byte order mark dropped). */
export function decodedText(path: string, encoding: string): Readable {
  const raw = createReadStream(path);
  const text = raw.pipe(iconv.decodeStream(encoding) as unknown as Transform);
  raw.on('error', (error) => text.destroy(error));
  return text;
}

/**
 * The delimiter of a CSV file, from its first lines: the one that splits the header into the
 * most fields with the data rows agreeing with it; a comma when nothing splits (one column).
 */
export function sniffDelimiter(head: string): string {
  // Only whole lines: the sample may end mid-line.
  const lines = head.split(/\r?\n/);
  if (lines.length > 1) lines.pop();
  const sample = lines.filter((l) => l.trim()).slice(0, 50);
  let best = { delimiter: ',' as string, fields: 1, agreement: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = sample.map((line) => {
      try {
        return (parseSync(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0]?.length ?? 0;
      } catch {
        return -1;
      }
    });
    const fields = counts[0] ?? 0;
    if (fields < 2) continue;
    const agreement = counts.filter((c) => c === fields).length / counts.length;
    if (agreement > best.agreement || (agreement === best.agreement && fields > best.fields)) best = { delimiter, fields, agreement };
  }
  return best.delimiter;
}

/** The first characters of a decoded file, for sniffing. */
export async function textHead(path: string, encoding: string, size = 64 * 1024): Promise<string> {
  let head = '';
  const stream = decodedText(path, encoding);
  for await (const text of stream as AsyncIterable<string>) {
    head += text;
    if (head.length >= size) break;
  }
  stream.destroy();
  return head;
}

/** How a delimiter is named in messages. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}
