import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * The first worksheet of an XLSX workbook, as rows of cell values, read from the whole file in
 * memory: a fraction of the time ExcelJS's streaming reader takes (which copies a worksheet
 * stored before the shared strings to a temporary file, then makes an object per cell), and
 * none of the time its import takes.
 *
 * Cell values are those ExcelJS's reader gives with styles ignored, quirks included, so that
 * the list parsers read the same workbook the same way: shared strings as text or
 * `{ richText }`, numbers as numbers (no style says which are dates), `{ formula, result }`,
 * `{ error }`, booleans; empty cells absent.
 */

export type CellValue = string | number | boolean | { richText: { text: string | null }[] } | { formula: string; result?: string | number } | { error: string } | { sharedString: number };

/** A row: its number (the `r` attribute) and its values by column number, from 1; empty cells are holes. */
export interface SheetRow {
  number: number;
  values: CellValue[];
}

type SaxHandlers = {
  open?: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
  close?: (tag: SaxesTagPlain) => void;
};

/** Parse a whole XML document with saxes (which ExcelJS uses too), failing on its first error. */
function parseXml(xml: string, handlers: SaxHandlers): void {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) parser.on('closetag', handlers.close);
  parser.write(xml);
  if (!failure) parser.close();
  if (failure) throw failure;
}

/** The shared strings: plain text, `{ richText }` for runs, null for an empty one. */
function sharedStrings(xml: string): (string | { richText: { text: string | null }[] } | null)[] {
  const strings: (string | { richText: { text: string | null }[] } | null)[] = [];
  let text: string | null = null;
  let runs: { text: string | null }[] = [];
  parseXml(xml, {
    open: (tag) => {
      if (tag.name === 'si') {
        runs = [];
        text = null;
      } else if (tag.name === 't') {
        text = null;
      }
    },
    text: (value) => {
      text = text ? text + value : value;
    },
    close: (tag) => {
      if (tag.name === 'r') {
        runs.push({ text });
        text = null;
      } else if (tag.name === 'si') {
        strings.push(runs.length ? { richText: runs } : text);
        runs = [];
        text = null;
      }
    },
  });
  return strings;
}

/** XML entities left in a value ExcelJS decodes a second time (inline and formula strings). */
function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c);
}

/** Column number of a cell reference (`AB12` → 28). */
function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  if (!column) throw new Error(`invalid cell reference "${ref}"`);
  return column;
}

function worksheetRows(xml: string, strings: ReturnType<typeof sharedStrings> | undefined): SheetRow[] {
  const rows: SheetRow[] = [];
  let inRows = false;
  let row: SheetRow | undefined;
  let cell: { ref: string; t: string | undefined; f?: { text: string }; v?: { text: string } } | undefined;
  let current: { text: string } | undefined;
  parseXml(xml, {
    open: (tag) => {
      switch (tag.name) {
        case 'sheetData':
          inRows = true;
          break;
        case 'row':
          if (inRows) row = { number: parseInt(tag.attributes.r ?? '', 10), values: [] };
          break;
        case 'c':
          if (row) cell = { ref: tag.attributes.r ?? '', t: tag.attributes.t };
          break;
        case 'f':
          if (cell) current = cell.f = { text: '' };
          break;
        case 'v':
        case 'is':
        case 't':
          if (cell) current = cell.v = { text: '' };
          break;
      }
    },
    text: (value) => {
      if (current) current.text += value;
    },
    close: (tag) => {
      switch (tag.name) {
        case 'sheetData':
          inRows = false;
          break;
        case 'row':
          if (row) rows.push(row);
          row = undefined;
          break;
        case 'c':
          if (row && cell) {
            const column = columnOf(cell.ref);
            const value = cellValue(cell, strings);
            // No value leaves the cell as it was; an empty shared string empties it.
            if (value === null) delete row.values[column];
            else if (value !== undefined) row.values[column] = value;
            cell = undefined;
          }
          break;
      }
    },
  });
  return rows;
}

function cellValue(cell: { t: string | undefined; f?: { text: string }; v?: { text: string } }, strings: ReturnType<typeof sharedStrings> | undefined): CellValue | null | undefined {
  if (cell.f) {
    if (!cell.v) return { formula: cell.f.text };
    return { formula: cell.f.text, result: cell.t === 'str' ? xmlDecode(cell.v.text) : parseFloat(cell.v.text) };
  }
  if (!cell.v) return undefined;
  switch (cell.t) {
    case 's': {
      const index = parseInt(cell.v.text, 10);
      return strings ? strings[index] : { sharedString: index };
    }
    case 'inlineStr':
    case 'str':
      return xmlDecode(cell.v.text);
    case 'e':
      return { error: cell.v.text };
    case 'b':
      return parseInt(cell.v.text, 10) !== 0;
    default:
      return parseFloat(cell.v.text);
  }
}

const SHEET = /^xl\/worksheets\/sheet\d+[.]xml$/;
const STRINGS = 'xl/sharedStrings.xml';
const RELS = 'xl/_rels/workbook.xml.rels';

/**
 * The rows of a workbook's first worksheet: the first one stored after the shared strings and
 * the workbook's relationships, else the first one stored (the one ExcelJS's reader gives first).
 */
export function readFirstSheet(zip: Buffer): SheetRow[] {
  // Only the parts read are inflated; fflate gives them in the order the archive stores them.
  const parts = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), { filter: (file) => file.name === STRINGS || file.name === RELS || SHEET.test(file.name) });
  const names = Object.keys(parts);
  const text = (name: string): string => Buffer.from(parts[name]!).toString('utf8');
  const stringsAt = names.indexOf(STRINGS);
  const relsAt = names.indexOf(RELS);
  const sheets = names.map((name, i) => ({ name, i })).filter(({ name }) => SHEET.test(name));
  if (!sheets.length) return [];
  const first = sheets.find(({ i }) => stringsAt >= 0 && relsAt >= 0 && i > stringsAt && i > relsAt) ?? sheets[0]!;
  const strings = stringsAt >= 0 ? sharedStrings(text(STRINGS)) : undefined;
  return worksheetRows(text(first.name), strings);
}
