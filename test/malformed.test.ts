import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../src/core/errors.js';
import { readPublication } from '../src/sources/index.js';
import { fixture, tempFile } from './helpers/fixtures.js';

const un = readFileSync(fixture('un-small.xml'), 'utf8');
const sdnRows = readFileSync(fixture('ofac-csv/sdn.csv'));

async function parseError(path: string): Promise<ParseError> {
  const error = await readPublication(path).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

describe('malformed list files', () => {
  it('a UN file cut off mid-record names the file and the line', async () => {
    const cut = un.slice(0, un.indexOf('<INDIVIDUAL_ALIAS>'));
    const error = await parseError(tempFile('consolidated.xml', cut));
    expect(error.message).toMatch(/consolidated\.xml \(line \d+, column \d+\)/);
  });

  it('a gzip stream cut short is reported, not half-read', async () => {
    const full = tempFile('consolidated.xml.gz', un, true);
    const bytes = readFileSync(full);
    const error = await parseError(tempFile('consolidated.xml.gz', bytes.subarray(0, Math.floor(bytes.length * 0.6))));
    expect(error.message).toContain('consolidated.xml.gz');
  });

  it('broken XML names the line', async () => {
    const broken = un.replace('<SECOND_NAME>WON HO</SECOND_NAME>', '<SECOND_NAME>WON HO</SECOND_NAMEX>');
    const error = await parseError(tempFile('consolidated.xml', broken));
    expect(error.location).toMatch(/^line 25, column \d+$/);
  });

  it('a record without its reference number is named', async () => {
    const bad = un.replace('<REFERENCE_NUMBER>KPi.033</REFERENCE_NUMBER>', '');
    const error = await parseError(tempFile('consolidated.xml', bad));
    expect(error.message).toMatch(/consolidated\.xml \(line 22\): <INDIVIDUAL> without a REFERENCE_NUMBER/);
  });

  it('an unknown XML document is refused by its root element', async () => {
    const error = await parseError(tempFile('list.xml', '<?xml version="1.0"?><catalog><book/></catalog>'));
    expect(error.message).toContain('unknown XML list format (root element <catalog>)');
  });

  it('an OFAC CSV row with the wrong number of fields names the line', async () => {
    const bad = Buffer.concat([sdnRows.subarray(0, sdnRows.length - 1), Buffer.from('99,"BROKEN ROW"\r\n\x1a')]);
    const error = await parseError(tempFile('sdn.csv', bad));
    expect(error.message).toMatch(/\/sdn\.csv \(line 5\): expected 12 fields, found 2$/);
  });

  it('an OFAC XML whose record count disagrees is refused as truncated', async () => {
    const xml = readFileSync(fixture('ofac-small.xml'), 'utf8').replace('<Record_Count>2</Record_Count>', '<Record_Count>3</Record_Count>');
    const error = await parseError(tempFile('sdn.xml', xml));
    expect(error.message).toContain('declares 3 records but holds 2');
  });

  it('invalid JSON in FtM lines names the line', async () => {
    const lines = readFileSync(fixture('ftm-small.ftm.json'), 'utf8').split('\n');
    lines[1] = '{"id": "x", "schema": ';
    const error = await parseError(tempFile('entities.ftm.json', lines.join('\n')));
    expect(error.message).toMatch(/entities\.ftm\.json \(line 2\): invalid JSON/);
  });

  it('an FtM property that is not a list of strings names the entity and property', async () => {
    const error = await parseError(tempFile('entities.ftm.json', '{"id":"a","schema":"Person","properties":{"name":"Kim"}}\n'));
    expect(error.message).toContain('entity a: property "name" must be an array of strings');
  });

  it('a delta line with an unknown op is refused', async () => {
    const error = await parseError(tempFile('entities.delta.json', '{"op":"UPSERT","entity":{"id":"a","schema":"Person","properties":{}}}\n'));
    expect(error.message).toContain('"op" must be ADD, MOD or DEL');
  });

  it('an empty file, random bytes and a broken workbook are refused', async () => {
    expect((await parseError(tempFile('empty.xml', ''))).message).toContain('empty');
    expect((await parseError(tempFile('noise.bin', Buffer.from([0x00, 0x13, 0x37, 0xff])))).message).toContain('unknown list format');
    expect((await parseError(tempFile('list.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')))).message).toContain('not a readable XLSX workbook');
  });
});
