import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { ClusterJobs } from '../src/service/cluster-jobs.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { loadPaths } from '../src/service/load.js';
import type { ScreenOutcome } from '../src/service/batch-rows.js';
import { Screener } from '../src/service/screener.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

// Regression (issue 14): batch results echoed what a customer file held, so a "name" that is a
// spreadsheet formula ran when an analyst opened the results. Each text cell that would start
// a formula (=, +, -, @, tab, carriage return) is written with a leading single quote (OWASP).
const HYPERLINK = '=HYPERLINK("http://x","y")';
const CUSTOMERS = [
  'customer_id,full_name,dob',
  `f1,"${HYPERLINK.replaceAll('"', '""')}",`,
  'f2,-1+1,',
  '@f3,Kim Young-cheol,1947',
  '+f4,Jane Q. Public,1985',
  'f5,"=1+2",',
].join('\n');
const COLUMNS = 'id=customer_id,name=full_name,birthDate=dob';

const readCsv = (text: string | Buffer): Record<string, string>[] => parse(text, { columns: true }) as Record<string, string>[];

/** What every CSV of results must say of the customers above. */
function expectInert(text: string): void {
  const rows = readCsv(text);
  expect(rows.map((r) => [r.line, r.id, r.name])).toEqual([
    ['2', 'f1', `'${HYPERLINK}`],
    ['3', 'f2', "'-1+1"],
    ['4', "'@f3", 'Kim Young-cheol'],
    ['5', "'+f4", 'Jane Q. Public'],
    ['6', 'f5', "'=1+2"],
  ]);
  // The listed man is found, and his score stays a number.
  expect(rows[2]).toMatchObject({ match: 'true', match_id: 'us_ofac_sdn-12211' });
  expect(Number(rows[2]!.score)).toBeGreaterThan(0.75);
  // No cell of the file begins a formula, quoted or not.
  for (const row of rows) for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  expect(text).toContain(`"'${HYPERLINK.replaceAll('"', '""')}"`);
  expect(text).toContain("'-1+1");
}

describe('CSV results neutralize spreadsheet formulas', () => {
  it('interdict screen writes them inert, and still resumes from its last row', async () => {
    const db = tempDir('interdict-formulas-');
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const dir = tempDir();
    const input = join(dir, 'customers.csv');
    const output = join(dir, 'results.csv');
    writeFileSync(input, `${CUSTOMERS}\n`);
    const args = ['screen', input, '--db', db, '--out', output, '--columns', COLUMNS, '--workers', '0'];
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
    const whole = readFileSync(output, 'utf8');
    expectInert(whole);

    // As if killed while writing the row after the formula: resumed from the line number the last complete row starts with.
    truncateSync(output, whole.indexOf('\n4,') + 3);
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/resum/i);
    expect(readFileSync(output, 'utf8')).toBe(whole);
    expect(statSync(output).size).toBe(Buffer.byteLength(whole));
  });

  describe('over the API', () => {
    let handle: TestStore;
    let jobs: ScreeningJobs;
    let app: ReturnType<typeof createServer>;

    beforeAll(async () => {
      handle = await createEmbeddedStore();
      await loadPaths(handle.store, [fixture('ofac-csv')]);
      const screener = new Screener(handle.store);
      await screener.refresh();
      jobs = new ScreeningJobs(tempDir('interdict-formula-jobs-'), screener, 0);
      app = createServer(handle.store, { logLevel: 'silent', screener, jobs });
    });
    afterAll(async () => {
      await app?.close();
      await handle?.dispose();
    });

    it('POST /screenings: the results CSV holds the formulas inert', async () => {
      const submitted = await app.inject({ method: 'POST', url: `/screenings?columns=${encodeURIComponent(COLUMNS)}`, payload: CUSTOMERS, headers: { 'content-type': 'text/csv' } });
      expect(submitted.statusCode, submitted.body).toBe(202);
      await jobs.idle();
      const results = await app.inject(`/screenings/${submitted.json().id}/results`);
      expect(results.statusCode).toBe(200);
      expectInert(results.body);
    });

    it('a cluster job\'s results, written by the same function, hold them inert', async () => {
      // Read back from the store alone: no queue is needed to serve results.
      const cluster = new ClusterJobs(handle.store, undefined as unknown as PgBoss);
      const outcome = (line: number, id: string, name: string, extra: Partial<ScreenOutcome> = {}): ScreenOutcome => ({ line, id, name, schema: 'LegalEntity', match_id: '', match_caption: '', score: null, match: false, datasets: '', explanation: '', error: '', warnings: '', query_name: '', matched_name: '', designee_id: '', designee_datasets: '', designee_members: '', ...extra });
      const outcomes = [
        outcome(2, 'f1', HYPERLINK),
        outcome(3, 'f2', '-1+1'),
        outcome(4, '@f3', 'Kim Young-cheol', { schema: 'Person', match_id: 'us_ofac_sdn-12211', match_caption: 'KIM, Yong Chol', score: 0.93, match: true, datasets: 'us_ofac_sdn' }),
        outcome(5, '+f4', 'Jane Q. Public'),
        outcome(6, 'f5', '=1+2'),
      ];
      await handle.store.screeningJobs.create({ id: 'scr_formulas', inputFormat: 'csv', outputFormat: 'csv', search: {}, reading: null }, outcomes.map(() => ({})));
      await handle.store.screeningJobs.answer('scr_formulas', outcomes.map((o, seq) => ({ seq, outcome: o, matched: o.match, bad: false })));
      const { stream } = await cluster.results('scr_formulas');
      let text = '';
      for await (const chunk of stream) text += String(chunk);
      expectInert(text);
    });
  });
});
