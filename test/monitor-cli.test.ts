import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir, tempFile } from './helpers/fixtures.js';

describe('interdict parties, monitor, alerts, audit', () => {
  const db = tempDir('interdict-monitor-');
  const parties = tempFile('parties.csv', [
    'id,name,type,birth_date',
    'c1,Kim Yong Chol,Person,1947',
    'c2,Cafe Munchen S.A.,Company,',
    'c3,New Trading Co,Company,',
    'c4,Hans Gruber,Person,1955',
    ',No Id Given,Person,',
  ].join('\n'));

  it('imports parties and screens them at once, answering with their alerts; a new list version raises and closes alerts at once', async () => {
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const imported = await runCli(['parties', 'import', parties, '--db', db, '--json', '--actor', 'ana']);
    // A skipped row is a failure to say, as in `screen`; the rows that could be read are imported.
    expect(imported.code).toBe(2);
    const summary = JSON.parse(imported.stdout) as { alerts: { partyId: string; entityId: string; partyName: string; status: string }[] };
    expect(summary).toMatchObject({ added: 4, updated: 0, unchanged: 0, removed: 0, skipped: 1, warned: 0, encoding: 'utf-8', delimiter: ',', alertsRaised: 2, screening: { status: 'done', partiesScreenedInFull: 4, alertsRaised: 2 } });
    expect(summary.alerts.map((a) => `${a.partyId}~${a.entityId}`).sort()).toEqual(['c1~us_ofac_sdn-12211', 'c2~us_ofac_sdn-20001']);
    expect(summary.alerts.find((a) => a.partyId === 'c1')).toMatchObject({ partyName: 'Kim Yong Chol', status: 'open' });
    expect(imported.stderr).toContain('line 6: no id');

    // Screened at the import, the parties have nothing left for the next run.
    const run = JSON.parse((await runCli(['monitor', '--db', db, '--json'])).stdout);
    expect(run).toMatchObject({ mode: 'changes', partiesScreenedInFull: 0, alertsRaised: 0 });
    const open = JSON.parse((await runCli(['alerts', '--db', db, '--status', 'open', '--json'])).stdout) as { id: number; partyId: string; entityId: string }[];
    expect(open.map((a) => `${a.partyId}~${a.entityId}`).sort()).toEqual(['c1~us_ofac_sdn-12211', 'c2~us_ofac_sdn-20001']);

    const kim = open.find((a) => a.partyId === 'c1')!;
    const resolved = await runCli(['alerts', 'resolve', String(kim.id), '--decision', 'false_positive', '--note', 'born 1947 but another Kim Yong Chol', '--db', db]);
    expect(resolved.stdout).toBe(`alert ${kim.id}: false_positive\n`);
    expect((await runCli(['alerts', 'resolve', String(kim.id), '--decision', 'maybe', '--note', 'x', '--db', db])).stderr).toMatch(/true_match or false_positive/);

    // The next publication adds NEW TRADING CO. and delists CAFÉ MÜNCHEN: the load re-screens.
    const load = JSON.parse((await runCli(['load', fixture('ofac-csv-v2'), '--db', db, '--json'])).stdout);
    expect(load.monitor).toMatchObject({ alertsClosed: 1, partiesScreenedAgainstChanges: 4 });
    const after = JSON.parse((await runCli(['alerts', '--db', db, '--json'])).stdout) as { partyId: string; entityId: string; status: string; note: string | null }[];
    expect(after.find((a) => a.partyId === 'c2')).toMatchObject({ status: 'closed', note: expect.stringMatching(/^delisted/) });
    expect(after.filter((a) => a.partyId === 'c3').map((a) => a.entityId)).toEqual(['us_ofac_sdn-30000']);
    expect(after.filter((a) => a.partyId === 'c1')).toHaveLength(1); // the false positive stays suppressed
    expect(after.some((a) => a.partyId === 'c4')).toBe(false);
  }, 60_000);

  it('verifies the audit chain and exports it as JSON lines', async () => {
    expect((await runCli(['audit', 'verify', '--db', db])).stdout).toMatch(/^audit trail intact: \d+ entries\n$/);
    const out = join(tempDir(), 'audit.jsonl');
    expect((await runCli(['audit', 'export', '--db', db, '--output', out])).code).toBe(0);
    const entries = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; action: string; actor: string; prevHash: string; hash: string });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.slice(1).every((e, i) => e.prevHash === entries[i]!.hash)).toBe(true);
    // Who did it, as the operating system says, with the name --actor gave beside it.
    const user = `cli:${userInfo().username}`;
    expect(entries.map((e) => `${e.action} ${e.actor}`)).toEqual(expect.arrayContaining([`parties.import ${user} (ana)`, `alert.decide ${user}`, 'alerts.close monitor', `list.load ${user}`]));
    const settings = await runCli(['settings', 'set', 'four_eyes', 'yes', '--db', db]);
    expect(settings.stderr).toMatch(/four_eyes is true or false/);
  }, 60_000);

  it('with --no-screen, stores the parties only, for the next run to screen; an import says so and shows the alerts in a table', async () => {
    const other = tempDir('interdict-monitor-');
    expect((await runCli(['load', fixture('ofac-csv'), '--db', other])).code).toBe(0);
    const file = tempFile('later.csv', 'id,name\nk1,Kim Yong Chol\nk2,Zephyrine Quondam\n');
    const stored = JSON.parse((await runCli(['parties', 'import', file, '--db', other, '--json', '--no-screen'])).stdout);
    expect(stored).toMatchObject({ added: 2, notScreened: 'not_asked', alerts: [], alertsRaised: 0 });
    expect(stored.screening).toBeUndefined();
    expect(JSON.parse((await runCli(['alerts', '--db', other, '--json'])).stdout)).toEqual([]);
    const run = JSON.parse((await runCli(['monitor', '--db', other, '--json'])).stdout);
    expect(run).toMatchObject({ partiesScreenedInFull: 2, alertsRaised: 1 });
    // An edit is screened at once, and an import that changes nothing screens nothing.
    const edited = await runCli(['parties', 'import', tempFile('edit.csv', 'id,name\nk2,Kim Yong Chol\n'), '--db', other]);
    expect(edited.stdout).toMatch(/^parties: 0 added, 1 updated, 0 unchanged/);
    expect(edited.stdout).toMatch(/1 parties against every list/);
    expect(edited.stdout).toMatch(/1 alert\(s\) on the imported parties:\n.*party.*name.*entity.*score/);
    expect(edited.stdout).toMatch(/k2 +Kim Yong Chol +KIM, Yong Chol/);
    const again = JSON.parse((await runCli(['parties', 'import', tempFile('same.csv', 'id,name\nk2,Kim Yong Chol\n'), '--db', other, '--json'])).stdout);
    expect(again).toMatchObject({ unchanged: 1, notScreened: 'nothing_new', alertsRaised: 0 });
  }, 60_000);

  it('with --sync, removes the parties the file does not hold, and none when a row could not be read', async () => {
    const other = tempDir('interdict-monitor-');
    const first = JSON.parse((await runCli(['parties', 'import', tempFile('all.csv', 'id,name\ns1,Anna Berg\ns2,Otto Lind\ns3,Eva Holm\n'), '--db', other, '--json'])).stdout);
    expect(first).toMatchObject({ added: 3, removed: 0, notScreened: 'no_lists' });
    const broken = await runCli(['parties', 'import', tempFile('broken.csv', 'id,name\ns1,Anna Berg\n,No Id\n'), '--db', other, '--json', '--sync']);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout)).toMatchObject({ unchanged: 1, removed: 0, syncRefused: true, skipped: 1 });
    expect(broken.stderr).toContain('--sync: 1 row(s) could not be read, so no party was removed');
    const synced = JSON.parse((await runCli(['parties', 'import', tempFile('one.csv', 'id,name\ns1,Anna Berg\n'), '--db', other, '--json', '--sync'])).stdout);
    expect(synced).toMatchObject({ unchanged: 1, removed: 2 });
    expect(synced.syncRefused).toBeUndefined();
    expect(JSON.parse((await runCli(['parties', 'list', '--db', other, '--json'])).stdout).map((p: { id: string }) => p.id)).toEqual(['s1']);
  }, 60_000);
});
