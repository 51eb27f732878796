import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';

describe('interdict compare', () => {
  it('scores each pair, one JSON line out per line in, and reports a bad line by number', async () => {
    const file = join(tempDir(), 'pairs.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: '1', schema: 'Person', a: 'Kim Jong Un', b: '김정은' }),
      JSON.stringify({ id: '2', schema: 'Person', a: { properties: { name: ['Kim Yong Chol'], birthDate: ['1947'] } }, b: { properties: { name: ['KIM, Young-Chol'], birthDate: ['1980'] } } }),
      '{"id": "3", "a": 5}',
      'not json',
      '',
    ].join('\n'));
    const run = await runCli(['compare', '--input', file]);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: '1', match: true, explanations: { name: { query: ['Kim Jong Un'], candidate: ['김정은'] } } });
    expect(lines[0].score).toBeGreaterThanOrEqual(0.9);
    expect(lines[1].explanations.birthDate).toMatchObject({ detail: 'years disjoint' });
    expect(lines[2]).toMatchObject({ line: 3, error: expect.stringMatching(/line 3: "a"/) });
    expect(lines[3]).toMatchObject({ line: 4, error: expect.stringContaining('invalid JSON') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2 line(s)');
  });
});

describe('interdict match', () => {
  const db = tempDir('interdict-match-');
  beforeAll(async () => {
    const load = await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db]);
    expect(load.code).toBe(0);
  });

  it('screens JSON line queries in yente form, best first, with explanations', async () => {
    const file = join(tempDir(), 'queries.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'q1', schema: 'Person', properties: { name: ['Jang Chang Ha'] } }),
      JSON.stringify({ id: 'q2', schema: 'Person', properties: { name: ['Kim Young-cheol'], birthDate: ['1947'] } }),
      JSON.stringify({ id: 'q3', schema: 'Vessel', properties: { name: ['Unknown Name'], imoNumber: ['IMO 1234567'] } }),
      JSON.stringify({ id: 'q4', schema: 'Person', properties: { name: ['Nobody At All'] } }),
    ].join('\n'));
    const run = await runCli(['match', '--input', file, '--db', db]);
    // The UN fixture is an old publication: the only thing said besides the results is that it is stale.
    expect(run.stderr).toMatch(/^interdict: warning: un_sc is \d+ days old \(version un_sc-20\d+-\w+, current as of \d{4}-\d\d-\d\d; the limit is 14 days\): anyone designated since is missed\. Update it \(interdict update, or POST \/lists\/load\)\n$/);
    const [q1, q2, q3, q4] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(q1.results[0]).toMatchObject({ id: 'un_sc-KPi.037', caption: 'CHANG CHANG HA', schema: 'Person', match: true, datasets: ['un_sc'] });
    expect(q2.results[0]).toMatchObject({ id: 'us_ofac_sdn-12211', match: true });
    expect(q3.results).toEqual([]); // an identifier on a person is not a vessel's
    expect(q4.results).toEqual([]);
  });

  it('returns every candidate up to the limit with --threshold 0, and filters by collection', async () => {
    const file = join(tempDir(), 'queries.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'q', schema: 'Person', properties: { name: ['Kim Chang Ha'] } })}\n`);
    const all = JSON.parse((await runCli(['match', '--input', file, '--db', db, '--threshold', '0', '--limit', '10'])).stdout);
    expect(all.results.length).toBeGreaterThan(1);
    expect(all.results.every((r: { score: number }, i: number, rs: { score: number }[]) => i === 0 || rs[i - 1]!.score >= r.score)).toBe(true);
    const dprk = JSON.parse((await runCli(['match', '--input', file, '--db', db, '--threshold', '0', '--dataset', 'us_ofac_sdn'])).stdout);
    expect(dprk.results.every((r: { datasets: string[] }) => r.datasets.includes('us_ofac_sdn'))).toBe(true);
  });

  it('shows an ad-hoc name as a table with explanations', async () => {
    const run = await runCli(['match', 'KIM Yong-chol', '--schema', 'Person', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\s+1\.000\s+MATCH\s+us_ofac_sdn-12211/);
    expect(run.stdout).toContain('name: score 1 x weight 1');
  });

  it('refuses a bad option value with the option named', async () => {
    const run = await runCli(['match', 'x', '--threshold', '2', '--db', db]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("option '--threshold <t>' argument '2' is invalid");
  });
});

describe('interdict match and POST /match', () => {
  it('read a query by one rule and answer alike: the same results, scores and warnings on the same input', async () => {
    const { createServer } = await import('../src/api/server.js');
    const { Screener } = await import('../src/service/screener.js');
    const { openStore } = await import('../src/store/index.js');
    const db = tempDir('interdict-same-');
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const queries = [
      { id: 'a', schema: 'Person', properties: { name: ['Kim Yong Cheol'], nationality: ['North Korea'], favouriteColour: ['red'] } },
      // One value and numbers, as yente takes them, on both.
      { id: 'b', schema: 'Organization', properties: { name: 'Korea Mining Development Trading Corp', registrationNumber: [12345] } },
    ];
    const file = join(tempDir(), 'same.jsonl');
    writeFileSync(file, queries.map((q) => JSON.stringify(q)).join('\n'));
    const cli = (await runCli(['match', '--input', file, '--db', db, '--threshold', '0.75', '--cutoff', '0.5'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; results: { id: string; score: number }[]; warnings?: string[] });

    const store = await openStore({ kind: 'embedded', dir: db });
    const screener = new Screener(store);
    await screener.refresh();
    const app = createServer(store, { logLevel: 'silent', screener });
    try {
      const response = await app.inject({ method: 'POST', url: '/match/default?threshold=0.75&cutoff=0.5', payload: { queries: Object.fromEntries(queries.map((q) => [q.id, q])) } });
      const api = response.json().responses as Record<string, { results: { id: string; score: number }[]; warnings?: string[] }>;
      for (const line of cli) {
        expect(api[line.id]!.results.map((r) => [r.id, r.score]), line.id).toEqual(line.results.map((r) => [r.id, r.score]));
      }
      // The same warning, said of the query (the API names the query it came from).
      expect(cli[0]!.warnings).toEqual(['properties/favouriteColour: not a property Interdict matches on; dropped']);
      expect(api.a!.warnings).toEqual(['queries/a/properties/favouriteColour: not a property Interdict matches on; dropped']);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
