import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import type { AuditEntry } from '../src/store/audit.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';

const REPO = new URL('..', import.meta.url).pathname;
const JANG = { id: 't1', name: 'Jang Chang-ha', birthDate: '1964-01-10', nationality: 'KP', from: '2019-05-01', to: '2019-05-10', itinerary: ['CN', 'RU'], purpose: 'conference' };
const CLEAN = { id: 't2', name: 'Maria Schmidt', nationality: 'DE', from: '2019-05-01', to: '2019-05-10', itinerary: ['FR'] };

async function auditOf(db: string, action: string): Promise<AuditEntry[]> {
  const store = await openStore({ kind: 'embedded', dir: db });
  try {
    const entries: AuditEntry[] = [];
    for await (const entry of store.audit()) if (entry.action === action) entries.push(entry);
    return entries;
  } finally {
    await store.close();
  }
}

describe('interdict travel check and interdict exemptions', () => {
  const db = tempDir('interdict-travel-');
  const travellers = join(tempDir(), 'travellers.jsonl');
  beforeAll(async () => {
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
    writeFileSync(travellers, `${JSON.stringify(JANG)}\n\n${JSON.stringify(CLEAN)}\n`);
  });

  it('denies a designee under another spelling, clears a non-designee, one JSON line each, and audits each check', async () => {
    const run = await runCli(['travel', 'check', travellers, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const [jang, clean] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(jang).toMatchObject({ id: 't1', verdict: 'denied', findings: [{ kind: 'travel_ban', basis: 'UNSCR 1718 (2006) OP8(e); UN list KPi.037', entity: 'un_sc-KPi.037', exemption: null, status: 'verified' }] });
    expect(clean).toMatchObject({ id: 't2', verdict: 'clear', findings: [] });
    const checks = await auditOf(db, 'travel.check');
    expect(checks.map((e) => [e.subject, (e.after as { verdict: string }).verdict])).toEqual([['t1', 'denied'], ['t2', 'clear']]);
    expect(checks[0]!.actor).toMatch(/^cli:/);
  });

  it('records exemptions (add, import), lists them, and a trip within one is allowed, one outside denied with the reason', async () => {
    const add = await runCli(['exemptions', 'add', '--reference', '1718-EX-2019-07', '--person', 'un_sc-KPi.037', '--purpose', 'IAEA technical meeting', '--from', '2019-04-28', '--to', '2019-05-12', '--transit', 'CN', '--destination', 'RU', '--source', 'Committee letter of 2019-04-20', '--authority', '1718 Committee', '--db', db]);
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('recorded exemption 1718-EX-2019-07: un_sc-KPi.037, 2019-04-28 to 2019-05-12, CN, RU\n');
    const file = join(tempDir(), 'exemptions.jsonl');
    writeFileSync(file, `${JSON.stringify({ reference: 'DE-AA-1', names: ['Ri Won Ho'], purpose: 'funeral', from: '2019-06-01', to: '2019-06-03', destination: ['DE'], source: 'licence', authority: 'Auswärtiges Amt' })}\n`);
    const imported = await runCli(['exemptions', 'import', file, '--db', db]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('recorded 1 exemption(s): DE-AA-1\n');
    expect((await auditOf(db, 'exemptions.add')).map((e) => e.subject)).toEqual(['exemption:1718-EX-2019-07']);
    expect((await auditOf(db, 'exemptions.import')).map((e) => e.subject)).toEqual(['exemption:DE-AA-1']);
    const listed = await runCli(['exemptions', 'list', '--country', 'ru', '--db', db, '--json']);
    expect(JSON.parse(listed.stdout).map((e: { reference: string }) => e.reference)).toEqual(['1718-EX-2019-07']);
    const table = await runCli(['exemptions', 'list', '--db', db]);
    expect(table.stdout).toMatch(/^1718-EX-2019-07 +un_sc-KPi\.037 +2019-04-28 +2019-05-12 +CN +RU +1718 Committee +IAEA technical meeting$/m);
    expect(table.stdout).toContain('2 exemption(s)');

    const trips = join(tempDir(), 'trips.json');
    writeFileSync(trips, JSON.stringify([JANG, { ...JANG, id: 't3', itinerary: ['CN', 'TR', 'RU'] }]));
    const run = await runCli(['travel', 'check', trips, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^t1 +allowed_by_exemption +travel_ban +un_sc-KPi\.037 +1718-EX-2019-07 +verified +Jang Chang-ha is CHANG CHANG HA/m);
    expect(run.stdout).toMatch(/^t3 +denied +travel_ban +un_sc-KPi\.037 +1718-EX-2019-07 +verified +.*1718-EX-2019-07 does not apply \(country TR not covered \(transit CN; destination RU\)\)/m);
    expect(run.stdout).toMatch(/2 traveller\(s\) checked against un_sc-\S+ \(us_ofac_sdn-\S+ carries no travel-ban data: not used\): 1 allowed_by_exemption, 1 denied/);
  });

  it('reports a traveller it cannot read by line and field, checks the others, and exits 2', async () => {
    const file = join(tempDir(), 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify(CLEAN)}\n${JSON.stringify({ ...CLEAN, id: 'b1', to: '2019-04-01' })}\nnot json\n${JSON.stringify({ ...CLEAN, id: 'b2', itinerary: ['ZZ'] })}\n`);
    const run = await runCli(['travel', 'check', file, '--db', db, '--json']);
    expect(run.code).toBe(2);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 't2', verdict: 'clear' });
    expect(lines[1]).toEqual({ where: `${file} line 2`, error: `traveller b1 (${file} line 2): to: 2019-04-01 is before from 2019-05-01` });
    expect(lines[2]).toMatchObject({ where: `${file} line 3`, error: expect.stringContaining('invalid JSON') });
    expect(lines[3]).toEqual({ where: `${file} line 4`, error: `traveller b2 (${file} line 4): itinerary[0]: "ZZ" is not a known country code (ISO 3166-1 alpha-2, such as KP or CN)` });
    expect(run.stderr).toContain('3 traveller(s) of');
  });

  it('refuses a bad exemption naming the field, a duplicate reference, and a bad filter', async () => {
    const bad = await runCli(['exemptions', 'add', '--reference', 'X-1', '--person', 'un_sc-KPi.033', '--purpose', 'p', '--from', '2019-05-10', '--to', '2019-05-01', '--destination', 'RU', '--source', 's', '--authority', 'a', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('exemption X-1 (command line): to: 2019-05-01 is before from 2019-05-10');
    const twice = await runCli(['exemptions', 'add', '--reference', '1718-EX-2019-07', '--person', 'un_sc-KPi.033', '--purpose', 'p', '--from', '2019-05-01', '--to', '2019-05-10', '--destination', 'RU', '--source', 's', '--authority', 'a', '--db', db]);
    expect(twice.stderr).toContain('exemption 1718-EX-2019-07: the register holds this reference already');
    const unknown = await runCli(['exemptions', 'add', '--reference', 'X-2', '--person', 'un_sc-KPi.999', '--purpose', 'p', '--from', '2019-05-01', '--to', '2019-05-10', '--destination', 'RU', '--source', 's', '--authority', 'a', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('exemption X-2 (command line): persons[0]: no loaded list holds a record un_sc-KPi.999');
        const filter = await runCli(['exemptions', 'list', '--on', '2019-13-01', '--db', db]);
    expect(filter.stderr).toContain('--on: "2019-13-01" is not a date YYYY-MM-DD');
  });

  it.skipIf(!existsSync(join(REPO, 'dist/cli/travel.js')) && !existsSync(join(REPO, 'dist/cli/commands/travel.js')))('reads travellers from standard input (the installed command)', () => {
    const out = execFileSync(process.execPath, [join(REPO, 'bin/interdict.js'), 'travel', 'check', '-', '--db', db, '--json'], { input: JSON.stringify([CLEAN]), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    expect(JSON.parse(out.trim())).toMatchObject({ id: 't2', verdict: 'clear' });
  });
});
