import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { EntityBuilder, cleanValue, makeEntityId, type Entity } from '../core/entity.js';
import { ParseError } from '../core/errors.js';
import { CsvQuoteError, csvRecords } from './csv-records.js';
import { applyRemarks } from './ofac-remarks.js';
import type { Publication } from './publication.js';
import { openBytes } from './read.js';

const DATASET = 'us_ofac_sdn';
const AUTHORITY = 'Office of Foreign Assets Control';
const SOURCE_URL = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV';

/** The files of a legacy SDN CSV set, each possibly gzipped. */
export interface OfacCsvSet {
  sdn: string;
  alt?: string;
  add?: string;
  comments?: string;
}

const FILES = { sdn: 'sdn.csv', alt: 'alt.csv', add: 'add.csv', comments: 'sdn_comments.csv' } as const;

/** Find the set's files in a folder (sdn.csv is required; the others are optional). */
export async function findOfacCsvSet(folder: string): Promise<OfacCsvSet | undefined> {
  const names = new Map((await readdir(folder)).map((n) => [n.toLowerCase(), n]));
  const find = (base: string): string | undefined => {
    const name = names.get(base) ?? names.get(`${base}.gz`);
    return name ? join(folder, name) : undefined;
  };
  const sdn = find(FILES.sdn);
  if (!sdn) return undefined;
  return { sdn, alt: find(FILES.alt), add: find(FILES.add), comments: find(FILES.comments) };
}

/** The DOS end-of-file byte (0x1A) OFAC leaves after the last line, possibly with whitespace. */
function isEofMarker(text: string): boolean {
  return [...text].every((ch) => ch === '\u001a' || ch.trim() === '');
}

/** `-0- ` is OFAC's empty value. */
function field(value: string | undefined): string {
  const v = cleanValue(value);
  return v === '-0-' ? '' : v;
}

/** The file's text, decoded from Windows-1252; of a file cut short (a gzip broken off), what could be read and why the rest could not. */
async function readText(path: string): Promise<{ text: string; cut?: Error }> {
  // Missing and oversized files are refused here, before any row is read.
  const bytes = await openBytes(path);
  const chunks: Buffer[] = [];
  let cut: Error | undefined;
  try {
    for await (const chunk of bytes) chunks.push(chunk as Buffer);
  } catch (error) {
    cut = error as Error;
  }
  return { text: iconv.decode(Buffer.concat(chunks), 'win1252'), cut };
}

/**
 * Read one legacy CSV file: Windows-1252, CRLF, no header, a trailing 0x1A byte.
 * Gives each row with its line number, as it is taken; a row with the wrong number of fields is
 * an error, and so is a file cut short, at the line where it stops.
 */
async function readRows(path: string, label: string, columns: number): Promise<Iterable<{ row: string[]; line: number }>> {
  const { text, cut } = await readText(path);
  const failure = (error: Error, line: number): ParseError => new ParseError(label, `line ${line}`, error.message.replace(/^Invalid\s+/, 'invalid '));
  return (function* () {
    let line = 0;
    try {
      for (const row of csvRecords(text, Boolean(cut))) {
        line++;
        if (row.length === 1 && isEofMarker(row[0] ?? '')) continue;
        if (row.length !== columns) throw new ParseError(label, `line ${line}`, `expected ${columns} fields, found ${row.length}`);
        yield { row, line };
        for (const value of row) for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) line++;
      }
    } catch (error) {
      if (error instanceof ParseError) throw error;
      throw failure(error as Error, error instanceof CsvQuoteError ? error.line : line + 1);
    }
    if (cut) throw failure(cut, line + 1);
  })();
}

const SCHEMA: Record<string, string> = { individual: 'Person', vessel: 'Vessel', aircraft: 'Airplane' };

/** Programs are written "NPWMD] [DPRK2": the brackets of the first and last were stripped. */
export function splitPrograms(text: string): string[] {
  return text.split(/\]\s*\[/).map((p) => p.replace(/[[\]]/g, '').trim()).filter(Boolean);
}

