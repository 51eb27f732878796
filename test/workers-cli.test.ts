import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { BUILT, INTERDICT } from './helpers/processes.js';

/** A DPRK national in Russia on a permit of 2016 that runs past the repatriation deadline. */
const KIM = { id: 'w1', name: 'Kim Chol Su', birthDate: '1985-03-02', nationality: 'KP', passport: '745123456', employer: 'Amur Stroy LLC', permit_issued: '2016-05-01', permit_expires: '2020-05-01', country: 'RU' };
/** Placed in Poland by the designated labour exporter (UN KPe.050), written another way. */
const PAK = { id: 'w2', name: 'Pak Song Il', nationality: 'KP', employer: 'Sonnenbau GmbH', agency: 'Mansudae Overseas Projects Group Co.', permit_issued: '2017-10-02', contract_signed: '2017-08-20', permit_expires: '2019-10-01', country: 'PL' };
/** Not a DPRK national. */
const AZIZ = { id: 'w4', name: 'Aziz Karimov', nationality: 'UZ', employer: 'Amur Stroy LLC', permit_issued: '2018-05-01', permit_expires: '2021-05-01', country: 'RU' };

const CSV_HEADER = 'id,name,birthDate,nationality,passport,employer,agency,permit_issued,permit_expires,contract_signed,country,host_nationality,return_prohibited';

