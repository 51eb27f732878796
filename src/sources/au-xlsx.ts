import { EntityBuilder, cleanValue, makeEntityId, type Entity } from '../core/entity.js';
import { ParseError } from '../core/errors.js';
import { excelSerialToIso, parseDates } from './dates.js';
import type { Publication } from './publication.js';
import { readBytes } from './read.js';
import { readFirstSheet } from './xlsx.js';

const DATASET = 'au_dfat';
const AUTHORITY = 'Department of Foreign Affairs and Trade';
const SOURCE_URL = 'https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list';

/** The columns the parser needs, found by their header text (case and spaces ignored). */
const COLUMNS = {
  reference: 'reference',
  name: 'name of individual or entity',
  type: 'type',
  nameType: 'name type',
  birthDate: 'date of birth',
  birthPlace: 'place of birth',
  citizenship: 'citizenship',
  address: 'address',
  info: 'additional information',
  listing: 'listing information',
  committees: 'committees',
  controlDate: 'control date',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['reference', 'name', 'type', 'nameType'];

const norm = (value: unknown): string => cleanValue(cellText(value)).toLowerCase();

/** Rich text and formulas come as objects (as ExcelJS gives them); keep their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return String(v.text);
  if (v.result !== undefined) return cellText(v.result);
  return '';
}

/** Normalize the list's mixed-case "Name Type" ("Primary Name ", "aka", "AKA", "original script"...). */
export function nameProperty(nameType: string): string | undefined {
  const t = nameType.toLowerCase().replace(/\s+/g, ' ').trim();
  if (t === 'primary name') return 'name';
  if (t === 'aka' || t === 'original script' || t === 'also known as') return 'alias';
  if (t === 'formerly known as' || t === 'previously listed as' || t === 'fka') return 'previousName';
  return undefined;
}

interface Group {
  builder: EntityBuilder;
  hasPrimary: boolean;
  committees: Set<string>;
  listing: string;
  line: number;
}

/** The signature of a zip archive's end of central directory record, which ends every whole archive. */
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** Whether an archive ends with its directory (within the last 64 KiB and 22 bytes: the record and its comment). */
function hasZipDirectory(bytes: Buffer): boolean {
  return bytes.subarray(Math.max(0, bytes.length - 65_557)).lastIndexOf(ZIP_END) >= 0;
}

/**
 * Australia's consolidated list (regulation8_consolidated.xlsx): one row per name; alias rows
 * carry the primary row's reference with a letter suffix (2, 2a, 2b) and are grouped under it.
 */
export async function parseAuXlsx(path: string, file: string): Promise<Publication> {
  const groups = new Map<string, Group>();
  let header: Map<Column, number> | undefined;
  let published: string | null = null;
  let blank = 0;
  let unknownNameType = 0;
  // A workbook is a zip archive whose directory comes last: one cut short has none, which is
  // said as such rather than as whatever reading it would run into.
  const bytes = await readBytes(path);
  if (!hasZipDirectory(bytes)) throw new ParseError(file, undefined, `not a readable XLSX workbook: the file is cut short (${bytes.length} bytes, and no zip directory at its end: a download broken off?)`);
  try {
    for (const row of readFirstSheet(bytes)) {
      const values = row.values as unknown[];
      if (!header) {
        header = new Map();
        values.forEach((v, i) => {
          const key = (Object.keys(COLUMNS) as Column[]).find((k) => COLUMNS[k] === norm(v));
          if (key) header!.set(key, i);
        });
        const missing = REQUIRED.filter((c) => !header!.has(c));
        if (missing.length) throw new ParseError(file, `row ${row.number}`, `missing column(s): ${missing.map((m) => `"${COLUMNS[m]}"`).join(', ')}`);
        continue;
      }
      const cell = (c: Column): string => cleanValue(cellText(values[header!.get(c) ?? -1]));
      const reference = cell('reference');
      const name = cell('name');
      if (!reference && !name) { blank++; continue; }
      const match = /^(\d+)\s*([a-z]+\d*)?$/i.exec(reference);
      if (!match) throw new ParseError(file, `row ${row.number}`, `invalid Reference "${reference}"`);
      const base = match[1]!;
      let group = groups.get(base);
      if (!group) {
        const schema = norm(cell('type')) === 'individual' ? 'Person' : 'Organization';
        group = { builder: new EntityBuilder(DATASET, makeEntityId(DATASET, base), schema), hasPrimary: false, committees: new Set(), listing: '', line: row.number };
        groups.set(base, group);
      }
      const property = nameProperty(cell('nameType'));
      if (!property) unknownNameType++;
      const b = group.builder;
      if (property === 'name') {
        if (group.hasPrimary) b.add('alias', name);
        else b.add('name', name);
        group.hasPrimary = true;
      } else {
        b.add(property ?? 'alias', name);
      }
      b.add('birthDate', ...parseDates(cell('birthDate')));
      b.add('birthPlace', ...splitLettered(cell('birthPlace')));
      b.add('nationality', ...splitLettered(cell('citizenship')));
      const address = cell('address');
      if (address && address.toUpperCase() !== 'NA') b.add('address', ...splitLettered(address));
      const info = cell('info');
      b.add('notes', info);
      for (const imo of info.matchAll(/\bIMO\)?(?:\s+(?:number|no\.?))?:?\s*(\d{7})\b/gi)) b.add('imoNumber', `IMO${imo[1]}`);
      const committees = cell('committees');
      if (committees) group.committees.add(committees);
      // A listing date typed as a date is an Excel serial number in the workbook (41340 is 2013-03-07).
      const listed = values[header.get('listing') ?? -1];
      group.listing ||= (typeof listed === 'number' ? excelSerialToIso(listed) : undefined) ?? cell('listing');
      const control = values[header.get('controlDate') ?? -1];
      const controlDate = typeof control === 'number' ? excelSerialToIso(control) : control instanceof Date ? control.toISOString().slice(0, 10) : undefined;
      if (controlDate && (!published || controlDate > published)) published = controlDate;
    }
  } catch (error) {
    if (error instanceof ParseError) throw error;
    throw new ParseError(file, undefined, `not a readable XLSX workbook (${(error as Error).message})`);
  }
  if (!header) throw new ParseError(file, undefined, 'the workbook has no rows');

  const entities: Entity[] = [];
  for (const [base, group] of groups) {
    const b = group.builder;
    if (!b.has('name')) {
      // An alias group without its primary row: promote the first alias so nothing is lost.
      const first = b.first('alias') ?? b.first('previousName');
      if (!first) throw new ParseError(file, `row ${group.line}`, `reference ${base} has no name`);
      b.add('name', first);
    }
    for (const committee of group.committees.size ? group.committees : new Set([''])) {
      b.add('program', committee);
      b.designate({ authority: AUTHORITY, program: committee, programId: committee, referenceNumber: base, listingDate: parseDates(group.listing)[0], sourceUrl: SOURCE_URL, reason: group.listing });
    }
    entities.push(b.build());
  }
  const skipped = [];
  if (blank) skipped.push({ reason: 'blank rows', count: blank });
  if (unknownNameType) skipped.push({ reason: 'rows with an unknown Name Type (kept as aliases)', count: unknownNameType });
  return { dataset: DATASET, format: 'au-xlsx', published, source: file, entities, skipped };
}

/** "a) Pyongyang b) Beijing" → two values; anything else → one. */
function splitLettered(text: string): string[] {
  if (!/^\s*a\)/.test(text)) return [text];
  return text.split(/\s*\b[a-z]\)\s*/).map(cleanValue).filter(Boolean);
}