/** The legacy OFAC SDN CSV set: sdn.csv with its aliases, addresses and continued remarks. */
export async function parseOfacCsv(set: OfacCsvSet, label: string): Promise<Publication> {
  const comments = new Map<string, string>();
  if (set.comments) {
    for (const { row } of await readRows(set.comments, `${label}/sdn_comments.csv`, 2)) {
      comments.set(field(row[0]), (comments.get(field(row[0])) ?? '') + (row[1] ?? ''));
    }
  }

  const builders = new Map<string, { builder: EntityBuilder; programs: string[]; provisions: string[] }>();
  for (const { row, line } of await readRows(set.sdn, `${label}/sdn.csv`, 12)) {
    const [entNum, name, type, programs, title, callSign, vesselType, tonnage, grt, vesselFlag, vesselOwner, remarks] = row.map(field);
    if (!entNum || !/^\d+$/.test(entNum)) throw new ParseError(`${label}/sdn.csv`, `line ${line}`, `invalid ent_num "${entNum}"`);
    if (!name) throw new ParseError(`${label}/sdn.csv`, `line ${line}`, `entry ${entNum} has no name`);
    const schema = SCHEMA[type!.toLowerCase()] ?? 'Organization';
    const builder = new EntityBuilder(DATASET, makeEntityId(DATASET, entNum), schema);
    builder.add('name', name);
    if (schema === 'Person') {
      const comma = name!.indexOf(',');
      if (comma > 0) builder.add('lastName', name!.slice(0, comma)).add('firstName', name!.slice(comma + 1));
      builder.add('title', title);
    } else {
      builder.add('notes', title);
    }
    builder.add('callSign', callSign).add('type', vesselType).add('tonnage', tonnage);
    builder.add('grossRegisteredTonnage', grt).add('flag', vesselFlag).add('owner', vesselOwner);
    const fullRemarks = (remarks ?? '') + (comments.get(entNum) ?? '');
    const facts = applyRemarks(builder, fullRemarks, schema !== 'Person');
    const programList = splitPrograms(programs ?? '');
    builder.add('program', ...programList);
    if (builders.has(entNum)) throw new ParseError(`${label}/sdn.csv`, `line ${line}`, `duplicate ent_num ${entNum}`);
    builders.set(entNum, { builder, programs: programList, provisions: facts.provisions });
  }

  if (set.alt) {
    for (const { row, line } of await readRows(set.alt, `${label}/alt.csv`, 5)) {
      const [entNum, , altType, altName] = row.map(field);
      const entry = builders.get(entNum!);
      if (!entry) throw new ParseError(`${label}/alt.csv`, `line ${line}`, `alias of unknown entry ${entNum}`);
      const t = (altType ?? '').toLowerCase();
      entry.builder.add(t === 'fka' ? 'previousName' : t === 'aka' || t === 'nka' ? 'alias' : 'weakAlias', altName);
    }
  }
  if (set.add) {
    for (const { row, line } of await readRows(set.add, `${label}/add.csv`, 6)) {
      const [entNum, , address, cityState, country, remarks] = row.map(field);
      const entry = builders.get(entNum!);
      if (!entry) throw new ParseError(`${label}/add.csv`, `line ${line}`, `address of unknown entry ${entNum}`);
      entry.builder.add('address', [address, cityState, country].filter(Boolean).join(', '));
      entry.builder.add('country', country);
      if (remarks) entry.builder.add('notes', remarks);
    }
  }

  if (builders.size === 0) throw new ParseError(`${label}/sdn.csv`, undefined, 'no entries: empty or truncated file');
  const entities: Entity[] = [];
  for (const [entNum, { builder, programs, provisions }] of builders) {
    for (const program of programs.length ? programs : ['']) {
      builder.designate({ authority: AUTHORITY, program, programId: program, referenceNumber: entNum, sourceUrl: SOURCE_URL, provisions });
    }
    entities.push(builder.build());
  }
  return { dataset: DATASET, format: 'ofac-csv', published: null, source: label, entities, skipped: [], warnings: missingFiles(set) };
}

/** What a set without all its files lacks: aliases, addresses, the remarks that continue past sdn.csv's field. */
function missingFiles(set: OfacCsvSet): string[] {
  const lacking = [
    !set.alt && `${FILES.alt} (aliases)`,
    !set.add && `${FILES.add} (addresses and countries)`,
    !set.comments && `${FILES.comments} (the end of long remarks: birth dates, passports, identifiers)`,
  ].filter((x): x is string => Boolean(x));
  if (!lacking.length) return [];
  const found = Object.entries(FILES).filter(([key]) => set[key as keyof OfacCsvSet]).map(([, name]) => name);
  return [`the OFAC CSV set is incomplete: found ${found.join(', ')}; without ${lacking.join(', ')} every entry lacks them. Put the whole set (${Object.values(FILES).join(', ')}) in one folder and load the folder`];
}