describe('interdict workers check', () => {
  const db = tempDir('interdict-workers-');
  const env = { INTERDICT_MAX_LIST_AGE_DAYS: '3650' };
  beforeAll(async () => {
    expect((await runCli(['load', fixture('workers/un-workers.xml'), fixture('ofac-csv'), '--db', db], env)).code).toBe(0);
  });

  it('answers one JSON line a worker as of --on, and records each check with the day, the hash and the versions', async () => {
    const file = join(tempDir(), 'workers.jsonl');
    writeFileSync(file, `${JSON.stringify(KIM)}\n\n${JSON.stringify(PAK)}\n${JSON.stringify(AZIZ)}\n`);
    const run = await runCli(['workers', 'check', file, '--db', db, '--json', '--on', '2020-03-01'], env);
    expect(run.code, run.stderr).toBe(0);
    const [kim, pak, aziz] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(kim).toMatchObject({ id: 'w1', verdict: 'prohibited', on: '2020-03-01', rules_version: expect.stringMatching(/^dprk /) });
    expect(kim.findings.map((f: { kind: string; verdict: string }) => `${f.kind} ${f.verdict}`)).toEqual(['repatriation prohibited', 'work_authorization clear']);
    expect(pak.findings[0]).toMatchObject({ kind: 'agency', verdict: 'prohibited', entity: 'un_sc-KPe.050', caption: 'MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES', basis: 'UNSCR 1718 (2006) OP8(d); UN list KPe.050', status: 'verified', explanation: { name: expect.any(Object) } });
    expect(aziz).toEqual({ id: 'w4', verdict: 'clear', findings: [], on: '2020-03-01', rules_version: kim.rules_version });
    const store = await openStore({ kind: 'embedded', dir: db });
    try {
      const checks = [];
      for await (const entry of store.audit()) if (entry.action === 'workers.check') checks.push(entry);
      expect(checks.map((e) => [e.subject, (e.after as { verdict: string }).verdict])).toEqual([['w1', 'prohibited'], ['w2', 'prohibited'], ['w4', 'clear']]);
      expect(checks[0]!.actor).toMatch(/^cli:/);
      expect(checks[1]!.after).toMatchObject({ on: '2020-03-01', measures: ['asset-freeze-1718', 'workers-2397', 'workers-2375'], entities: ['un_sc-KPe.050'], input_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rules_version: kim.rules_version, versions: [expect.stringMatching(/^un_sc-/), expect.stringMatching(/^us_ofac_sdn-/)] });
      // The worker's data is not in the trail, only its hash.
      expect(JSON.stringify(checks)).not.toContain('Pak Song Il');
    } finally {
      await store.close();
    }
  });

  it('reads CSV with a header of the field names, and prints each finding with its basis and status', async () => {
    const file = join(tempDir(), 'workers.csv');
    writeFileSync(file, `${CSV_HEADER}\nw1,Kim Chol Su,1985-03-02,KP,745123456,Amur Stroy LLC,,2016-05-01,2020-05-01,,RU,,\nw5,Ri Myong Suk,,KP,,Amur Stroy LLC,,2016-05-01,2020-05-01,,RU,RU,\nw6,Jo Hyon,,KP,,Amur Stroy LLC,,2016-05-01,2020-05-01,,RU,,yes\n`);
    const run = await runCli(['workers', 'check', file, '--db', db, '--on', '2019-12-22'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^worker +verdict +finding +gives +basis +status +detail$/m);
    expect(run.stdout).toMatch(/^w1 +prohibited +repatriation +prohibited +UNSCR 2397 \(2017\) OP8 +verified +a DPRK national earning income in RU on 2019-12-22, after the deadline 2019-12-22/m);
    expect(run.stdout).toMatch(/^w5 +review +repatriation +review +UNSCR 2397 \(2017\) OP8 +partially verified +.*also holds the nationality of RU/m);
    expect(run.stdout).toMatch(/^w6 +review +repatriation +review +UNSCR 2397 \(2017\) OP8 +partially verified +.*return is prohibited under international law/m);
    expect(run.stdout).toMatch(/3 worker\(s\) checked as of 2019-12-22 against dprk \S+ \(sha256:[0-9a-f]+\) and un_sc-\S+, us_ofac_sdn-\S+: 1 prohibited, 2 review/);
  });

  it('reads a UTF-16 CSV with semicolons, as Excel writes it, its encoding and delimiter detected', async () => {
    const file = join(tempDir(), 'workers-excel.csv');
    const text = 'id;name;nationality;employer;permit_issued;permit_expires;country\r\nw8;Ri Chol;Korea, North;Amur Stroy LLC;2018-02-01;2019-12-01;Russia\r\n';
    writeFileSync(file, Buffer.from(`\uFEFF${text}`, 'utf16le'));
    const run = await runCli(['workers', 'check', file, '--db', db, '--json', '--on', '2018-03-01'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'w8', verdict: 'prohibited', findings: [{ kind: 'work_authorization', verdict: 'prohibited', detail: expect.stringContaining('a new work authorization for a DPRK national in RU') }, { kind: 'repatriation', verdict: 'clear' }] });
  });

  it('reports a record it cannot read by line and field, checks the others, and exits 2', async () => {
    const file = join(tempDir(), 'workers.jsonl');
    writeFileSync(file, `${JSON.stringify(AZIZ)}\n${JSON.stringify({ ...KIM, permit_expires: '2015-01-01' })}\n${JSON.stringify({ ...KIM, id: 'w7', country: 'Atlantis' })}\nnot json\n`);
    const run = await runCli(['workers', 'check', file, '--db', db, '--json', '--on', '2020-03-01'], env);
    expect(run.code).toBe(2);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 'w4', verdict: 'clear' });
    expect(lines[1]).toEqual({ where: `${file} line 2`, error: `worker w1 (${file} line 2): permit_expires: 2015-01-01 is before permit_issued 2016-05-01` });
    expect(lines[2].error).toBe(`worker w7 (${file} line 3): country: "Atlantis" is not a country (an ISO code such as KP or RU, or a name)`);
    expect(lines[3]).toMatchObject({ where: `${file} line 4`, error: expect.stringContaining('invalid JSON') });
    expect(run.stderr).toContain('3 worker record(s) of');
  });

  it('refuses an invalid --on, a CSV column no record takes, and a bad date in a CSV row naming its line', async () => {
    const file = join(tempDir(), 'workers.csv');
    writeFileSync(file, `${CSV_HEADER}\nw1,Kim Chol Su,1985-03-02,KP,,Amur Stroy LLC,,2016-13-01,2020-05-01,,RU,,\n`);
    const badOn = await runCli(['workers', 'check', file, '--db', db, '--on', '2020-02-30'], env);
    expect(badOn.code).toBe(2);
    expect(badOn.stderr).toContain('--on: "2020-02-30" is not a date YYYY-MM-DD');
    const badRow = await runCli(['workers', 'check', file, '--db', db, '--json', '--on', '2020-03-01'], env);
    expect(badRow.code).toBe(2);
    expect(JSON.parse(badRow.stdout).error).toBe(`worker w1 (${file} line 2): permit_issued: "2016-13-01" is not a date YYYY-MM-DD`);
    const extra = join(tempDir(), 'extra.csv');
    writeFileSync(extra, 'id,name,nationality,country,salary\nw1,Kim,KP,RU,100\n');
    const badHeader = await runCli(['workers', 'check', extra, '--db', db], env);
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toContain(`${extra} line 1: "salary" is not a field a worker record takes`);
  });

  it.skipIf(!BUILT)('reads a JSON array from standard input (the built command)', () => {
    const out = execFileSync(process.execPath, [INTERDICT, 'workers', 'check', '-', '--db', db, '--json', '--on', '2017-09-10'], { input: JSON.stringify([{ ...KIM, permit_issued: '2017-10-01' }, AZIZ]), encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const answers = out.trim().split('\n').map((l) => JSON.parse(l));
    // The day before 2375 OP17 took effect: a permit issued after it is not caught yet.
    expect(answers.map((a: { id: string; verdict: string }) => `${a.id} ${a.verdict}`)).toEqual(['w1 clear', 'w4 clear']);
  });

  it('refuses to check without lists unless told, and then says the names were not screened', async () => {
    const empty = tempDir('interdict-workers-empty-');
    await (await openStore({ kind: 'embedded', dir: empty }, { create: true })).close();
    const file = join(tempDir(), 'workers.jsonl');
    writeFileSync(file, `${JSON.stringify(AZIZ)}\n`);
    const refused = await runCli(['workers', 'check', file, '--db', empty, '--json'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no list is loaded.*--allow-empty/);
    const run = await runCli(['workers', 'check', file, '--db', empty, '--json', '--allow-empty'], env);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'review', findings: [{ kind: 'screening', detail: 'no list is loaded: the employer, the agency and the worker were not screened' }] });
  });
});
