import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { gapVersionFiles } from './helpers/gap-versions.js';

describe('interdict links and interdict gaps', () => {
  const db = tempDir('interdict-links-');

  it('link the UN record of KOMID to its OFAC record, and report the UN designations OFAC lacks', async () => {
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);

    const links = JSON.parse((await runCli(['links', '--db', db, '--json'])).stdout);
    expect(links.designees).toEqual([expect.objectContaining({ id: 'un_sc-KPe.001', members: ['un_sc-KPe.001', 'us_ofac_sdn-9345'], datasets: ['un_sc', 'us_ofac_sdn'] })]);
    expect(links.designees[0].links[0].evidence.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['name', 'regime', 'reciprocal']));
    const table = await runCli(['links', '--db', db]);
    expect(table.stdout).toMatch(/un_sc-KPe\.001 +1\.000 +un_sc us_ofac_sdn +un_sc-KPe\.001 us_ofac_sdn-9345/);

    const gaps = JSON.parse((await runCli(['gaps', '--reference', 'un_sc', '--collection', 'dprk', '--db', db, '--json'])).stdout);
    expect(gaps).toMatchObject({ reference: 'un_sc', collection: 'dprk', against: ['us_ofac_sdn'], summary: { us_ofac_sdn: { listed: 1, missing: 2, not_applicable: 0 } } });
    expect(gaps.rows.map((r: { id: string; lists: { us_ofac_sdn: { status: string } } }) => [r.id, r.lists.us_ofac_sdn.status])).toEqual([['un_sc-KPe.001', 'listed'], ['un_sc-KPi.033', 'missing'], ['un_sc-KPi.037', 'missing']]);
    expect(gaps.rows[0]).toMatchObject({ listed_on: '2009-04-24', lists: { us_ofac_sdn: { ids: ['us_ofac_sdn-9345'], listed_on: null, lag_days: null } } });

    const csv = (await runCli(['gaps', '--reference', 'un_sc', '--db', db, '--csv'])).stdout.trim().split('\n');
    expect(csv[0]).toBe('id,caption,listed_on,list,status,ids,list_listed_on,lag_days,missing_names,missing_identifiers,reason');
    expect(csv.slice(1).map((line) => line.split(',').slice(0, 5).join(','))).toEqual([
      'un_sc-KPe.001,KOREA MINING DEVELOPMENT TRADING CORPORATION,2009-04-24,us_ofac_sdn,listed',
      'un_sc-KPi.033,RI WON HO,2016-11-30,us_ofac_sdn,missing',
      'un_sc-KPi.037,CHANG CHANG HA,2016-11-30,us_ofac_sdn,missing',
    ]);
  }, 60_000);

  it('names what it cannot compare', async () => {
    const unknown = await runCli(['gaps', '--reference', 'eu_fsf', '--db', db]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('reference "eu_fsf" has no current version (loaded: un_sc, us_ofac_sdn)');
    expect((await runCli(['gaps', '--reference', 'un_sc', '--against', 'un_sc', '--db', db])).stderr).toContain('against: "un_sc" is the reference itself');
    expect((await runCli(['links', '--dataset', 'nowhere', '--db', db])).stderr).toContain('dataset "nowhere" has no current version');
    expect((await runCli(['gaps', '--reference', 'un_sc', '--json', '--csv', '--db', db])).stderr).toContain('--json or --csv, not both');
    const empty = await runCli(['gaps', '--reference', 'un_sc', '--db', tempDir('interdict-links-empty-')]);
    expect(empty.code).not.toBe(0);
  }, 60_000);
  it('match --group designee answers one result per designee, naming its records', async () => {
    const table = await runCli(['match', 'Korea Mining Development Trading Corporation', '--group', 'designee', '--db', db]);
    expect(table.stdout).toMatch(/^1 +1\.000 +MATCH +un_sc-KPe\.001 +Organization +un_sc,us_ofac_sdn /m);
    expect(table.stdout).toContain('records: un_sc-KPe.001 us_ofac_sdn-9345 (linked, confidence 1)');
    expect(table.stdout.match(/^\d +\d\.\d{3} /gm)).toHaveLength(1);
    const perRecord = await runCli(['match', 'Korea Mining Development Trading Corporation', '--db', db]);
    expect(perRecord.stdout.match(/^\d +\d\.\d{3} /gm)).toHaveLength(2);
    const bad = await runCli(['match', 'x', '--group', 'entity', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--group: "entity" is record or designee');
  }, 60_000);
  it('keeps an analyst\'s split and confirmation, audited, in links and gaps', async () => {
    const split = await runCli(['links', 'split', 'us_ofac_sdn-9345', 'un_sc-KPe.001', '--note', 'checked: a namesake', '--db', db]);
    expect(split.stdout).toBe('un_sc-KPe.001 ~ us_ofac_sdn-9345: not one designee (decision 1)\n');
    expect(JSON.parse((await runCli(['links', '--db', db, '--json'])).stdout).designees).toEqual([]);
    const gaps = JSON.parse((await runCli(['gaps', '--reference', 'un_sc', '--db', db, '--json'])).stdout);
    expect(gaps.summary.us_ofac_sdn).toMatchObject({ listed: 0, missing: 3 });
    expect((await runCli(['links', 'confirm', 'un_sc-KPe.001', 'us_ofac_sdn-9345', '--note', 'same KOMID after all', '--db', db])).code).toBe(0);
    const links = JSON.parse((await runCli(['links', '--db', db, '--json'])).stdout);
    expect(links.designees[0]).toMatchObject({ members: ['un_sc-KPe.001', 'us_ofac_sdn-9345'], links: [{ evidence: [{ kind: 'analyst', detail: expect.stringContaining('same KOMID after all') }] }] });
    expect((await runCli(['links', 'confirm', 'un_sc-KPe.001', 'un_sc-KPe.001', '--note', 'x', '--db', db])).stderr).toContain('its own designee');
    expect((await runCli(['links', 'split', 'a', 'b', '--db', db])).stderr).toMatch(/--note/);
  }, 60_000);
});

describe('interdict gaps --at and --since, on two stored versions of the UN and DFAT lists', () => {
  const db = tempDir('interdict-gaps-versions-');

  it('prints the report at a date with its separate designations, and what closed and opened since another', async () => {
    const files = await gapVersionFiles();
    for (const paths of [[files.unThen, files.dfatThen], [files.unNow, files.dfatNow]]) expect((await runCli(['load', ...paths, '--db', db])).code).toBe(0);

    const then = JSON.parse((await runCli(['gaps', '--reference', 'un_sc', '--collection', 'dprk', '--at', '2022-01-01', '--db', db, '--json'])).stdout);
    expect(then).toMatchObject({ at: '2022-01-01', against: ['au_dfat'], versions: { un_sc: { published: '2020-12-01' }, au_dfat: { published: '2020-06-01' } }, summary: { au_dfat: { listed: 1, missing: 1 } } });

    const table = await runCli(['gaps', '--reference', 'un_sc', '--collection', 'dprk', '--since', '2021-01-01', '--db', db]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^au_dfat +lists +2 +1 +0 +0 +1$/m);
    expect(table.stdout).toMatch(/^au_dfat +1 +2012: 1$/m);
    expect(table.stdout).toMatch(/since 2021-01-01 \(un_sc un_sc-20201201-\w+, au_dfat au_dfat-20200601-\w+\): 1 designation\(s\) added, 0 removed, 1 gap\(s\) closed, 1 opened/);
    expect(table.stdout).toMatch(/^un_sc-KPi\.033 +RI WON HO +au_dfat +missing +listed$/m);
    expect(table.stdout).toMatch(/^un_sc-KPi\.037 +CHANG CHANG HA +au_dfat +absent +missing$/m);

    const json = JSON.parse((await runCli(['gaps', '--reference', 'un_sc', '--collection', 'dprk', '--since', '2021-01-01', '--db', db, '--json'])).stdout);
    expect(json.changes).toMatchObject({ added: ['un_sc-KPi.037'], closed: [{ id: 'un_sc-KPi.033', was: 'missing', now: 'listed' }], opened: [{ id: 'un_sc-KPi.037', was: 'absent', now: 'missing' }] });

    const csv = await runCli(['gaps', '--reference', 'un_sc', '--since', '2021-01-01', '--csv', '--db', db]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('--csv prints one report\'s rows');
    const bad = await runCli(['gaps', '--reference', 'un_sc', '--at', '2021-13-01', '--db', db]);
    expect(bad.stderr).toContain('at: "2021-13-01" is not a date (YYYY-MM-DD)');
    const none = await runCli(['gaps', '--reference', 'un_sc', '--at', '2019-01-01', '--db', db]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('reference "un_sc" has no version on or before 2019-01-01 (at)');
  }, 60_000);
});
