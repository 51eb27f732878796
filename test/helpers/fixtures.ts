import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const fixture = (name: string): string => join(FIXTURES, name);

export function tempDir(prefix = 'interdict-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write `content` to a new temporary file, gzipped when asked. */
export function tempFile(name: string, content: string | Buffer, gzip = false): string {
  const path = join(tempDir(), name);
  writeFileSync(path, gzip ? gzipSync(content) : content);
  return path;
}

/** A small DFAT-style workbook, with the list's real header row and its mixed-case "Name Type" values. */
export async function writeDfatWorkbook(path: string, rows: (string | number | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['Reference', 'Name of Individual or Entity', 'Type', 'Name Type', 'Date of Birth', 'Place of Birth', 'Citizenship', 'Address', 'Additional Information', 'Listing Information', 'Committees', 'Control Date']);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
  return path;
}

export const DFAT_ROWS: (string | number | null)[][] = [
  [1113, 'Korea Mining Development Trading Corporation', 'Entity', 'Primary Name ', null, null, null, 'Central District, Pyongyang, DPRK', 'Primary arms dealer. IMO number: 1790183.', 'Listed by the UN1718 committee on 24 Apr. 2009', '1718 (DPRK)', 39930],
  ['1113a', 'Changgwang Sinyong Corporation', 'Entity', 'aka', null, null, null, null, null, null, '1718 (DPRK)', 39930],
  ['1113b', 'KOMID', 'Entity ', 'AKA', null, null, null, null, null, null, '1718 (DPRK)', 39930],
  [1126, 'YUN HO-JIN', 'Individual', 'primary name', '13 Oct. 1944', null, "Democratic People's Republic of Korea", 'Pyongyang', 'Director of Namchongang Trading Corporation.', 'Listed on: 16 Jul. 2009 (amended on 26 Jul. 2022)', '1718 (DPRK)', 44776],
  ['1126a', '윤호진', 'individual', 'Original Script', '13 Oct. 1944', null, null, null, null, null, '1718 (DPRK)', 44776],
  ['34c1', 'Some Alias', 'Individual', 'Formerly known as', null, null, null, null, null, null, '1267 (ISIL)', 40000],
  [34, 'Primary Thirty Four', 'Individual', 'Primary Name', 'a) 1961 b) 1962', null, null, null, null, null, '1267 (ISIL)', 40000],
];
