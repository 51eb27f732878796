import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDprkEntity } from '../src/core/collections.js';
import type { Entity } from '../src/core/entity.js';
import { detectFormat, readPublication } from '../src/sources/index.js';
import { DFAT_ROWS, fixture, tempDir, tempFile, writeDfatWorkbook } from './helpers/fixtures.js';

const byId = (entities: Entity[], id: string): Entity => {
  const found = entities.find((e) => e.id === id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
};

describe('UN consolidated XML', () => {
  it('reads individuals and entities with aliases by quality, dates, documents and the designation', async () => {
    const pub = await readPublication(fixture('un-small.xml'));
    expect(pub).toMatchObject({ dataset: 'un_sc', format: 'un-xml', published: '2026-02-27' });
    expect(pub.entities).toHaveLength(3);
    const chang = byId(pub.entities, 'un_sc-KPi.037');
    expect(chang.schema).toBe('Person');
    expect(chang.properties.name).toEqual(['CHANG CHANG HA']);
    expect(chang.properties.alias).toEqual(['Jang Chang Ha']);
    expect(chang.properties.weakAlias).toEqual(['Chang Ha']);
    expect(chang.properties.previousName).toEqual(['Jang Changha']);
    expect(chang.properties.passportNumber).toEqual(['381310014']);
    expect(chang.properties.birthPlace).toEqual(["Pyongyang, Democratic People's Republic of Korea"]);
    expect(chang.designations).toEqual([expect.objectContaining({ dataset: 'un_sc', program: 'DPRK', referenceNumber: 'KPi.037', listingDate: '2016-11-30' })]);
    const ri = byId(pub.entities, 'un_sc-KPi.033');
    expect(ri.properties.name).toEqual(['RI WON HO']);
    expect(ri.properties.birthDate).toEqual(['1962', '1963', '1964', '1966']);
    expect(ri.properties.gender).toEqual(['male']);
    const komid = byId(pub.entities, 'un_sc-KPe.001');
    expect(komid.schema).toBe('Organization');
    expect(komid.properties.alias).toEqual(['KOMID']);
    expect(pub.entities.every(isDprkEntity)).toBe(true);
  });

  it('reads the same content gzipped', async () => {
    const gz = tempFile('consolidated.xml.gz', readFileSync(fixture('un-small.xml')), true);
    expect((await readPublication(gz)).entities).toHaveLength(3);
  });
});

describe('OFAC legacy CSV set', () => {
  it('decodes Windows-1252, skips the 0x1A byte and joins aliases, addresses and continued remarks', async () => {
    const pub = await readPublication(fixture('ofac-csv'));
    expect(pub).toMatchObject({ dataset: 'us_ofac_sdn', format: 'ofac-csv', published: null });
    expect(pub.entities.map((e) => e.id).sort()).toEqual(['us_ofac_sdn-12211', 'us_ofac_sdn-17069', 'us_ofac_sdn-20001', 'us_ofac_sdn-9345']);
    const komid = byId(pub.entities, 'us_ofac_sdn-9345');
    expect(komid.properties.alias).toEqual(['KOMID', 'CHANGGWANG SINYONG CORPORATION']);
    expect(komid.designations.map((d) => d.program)).toEqual(['NPWMD', 'DPRK2']);
    expect(komid.designations[0]?.provisions).toEqual(['Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210']);
    const kim = byId(pub.entities, 'us_ofac_sdn-12211');
    expect(kim.properties).toMatchObject({ lastName: ['KIM'], firstName: ['Yong Chol'], birthDate: ['1947', '1946'], gender: ['male'], passportNumber: ['563120356'], imoNumber: ['IMO1234567'], alias: ['KIM, Young-Chol'], previousName: ['KIM, Yong-Chol'] });
    const vessel = byId(pub.entities, 'us_ofac_sdn-17069');
    expect(vessel.schema).toBe('Vessel');
    expect(vessel.properties).toMatchObject({ callSign: ['HMZF'], type: ['General Cargo'], tonnage: ['6,700'], flag: ['Korea, North'], owner: ['Ocean Maritime Management'] });
    const cafe = byId(pub.entities, 'us_ofac_sdn-20001');
    expect(cafe.properties.name).toEqual(['CAFÉ MÜNCHEN S.A.']);
    expect(cafe.properties.registrationNumber).toEqual(['12345']);
    expect(cafe.properties.address).toEqual(['Calle 50, Panama City, Panama']);
    expect(cafe.properties.notes?.[0]).toContain('ÑANDÚ');
  });

  it('finds the set from a lone sdn.csv path', async () => {
    expect(await detectFormat(fixture('ofac-csv/sdn.csv'))).toBe('ofac-csv');
    expect((await readPublication(fixture('ofac-csv/sdn.csv'))).entities).toHaveLength(4);
  });
});

describe('OFAC XML', () => {
  it('reads entries, aliases by category, ids, vessel details and the publication date', async () => {
    const pub = await readPublication(fixture('ofac-small.xml'));
    expect(pub).toMatchObject({ dataset: 'us_ofac_sdn', format: 'ofac-xml', published: '2025-12-18' });
    const kim = byId(pub.entities, 'us_ofac_sdn-12211');
    expect(kim.properties).toMatchObject({ name: ['KIM, Yong Chol'], alias: ['KIM, Young-Chol'], weakAlias: ['KIM, YC'], passportNumber: ['563120356'], birthDate: ['1947'], nationality: ['Korea, North'] });
    expect(kim.designations[0]?.provisions).toEqual(['Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210']);
    const vessel = byId(pub.entities, 'us_ofac_sdn-17069');
    expect(vessel).toMatchObject({ schema: 'Vessel', properties: expect.objectContaining({ imoNumber: ['IMO7937317'], callSign: ['HMZF'] }) });
  });

  it('names the consolidated non-SDN list from its file name or the caller', async () => {
    const dir = tempDir();
    copyFileSync(fixture('ofac-small.xml'), join(dir, 'consolidated.xml'));
    expect((await readPublication(join(dir, 'consolidated.xml'))).dataset).toBe('us_ofac_cons');
    expect((await readPublication(fixture('ofac-small.xml'), { dataset: 'us_ofac_cons' })).dataset).toBe('us_ofac_cons');
  });
});

describe('Australia DFAT XLSX', () => {
  it('groups alias rows under their primary name and normalizes the Name Type column', async () => {
    const path = await writeDfatWorkbook(join(tempDir(), 'regulation8_consolidated.xlsx'), DFAT_ROWS);
    expect(await detectFormat(path)).toBe('au-xlsx');
    const pub = await readPublication(path);
    expect(pub).toMatchObject({ dataset: 'au_dfat', format: 'au-xlsx', published: '2022-08-03' });
    expect(pub.entities.map((e) => e.id).sort()).toEqual(['au_dfat-1113', 'au_dfat-1126', 'au_dfat-34']);
    const komid = byId(pub.entities, 'au_dfat-1113');
    expect(komid.properties.name).toEqual(['Korea Mining Development Trading Corporation']);
    expect(komid.properties.alias).toEqual(['Changgwang Sinyong Corporation', 'KOMID']);
    expect(komid.properties.imoNumber).toEqual(['IMO1790183']);
    expect(komid.designations[0]).toMatchObject({ program: '1718 (DPRK)', referenceNumber: '1113', listingDate: '2009-04-24' });
    const yun = byId(pub.entities, 'au_dfat-1126');
    expect(yun.schema).toBe('Person');
    expect(yun.properties.alias).toEqual(['윤호진']);
    expect(yun.properties.birthDate).toEqual(['1944-10-13']);
    expect(isDprkEntity(yun)).toBe(true);
    const ref34 = byId(pub.entities, 'au_dfat-34');
    expect(ref34.properties).toMatchObject({ name: ['Primary Thirty Four'], previousName: ['Some Alias'], birthDate: ['1961', '1962'] });
    expect(isDprkEntity(ref34)).toBe(false);
  });
});

describe('Canada SEMA XML', () => {
  it('reads people, ships with IMO numbers and organizations with their aliases', async () => {
    const pub = await readPublication(fixture('ca-sema-small.xml'));
    expect(pub).toMatchObject({ dataset: 'ca_sema', format: 'ca-sema-xml', published: '2025-02-21' });
    const ivanov = byId(pub.entities, 'ca_sema-russia-1-part-1-12');
    expect(ivanov.properties).toMatchObject({ name: ['Ivan Ivanovich Ivanov'], alias: ['Iwan Iwanow', 'Иван Иванов'], birthDate: ['1961-03-02'] });
    const ship = byId(pub.entities, 'ca_sema-russia-1-1-1');
    expect(ship).toMatchObject({ schema: 'Vessel', properties: expect.objectContaining({ imoNumber: ['IMO7612448'], buildDate: ['1980'] }) });
    const htoo = byId(pub.entities, 'ca_sema-burma-1-8');
    expect(htoo.properties.alias).toEqual(['Htoo Trading Company Limited', 'Htoo Trading Group Company', 'Htoo Wood Co., Ltd.']);
  });
});

describe('FollowTheMoney', () => {
  it('keeps ids, folds Sanction entities into designations and takes the dataset the entities share', async () => {
    const pub = await readPublication(fixture('ftm-small.ftm.json'));
    expect(pub).toMatchObject({ dataset: 'test_ftm', format: 'ftm' });
    const kim = byId(pub.entities, 'NK-test-1');
    expect(kim.properties.alias).toEqual(['Kim Yong Nam', '김영남']);
    expect(kim.referents).toEqual(['ofac-1']);
    expect(kim.designations).toEqual([expect.objectContaining({ authority: 'Office of Foreign Assets Control', program: 'DPRK', listingDate: '2017-09-26' })]);
    expect(byId(pub.entities, 'NK-test-sanction-1').schema).toBe('Sanction');
  });

  it('reads the delta format as operations', async () => {
    const pub = await readPublication(fixture('ftm-small.delta.json'));
    expect(pub.format).toBe('ftm-delta');
    expect(pub.delta?.map((d) => `${d.op} ${d.entity.id}`)).toEqual(['DEL NK-test-2', 'MOD NK-test-1', 'ADD NK-test-3']);
  });
});
