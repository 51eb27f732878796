import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';

// Regression tests for the ways a customer file was screened as clear without a word: rows
// swallowed by an unclosed quote, shifted columns, dates dropped or misread, the wrong encoding
// or delimiter. Each asserts what is screened and what is said.

const readCsv = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true }) as Record<string, string>[];

/** 200 customers, `Kim Yong Chol` (listed) on the last line. */
function manyCustomers(broken: (i: number) => string | undefined): string {
  const lines = ['customer_id,full_name,dob'];
  for (let i = 1; i <= 200; i++) lines.push(broken(i) ?? (i === 200 ? `c${i},Kim Yong Chol,1947` : `c${i},Customer ${i} Jones,1980`));
  return `${lines.join('\n')}\n`;
}

describe('customer files: nothing unread goes unsaid', () => {
  const db = tempDir('interdict-files-');
  beforeAll(async () => {
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
  });

  const screen = async (name: string, content: string | Buffer, ...args: string[]) => {
    const dir = tempDir();
    const input = join(dir, name);
    writeFileSync(input, content);
    const out = join(dir, 'results.csv');
    const run = await runCli(['screen', input, '--db', db, '--out', out, ...args]);
    return { run, input, rows: existsSync(out) ? readCsv(out) : [] };
  };

  it('screens every row after a quoted field that is never closed, near the end of the file too', async () => {
    // Line 196 opens a quote no line closes: the five rows after it, Kim Yong Chol among them, were never screened.
    const { run, rows, input } = await screen('customers.csv', manyCustomers((i) => (i === 195 ? 'c195,"Lee Bad Quote,1962' : undefined)));
    expect(run.code).toBe(2);
    expect(rows.map((r) => Number(r.line))).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(rows.find((r) => r.line === '196')).toMatchObject({ id: 'c195', error: 'a quoted field is not closed' });
    expect(rows.find((r) => r.line === '201')).toMatchObject({ id: 'c200', match_id: 'us_ofac_sdn-12211', match: 'true' });
    expect(run.stderr).toContain(`${input} line 196 (id c195): a quoted field is not closed; not screened`);
    expect(run.stderr).toContain('read 200 row(s)');
    expect(run.stderr).toContain('199 screened, 1 bad, 0 with warnings, 0 line(s) not reached');
  });

  it('never lets an unclosed quote, closed lines later, make one name of the rows between', async () => {
    // The quote opened on line 2 is closed on line 4, making a record of the header's width out of three rows.
    const { run, rows } = await screen('joined.csv', 'id,name,country\n10,"Broken name,KP\n11,Kim Yong Chol,KP\n12,Acme Corp",US\n');
    expect(run.code).toBe(2);
    expect(rows.map((r) => [r.line, r.id, r.error ? 'bad' : 'screened'])).toEqual([['2', '10', 'bad'], ['3', '11', 'screened'], ['4', '12', 'screened']]);
    expect(rows[1]).toMatchObject({ match_id: 'us_ofac_sdn-12211', match: 'true' });
  });

  it('reads lines ended by a carriage return alone, and counts the lines it did not reach in them', async () => {
    const { run, rows } = await screen('mac.csv', Buffer.concat([Buffer.from('customer_id,full_name\rc1,Anna Berg\rc2,Kim Yong Chol\r'), Buffer.from([0]), Buffer.from('\rc4,Kim Yong Chol\r')]));
    expect(rows.map((r) => r.id)).toEqual(['c1', 'c2']);
    expect(run.stderr).toContain('could not be read past line 3: line 4 holds a NUL byte');
    expect(run.stderr).toContain('2 line(s) not reached');
  });

  it('reports a line too long to be a row without holding it, and reads on', async () => {
    const { run, rows } = await screen('long.csv', `customer_id,full_name\nc1,${'x'.repeat(3 * 1024 * 1024)}\nc2,Kim Yong Chol\n`);
    expect(run.code).toBe(2);
    expect(rows.map((r) => [r.line, r.error])).toEqual([['2', 'the line is longer than 1048576 characters'], ['3', '']]);
  });

  it('reads the schema a file names in its own words, and reports one it cannot screen as, never screening it as nothing', async () => {
    const content = ['customer_id,full_name,type', 'c1,Kim Yong Chol,individual', 'c2,Kim Yong Chol,PERSON', 'c3,Korea Mining Development Trading Corporation,Organisation', 'c4,Kim Yong Chol,alien'].join('\n');
    const { run, rows } = await screen('schemata.csv', content);
    expect(run.code).toBe(2);
    expect(rows.map((r) => [r.id, r.schema, r.match])).toEqual([['c1', 'Person', 'true'], ['c2', 'Person', 'true'], ['c3', 'Organization', 'true'], ['c4', 'LegalEntity', 'false']]);
    expect(rows[3]!.error).toContain('schema "alien" is not one Interdict screens');
    // Given as an option, a known name in any case is read, an unknown one refused before anything is screened.
    expect((await screen('one.csv', 'name\nKim Yong Chol\n', '--schema', 'individual')).rows[0]).toMatchObject({ schema: 'Person', match: 'true' });
    const refused = await screen('one.csv', 'name\nKim Yong Chol\n', '--schema', 'Individuals');
    expect(refused.run.code).toBe(2);
    expect(refused.run.stderr).toContain('schema "Individuals" is not one Interdict screens');
    expect((await runCli(['match', 'Kim Yong Chol', '--db', db, '--schema', 'person'])).stdout).toContain('us_ofac_sdn-12211');
  });

  it('counts the rows a resumed run found already screened: their bad rows fail the file too', async () => {
    const dir = tempDir();
    const input = join(dir, 'customers.csv');
    const out = join(dir, 'results.csv');
    writeFileSync(input, 'customer_id,full_name\nc1,Kim Yong Chol\nc2,\nc3,Anna Berg\nc4,Hans Gruber\n');
    expect((await runCli(['screen', input, '--db', db, '--out', out])).code).toBe(2);
    // As if interrupted after line 3: the rows of lines 4 and 5 are screened again.
    const lines = readFileSync(out, 'utf8').split('\n');
    writeFileSync(out, `${lines.slice(0, 3).join('\n')}\n`);
    const again = await runCli(['screen', input, '--db', db, '--out', out]);
    expect(again.stderr).toContain('resumed after line 3: 2 row(s) were already screened (1 match(es), 1 bad, 0 with warnings)');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('1 row(s) of');
  });

  it('reports a row with more fields than the header instead of screening its shifted columns', async () => {
    const { run, rows, input } = await screen('shifted.csv', 'customer_id,full_name,dob,country\nc1,Kim, Yong Chol,1947,KP\nc2,Anna Berg,1990,SE\n');
    expect(run.code).toBe(2);
    expect(rows[0]).toMatchObject({ id: 'c1', error: expect.stringContaining('5 fields where the header has 4') });
    expect(rows[1]).toMatchObject({ id: 'c2', error: '' });
    expect(run.stderr).toContain(`${input} line 2 (id c1): 5 fields where the header has 4`);
  });

  it('keeps the customer id of a bad row, in CSV and JSON lines alike', async () => {
    const { rows } = await screen('ids.csv', 'customer_id,full_name\nc1,\nc2,"open quote\n');
    expect(rows.map((r) => [r.id, r.error])).toEqual([['c1', 'no name (the name column is empty)'], ['c2', 'a quoted field is not closed']]);
    const json = await screen('ids.jsonl', `${JSON.stringify({ id: 'j1', properties: { name: [] } })}\n{"id": "j2", "properties": {"name": ["Kim" }\n`);
    expect(json.rows.map((r) => [r.id, r.error !== ''])).toEqual([['j1', true], ['j2', true]]);
  });

  it('reads the usual date formats, rejects impossible dates and says what it dropped, row by row', async () => {
    const content = [
      'customer_id,full_name,dob',
      'c1,Kim Yong Chol,1984-13-45',
      'c2,Kim Yong Chol,not-a-date',
      'c3,Kim Yong Chol,08/01/1947',
      'c4,Kim Yong Chol,25/12/1947',
      'c5,Kim Yong Chol,8 Jan 1947',
      'c6,Kim Yong Chol,1947-01-08',
    ].join('\n');
    const { run, rows } = await screen('dates.csv', content);
    expect(run.code).toBe(0);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    // An impossible date is no date: not scored as the year 1984 (which would count against the listed 1947).
    expect(byId.c1!.warnings).toBe('birthDate "1984-13-45" is not a date that exists; dropped');
    expect(byId.c1!.explanation).not.toContain('birthDate');
    expect(byId.c2!.warnings).toContain('birthDate "not-a-date" cannot be read as a date');
    expect(byId.c3!.warnings).toBe('birthDate "08/01/1947" could be 1947-01-08 or 1947-08-01: only the year 1947 is used; give the date format (DMY or MDY)');
    for (const id of ['c4', 'c5', 'c6']) expect(byId[id]!.warnings).toBe('');
    // An agreeing birth date says what agreed and that it left the score as the name gave it.
    expect(byId.c4!.explanation).toContain('birthDate 1947-12-25 vs 1947/1946: dates agree, score unchanged');
    expect(run.stderr).toContain('line 2 (id c1): warning: birthDate "1984-13-45" is not a date that exists; dropped');
    expect(run.stderr).toContain('3 with warnings');
    // With the order given, the ambiguous date is read in full.
    const ordered = await screen('dates.csv', content, '--date-format', 'DMY');
    expect(ordered.rows.find((r) => r.id === 'c3')!.warnings).toBe('');
  });

  it('detects a Windows-1252 file and a semicolon-delimited export, and says so', async () => {
    const text = 'customer_id;full_name;country\nc1;José García;ES\nc2;CAFÉ MÜNCHEN S.A.;PA\n';
    const { run, rows, input } = await screen('european.csv', iconv.encode(text, 'win1252'));
    expect(run.stderr).toContain(`${input}: read as windows-1252, delimiter ";"`);
    expect(rows.map((r) => r.name)).toEqual(['José García', 'CAFÉ MÜNCHEN S.A.']);
    expect(rows[1]).toMatchObject({ match_id: 'us_ofac_sdn-20001', match: 'true' });
  });

  it('detects UTF-8 with a byte order mark, UTF-16 and tabs, and takes --encoding and --delimiter', async () => {
    const text = 'customer_id\tfull_name\nc1\tKim Yong Chol\nc2\t김정은\n';
    const utf16 = await screen('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    expect(utf16.run.stderr).toContain('read as utf-16le, delimiter tab');
    expect(utf16.rows.map((r) => r.name)).toEqual(['Kim Yong Chol', '김정은']);
    const bom = await screen('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('customer_id|full_name\nc1|Kim Yong Chol\n')]));
    expect(bom.run.stderr).toContain('read as utf-8, delimiter "|"');
    expect(bom.rows[0]).toMatchObject({ id: 'c1', match: 'true' });
    // Told otherwise, it reads as told: UTF-8 read as Latin-1 is what the user asked for.
    const told = await screen('told.csv', 'customer_id;full_name\nc1;José Kim\n', '--delimiter', ';', '--encoding', 'latin1');
    expect(told.run.stderr).toContain('read as latin1, delimiter ";"');
    expect(told.rows[0]!.name).toBe('JosÃ© Kim');
    const unknown = await screen('x.csv', 'name\nKim\n', '--encoding', 'klingon');
    expect(unknown.run.code).toBe(2);
    expect(unknown.run.stderr).toContain('encoding "klingon" is not known');
    const delimiter = await screen('x.csv', 'name\nKim\n', '--delimiter', ':');
    expect(delimiter.run.stderr).toContain('delimiter ":" is not one of , ; | tab');
  });

  it('screens what it read of a file that breaks off, counts the lines not reached and exits 2 naming the last line read', async () => {
    const good = manyCustomers(() => undefined).split('\n').slice(0, 101).join('\n');
    const damaged = Buffer.concat([Buffer.from(`${good}\n`), Buffer.from([0, 0, 0, 0x50, 0x4b, 0x03, 0x04, 10]), Buffer.from('c999,Kim Yong Chol,1947\n')]);
    const { run, rows, input } = await screen('damaged.csv', damaged);
    expect(run.code).toBe(2);
    expect(rows).toHaveLength(100);
    expect(run.stderr).toContain(`${input} could not be read past line 101: line 102 holds a NUL byte`);
    expect(run.stderr).toContain('read 100 row(s)');
    expect(run.stderr).toContain('2 line(s) not reached');
  });
});
