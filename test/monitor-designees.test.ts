import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPaths } from '../src/service/load.js';
import { rescreen } from '../src/service/monitor.js';
import type { Store } from '../src/store/index.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

// One designee on two lists: the UN's KPi.037 (un-small.xml) and an OFAC record of the same
// name and birth date under a DPRK program, which linking joins.
const UN = 'un_sc-KPi.037';
const OFAC = 'us_ofac_sdn-40001';
const PARTY = { schema: 'Person', properties: { name: ['CHANG CHANG HA'], birthDate: ['1964-01-10'] } };

const CHANG = '40001,"CHANG, Chang Ha","individual","DPRK2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 10 Jan 1964; nationality Korea, North; Gender Male."';
const OTHER = '40002,"SOME TRADING CO.",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';

/** An OFAC CSV set in a folder of its own: sdn.csv rows, and alt.csv rows (aliases). */
function ofacSet(rows: string[], aliases: string[] = []): string {
  const dir = join(tempDir('interdict-ofac-'), 'ofac');
  mkdirSync(dir);
  writeFileSync(join(dir, 'sdn.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'alt.csv'), aliases.length ? `${aliases.join('\n')}\n` : '');
  return dir;
}

/** un-small.xml without KPi.037: the UN delists it. */
function unWithoutChang(): string {
  const xml = readFileSync(fixture('un-small.xml'), 'utf8').replace(/<INDIVIDUAL>\s*<DATAID>6908570<\/DATAID>[\s\S]*?<\/INDIVIDUAL>/, '');
  expect(xml).not.toContain('KPi.037');
  const path = join(tempDir('interdict-un-'), 'consolidated.xml');
  writeFileSync(path, xml);
  return path;
}

describe('monitoring: one alert per party and designee', () => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await createEmbeddedStore();
    store = t.store;
  });
  afterEach(() => t?.dispose());

  it('raises one alert carrying both lists\' records; a false positive decided on it holds for both, through a new version of one list', async () => {
    await loadPaths(store, [fixture('un-small.xml'), ofacSet([CHANG, OTHER])]);
    await store.monitoring.upsertParties([{ id: 'p1', ...PARTY }], 'analyst-a');
    const first = await rescreen(store);
    expect(first.alertsRaised).toBe(1);
    const [alert] = await store.monitoring.listAlerts();
    expect(alert).toMatchObject({ partyId: 'p1', members: [UN, OFAC], datasets: ['un_sc', 'us_ofac_sdn'], status: 'open' });
    expect([UN, OFAC]).toContain(alert!.entityId);

    await store.monitoring.decideAlert(alert!.id, 'false_positive', 'born elsewhere', 'analyst-a');
    expect(await rescreen(store, { full: true })).toMatchObject({ alertsRaised: 0, alertsSuppressed: 1, alertsUnchanged: 0 });

    // OFAC's next version changes its record (an alias more, its designation as it was): the party
    // is screened against that record alone, which finds the designee's alert, decided.
    await loadPaths(store, [ofacSet([CHANG, OTHER], ['40001,1,"aka","JANG, Chang Ha",-0- '])]);
    const changes = await rescreen(store);
    expect(changes).toMatchObject({ changedEntities: 1, partiesScreenedAgainstChanges: 1, alertsRaised: 0, alertsSuppressed: 1 });
    expect(await store.monitoring.listAlerts()).toHaveLength(1);
  });

  it('finds an alert raised on one record when another list\'s record joins its designee, and closes a designee\'s alert only when no list carries it', async () => {
    // OFAC alone: the alert is on its one record.
    await loadPaths(store, [ofacSet([CHANG, OTHER])]);
    await store.monitoring.upsertParties([{ id: 'p2', ...PARTY }], 'analyst-a');
    expect((await rescreen(store)).alertsRaised).toBe(1);
    const [onOne] = await store.monitoring.listAlerts();
    expect(onOne).toMatchObject({ entityId: OFAC, members: [OFAC], datasets: ['us_ofac_sdn'] });

    // The UN lists the same person: the party matches the UN record, whose designee holds the OFAC one too.
    await loadPaths(store, [fixture('un-small.xml')]);
    const linked = await rescreen(store);
    expect(linked).toMatchObject({ alertsRaised: 0, alertsUnchanged: 1 });
    expect(await store.monitoring.listAlerts()).toEqual([onOne]);

    // A party imported now gets one alert on both.
    await store.monitoring.upsertParties([{ id: 'p3', ...PARTY }], 'analyst-a');
    expect((await rescreen(store)).alertsRaised).toBe(1);
    const both = (await store.monitoring.listAlerts({ partyIds: ['p3'] }))[0]!;
    expect(both).toMatchObject({ members: [UN, OFAC], datasets: ['un_sc', 'us_ofac_sdn'] });

    // The UN delists it; OFAC still lists it: both alerts stay open.
    await loadPaths(store, [unWithoutChang()], { force: true });
    expect((await rescreen(store)).alertsClosed).toBe(0);
    expect((await store.monitoring.listAlerts({ status: 'open' })).map((a) => a.id)).toEqual([onOne!.id, both.id]);

    // OFAC delists it too: no list carries the designee, and its alerts close.
    await loadPaths(store, [ofacSet([OTHER])], { force: true });
    expect((await rescreen(store)).alertsClosed).toBe(2);
    expect((await store.monitoring.listAlerts()).map((a) => [a.id, a.status])).toEqual([[onOne!.id, 'closed'], [both.id, 'closed']]);
  });
});
