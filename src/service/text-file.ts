import { createReadStream } from 'node:fs';
import type { Readable, Transform } from 'node:stream';
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
  let lines = 0;
  let last = 10;
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
    if (!chosen?.startsWith('utf-16')) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length) last = chunk[chunk.length - 1]!;
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
  if (final.startsWith('utf-16')) {
    lines = 0;
    let tail = '\n';
    for await (const text of decodedText(path, final) as AsyncIterable<string>) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      if (text.length) tail = text[text.length - 1]!;
    }
    return { encoding: final, lines: lines + (tail === '\n' ? 0 : 1), detected };
  }
  return { encoding: final, lines: lines + (last === 10 ? 0 : 1), detected };
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
