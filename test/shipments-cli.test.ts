import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';

const COAL = { id: 's1', date: '2019-03-01', origin: 'KP', destination: 'CN', ports: [{ name: 'Nampo', country: 'KP', role: 'loading' }], vessel: { name: 'SHIP CHONG CHON GANG', flag: 'PA' }, parties: [{ role: 'shipper', name: 'KOMID', country: 'KP' }], goods: [{ hs: '2701.12', description: 'anthracite', quantity: 5000, unit: 't', value: 400000, currency: 'USD' }] };
const CLEAN = { id: 's2', date: '2019-03-01', origin: 'DE', destination: 'FR', goods: [{ hs: '8429', description: 'bulldozers' }], parties: [{ role: 'shipper', name: 'Hamburg Maschinenbau GmbH', country: 'DE' }] };

describe('interdict shipments check', () => {
  const db = tempDir('interdict-shipments-');
  beforeAll(async () => {
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
  });

  it('answers one JSON line a shipment with --json, and records each check', async () => {
    const file = join(tempDir(), 'shipments.jsonl');
    writeFileSync(file, `${JSON.stringify(COAL)}\n\n${JSON.stringify(CLEAN)}\n`);
    const run = await runCli(['shipments', 'check', file, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const [coal, clean] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(coal).toMatchObject({ id: 's1', verdict: 'prohibited', rules_version: expect.stringMatching(/^dprk /) });
    expect(coal.findings.map((f: { kind: string; verdict: string }) => `${f.kind} ${f.verdict}`)).toEqual(['party prohibited', 'party prohibited', 'vessel prohibited', 'goods prohibited', 'route review']);
    expect(coal.findings[2].match).toMatchObject({ caption: 'CHONG CHON GANG', how: 'name' });
    expect(clean).toEqual({ id: 's2', verdict: 'clear', findings: [], rules_version: coal.rules_version });
    const store = await openStore({ kind: 'embedded', dir: db });
    try {
      const checks = [];
      for await (const entry of store.audit()) if (entry.action === 'shipments.check') checks.push(entry);
      expect(checks.map((e) => [e.subject, (e.after as { verdict: string }).verdict])).toEqual([['s1', 'prohibited'], ['s2', 'clear']]);
      expect(checks[0]!.actor).toMatch(/^cli:/);
    } finally {
      await store.close();
    }
  });

  it('reads a JSON array, and prints a table with each finding\'s basis and status', async () => {
    const file = join(tempDir(), 'shipments.json');
    writeFileSync(file, JSON.stringify([COAL, CLEAN], null, 2));
    const run = await runCli(['shipments', 'check', file, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^shipment +verdict +finding +gives +basis +status +detail$/m);
    expect(run.stdout).toMatch(/^s1 +prohibited +party +prohibited +UNSCR 1718 \(2006\) OP8\(d\); UN list KPe\.001 +verified +shipper KOMID is KOREA MINING DEVELOPMENT TRADING CORPORATION/m);
    expect(run.stdout).toMatch(/^ +goods #1 +prohibited +UNSCR 2371 \(2017\) OP8 +indicative +HS 2701\.12 "anthracite"/m);
    expect(run.stdout).toMatch(/^s2 +clear/m);
    expect(run.stdout).toMatch(/2 shipment\(s\) checked against dprk \S+ \(sha256:[0-9a-f]+\) and un_sc-\S+, us_ofac_sdn-\S+: 1 prohibited, 1 clear/);
  });

  it('reports a shipment it cannot read by line and field, checks the others, and exits 2', async () => {
    const file = join(tempDir(), 'shipments.jsonl');
    writeFileSync(file, `${JSON.stringify(CLEAN)}\n${JSON.stringify({ ...CLEAN, id: 's3', ports: [{ name: 'Nampo', role: 'unloading' }] })}\nnot json\n`);
    const run = await runCli(['shipments', 'check', file, '--db', db, '--json']);
    expect(run.code).toBe(2);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 's2', verdict: 'clear' });
    expect(lines[1]).toEqual({ where: `${file} line 2`, error: expect.stringMatching(new RegExp(`^shipment s3 \\(${file.replace(/[/.]/g, '\\$&')} line 2\\): ports\\[0\\]\\.role: `)) });
    expect(lines[2]).toMatchObject({ where: `${file} line 3`, error: expect.stringContaining('invalid JSON') });
    expect(run.stderr).toContain('2 shipment(s) of');
  });

  it('refuses to check without lists unless told, and then says the parties were not screened', async () => {
    const empty = tempDir('interdict-shipments-empty-');
    await (await openStore({ kind: 'embedded', dir: empty }, { create: true })).close();
    const file = join(tempDir(), 'shipments.jsonl');
    writeFileSync(file, `${JSON.stringify(COAL)}\n`);
    const refused = await runCli(['shipments', 'check', file, '--db', empty, '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no list is loaded.*--allow-empty/);
    const run = await runCli(['shipments', 'check', file, '--db', empty, '--json', '--allow-empty']);
    const answer = JSON.parse(run.stdout);
    expect(answer.verdict).toBe('prohibited');
    expect(answer.findings.map((f: { detail: string }) => f.detail)).toContain('no list is loaded: the parties and ships were not screened');
  });
});
