import { readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';

/** Customers: two listed people, clean ones, a row without a name and a row with an unclosed quote. */
function customers(rows = 40): string {
  const lines = ['customer_id,full_name,dob,country'];
  for (let i = 0; i < rows; i++) {
    if (i === 3) lines.push('c3,Kim Young-cheol,1947,North Korea');
    else if (i === 7) lines.push('c7,,1990,US');
    else if (i === 9) lines.push('c9,"Lee Won-ho,1962,KP');
    else if (i === 12) lines.push('c12,"CHANG, Chang Ha",,');
    else lines.push(`c${i},Customer Number ${i} Smith,1980,US`);
  }
  return `${lines.join('\n')}\n`;
}

const readCsv = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true }) as Record<string, string>[];

describe('interdict screen', () => {
  const db = tempDir('interdict-screen-');
  beforeAll(async () => {
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
  });

  it('answers every row in order, matches listed people and reports bad rows by line', async () => {
    const dir = tempDir();
    const input = join(dir, 'customers.csv');
    writeFileSync(input, customers());
    const run = await runCli(['screen', input, '--db', db, '--columns', 'name=full_name,birthDate=dob,nationality=country,id=customer_id']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${input} line 9 (id c7): no name`);
    expect(run.stderr).toContain(`${input} line 11 (id c9): a quoted field is not closed`);
    expect(run.stderr).toContain('read 40 row(s)');
    expect(run.stderr).toContain('38 screened, 2 bad, 0 with warnings, 0 line(s) not reached');
    const rows = readCsv(join(dir, 'customers.results.csv'));
    expect(rows.map((r) => Number(r.line))).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    expect(rows[3]).toMatchObject({ id: 'c3', match_id: 'us_ofac_sdn-12211', match: 'true' });
    expect(rows[3]!.explanation).toContain('name');
    expect(rows[12]).toMatchObject({ id: 'c12', match_id: 'un_sc-KPi.037', match: 'true' });
    expect(rows[7]).toMatchObject({ id: 'c7', error: 'no name (the name column is empty)', match: 'false' });
    expect(rows[9]).toMatchObject({ id: 'c9', error: 'a quoted field is not closed' });
    expect(rows.filter((r) => r.match === 'true').map((r) => r.id)).toEqual(['c3', 'c12']);
  });

  it('resumes an interrupted run without screening a row twice, and writes JSON lines', async () => {
    const dir = tempDir();
    const input = join(dir, 'customers.csv');
    const output = join(dir, 'out.jsonl');
    writeFileSync(input, customers(30));
    const args = ['screen', input, '--db', db, '--out', output, '--columns', 'name=full_name,birthDate=dob,id=customer_id'];
    await runCli(args);
    const whole = readFileSync(output, 'utf8');
    // As if the run had been killed while writing row 21: the half-written line is dropped.
    const cut = whole.indexOf('"line":21,');
    truncateSync(output, cut + 5);
    const again = await runCli(args);
    expect(again.stderr).toContain('resumed after line 20');
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number });
    expect(lines.map((l) => l.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    expect(readFileSync(output, 'utf8')).toBe(whole);
  });

  it('uses worker threads and gives the same answers as one thread', async () => {
    const dir = tempDir();
    const input = join(dir, 'customers.csv');
    writeFileSync(input, customers(60));
    const one = join(dir, 'one.csv');
    const two = join(dir, 'two.csv');
    await runCli(['screen', input, '--db', db, '--out', one, '--workers', '0']);
    const threaded = await runCli(['screen', input, '--db', db, '--out', two, '--workers', '2']);
    expect(threaded.stderr).toContain('2 worker thread(s)');
    expect(statSync(two).size).toBeGreaterThan(0);
    expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  it('names every list that lists a match\'s designee, and the row\'s name and the listed alias that scored, after the columns as they were', async () => {
    const dir = tempDir();
    const input = join(dir, 'customers.csv');
    // KOMID: the UN's KPe.001 and OFAC's 9345 are one designee; only OFAC gives this alias.
    writeFileSync(input, 'customer_id,full_name\nk1,Changgwang Sinyong Corporation\nk2,Anna Berg\n');
    expect((await runCli(['screen', input, '--db', db])).code).toBe(0);
    const output = join(dir, 'customers.results.csv');
    const [header] = readFileSync(output, 'utf8').split('\n');
    expect(header).toBe('line,id,name,schema,match_id,match_caption,score,match,datasets,explanation,error,warnings,query_name,matched_name,designee_id,designee_datasets,designee_members');
    const rows = readCsv(output);
    expect(rows[0]).toMatchObject({
      id: 'k1', match: 'true', match_id: 'us_ofac_sdn-9345', datasets: 'us_ofac_sdn', query_name: 'Changgwang Sinyong Corporation', matched_name: 'CHANGGWANG SINYONG CORPORATION',
      designee_id: 'un_sc-KPe.001', designee_datasets: 'un_sc;us_ofac_sdn', designee_members: 'un_sc-KPe.001;us_ofac_sdn-9345',
    });
    // No match: no designee is linked for it.
    expect(rows[1]).toMatchObject({ id: 'k2', match: 'false', designee_id: '', designee_datasets: '', designee_members: '' });

    const jsonl = join(dir, 'out.jsonl');
    await runCli(['screen', input, '--db', db, '--out', jsonl]);
    expect(JSON.parse(readFileSync(jsonl, 'utf8').split('\n')[0]!)).toMatchObject({ matched_name: 'CHANGGWANG SINYONG CORPORATION', designee_datasets: 'un_sc;us_ofac_sdn' });

    // An output of the columns as they were is not resumed under the new ones.
    const older = join(dir, 'older.csv');
    writeFileSync(older, 'line,id,name,schema,match_id,match_caption,score,match,datasets,explanation,error,warnings\n2,k1,x,LegalEntity,,,0,false,,,,\n');
    const resumed = await runCli(['screen', input, '--db', db, '--out', older]);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`${older}: its columns are not the ones written now`);
    expect((await runCli(['screen', input, '--db', db, '--out', older, '--restart'])).code).toBe(0);
  });

  it('refuses a file without a name column, naming the columns it has', async () => {
    const input = join(tempDir(), 'no-name.csv');
    writeFileSync(input, 'a,b\n1,2\n');
    const run = await runCli(['screen', input, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no name column: name the column that holds names (columns name=COLUMN; the header has a, b)');
    const wrong = await runCli(['screen', input, '--db', db, '--columns', 'name=full_name']);
    expect(wrong.stderr).toContain('column "full_name" is not in the header (a, b)');
  });
});
