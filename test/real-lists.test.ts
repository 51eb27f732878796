import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isDprkEntity } from '../src/core/collections.js';
import type { Entity } from '../src/core/entity.js';
import { diffPaths } from '../src/service/diff.js';
import { readPublication } from '../src/sources/index.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

const NAME_PROPS = ['name', 'alias', 'weakAlias', 'previousName'] as const;
const names = (e: Entity): string[] => NAME_PROPS.flatMap((p) => e.properties[p] ?? []);
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Read an OFAC CSV file independently of the product's parser. */
function rawCsv(path: string): string[][] {
  const bytes = readFileSync(path);
  const text = iconv.decode(path.endsWith('.gz') ? gunzipSync(bytes) : bytes, 'win1252').replace(new RegExp(String.fromCharCode(0x1a) + '\\s*$'), '');
  return (parse(text, { relax_column_count: true, relax_quotes: true }) as string[][]).map((r) => r.map((v) => (v.trim() === '-0-' ? '' : clean(v))));
}

describe.skipIf(!HAVE_SHARED_DATA)('real lists', () => {
  describe('UN 2026-02-27', async () => {
    const path = dataPath('un_sc/2026-02-27/consolidated.xml');
    const pub = HAVE_SHARED_DATA ? await readPublication(path) : undefined;

    it('has 730 individuals and 273 entities, 155 of them DPRK (80 + 75)', () => {
      const entities = pub!.entities;
      expect(entities.filter((e) => e.schema === 'Person')).toHaveLength(730);
      expect(entities.filter((e) => e.schema === 'Organization')).toHaveLength(273);
      const dprk = entities.filter(isDprkEntity);
      expect(dprk.filter((e) => e.schema === 'Person')).toHaveLength(80);
      expect(dprk.filter((e) => e.schema === 'Organization')).toHaveLength(75);
      expect(dprk.every((e) => /^un_sc-KP[ie]\./.test(e.id))).toBe(true);
    });

    it('keeps all 2752 aliases, each on its own entity', () => {
      const xml = readFileSync(path, 'utf8');
      const records = xml.split(/<(?:INDIVIDUAL|ENTITY)>/).slice(1);
      let aliases = 0;
      for (const record of records) {
        const ref = /<REFERENCE_NUMBER>([^<]+)</.exec(record)![1]!.trim();
        const entity = pub!.entities.find((e) => e.id === `un_sc-${ref}`)!;
        for (const m of record.matchAll(/<ALIAS_NAME>([^<]+)<\/ALIAS_NAME>/g)) {
          const alias = clean(m[1]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
          if (!alias) continue;
          aliases++;
          for (const part of alias.split(';').map(clean).filter(Boolean)) expect(names(entity)).toContain(part);
        }
      }
      expect(aliases).toBe(2752);
    });

    it('reads KPi.037 CHANG CHANG HA with its alias Jang Chang Ha', () => {
      const chang = pub!.entities.find((e) => e.id === 'un_sc-KPi.037')!;
      expect(chang.caption).toBe('CHANG CHANG HA');
      expect(chang.properties.alias).toContain('Jang Chang Ha');
      expect(chang.properties.birthDate).toEqual(['1964-01-10']);
      expect(isDprkEntity(chang)).toBe(true);
    });
  });

  it('reads the 2020 serialization with its padded values', async () => {
    const pub = await readPublication(dataPath('un_sc/2020-12-01/consolidated.xml.gz'));
    expect(pub.published).toBe('2020-12-01');
    expect(pub.entities).toHaveLength(1006);
    expect(pub.entities.find((e) => e.id === 'un_sc-KPi.033')?.caption).toBe('RI WON HO');
    expect(pub.entities.filter(isDprkEntity)).toHaveLength(155);
  });

  describe('UN diffs between real publications', () => {
    it('2025-12-09 → 2025-12-10: exactly IQi.074 removed', async () => {
      const diff = await diffPaths(dataPath('un_sc/2025-12-09/consolidated.xml.gz'), dataPath('un_sc/2025-12-10/consolidated.xml.gz'));
      expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual({ added: [], removed: ['un_sc-IQi.074'], changed: [] });
    });
    it('2025-11-20 → 2025-12-09: HTi.006 and SOi.022 changed, nothing else', async () => {
      const diff = await diffPaths(dataPath('un_sc/2025-11-20/consolidated.xml.gz'), dataPath('un_sc/2025-12-09/consolidated.xml.gz'));
      expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual({ added: [], removed: [], changed: ['un_sc-HTi.006', 'un_sc-SOi.022'] });
    });
    it('2025-12-10 → 2026-01-28: no change although the files differ', async () => {
      const a = dataPath('un_sc/2025-12-10/consolidated.xml.gz');
      const b = dataPath('un_sc/2026-01-28/consolidated.xml.gz');
      expect(readFileSync(a).equals(readFileSync(b))).toBe(false);
      const diff = await diffPaths(a, b);
      expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual({ added: [], removed: [], changed: [] });
    });
  });

  describe('OFAC SDN CSV 2021-07-07', async () => {
    const folder = dataPath('ofac_sdn_csv/2021-07-07');
    const pub = HAVE_SHARED_DATA ? await readPublication(folder) : undefined;
    const byId = new Map(pub?.entities.map((e) => [e.id, e]));

    it('has 8976 entries', () => {
      expect(pub!.entities).toHaveLength(8976);
    });

    it('attaches all 11910 alt rows to their entry', () => {
      const alts = rawCsv(`${folder}/alt.csv.gz`).filter((r) => r.length === 5);
      expect(alts).toHaveLength(11910);
      for (const [entNum, , , altName] of alts) {
        expect(names(byId.get(`us_ofac_sdn-${entNum}`)!)).toContain(altName);
      }
    });

    it('reads 9345 KOREA MINING DEVELOPMENT TRADING CORPORATION with its aliases, in the dprk collection', () => {
      const komid = byId.get('us_ofac_sdn-9345')!;
      expect(komid.caption).toBe('KOREA MINING DEVELOPMENT TRADING CORPORATION');
      expect(komid.properties.alias).toEqual(expect.arrayContaining(['NORTH KOREAN MINING DEVELOPMENT TRADING CORPORATION', 'CHANGGWANG SINYONG CORPORATION', 'EXTERNAL TECHNOLOGY GENERAL CORPORATION', 'KOREA KUMRYONG TRADING COMPANY', 'KOMID']));
      expect(komid.designations.map((d) => d.program)).toEqual(['NPWMD', 'DPRK2']);
      expect(isDprkEntity(komid)).toBe(true);
    });

    it('puts every DPRK-program entry, and every NPWMD entry citing the NKSR, in the dprk collection', () => {
      const sdn = rawCsv(`${folder}/sdn.csv.gz`).filter((r) => r.length === 12);
      let expected = 0;
      for (const row of sdn) {
        const programs = row[3]!;
        const dprk = /DPRK/.test(programs) || (/NPWMD/.test(programs) && /North Korea Sanctions Regulations/i.test(row[11]!));
        if (dprk) expected++;
        expect(isDprkEntity(byId.get(`us_ofac_sdn-${row[0]}`)!), `ent_num ${row[0]}`).toBe(dprk);
      }
      expect(expected).toBeGreaterThan(414);
    });
  });

  it('OFAC 2021-04-25 → 2021-07-07: the diff matches an independent count from the raw CSVs', async () => {
    /** Each entry's facts as the raw files give them: its sdn row, alias rows and address rows, order-free. */
    const snapshot = (folder: string): Map<string, string> => {
      const facts = new Map<string, { sdn: string; alt: string[]; add: string[] }>();
      for (const row of rawCsv(`${folder}/sdn.csv.gz`)) facts.set(row[0]!, { sdn: row.slice(1).join('|'), alt: [], add: [] });
      for (const row of rawCsv(`${folder}/alt.csv.gz`)) facts.get(row[0]!)?.alt.push(`${row[2]}|${row[3]}`);
      for (const row of rawCsv(`${folder}/add.csv.gz`)) facts.get(row[0]!)?.add.push(row.slice(2).join('|'));
      // Remarks too long for sdn.csv continue in sdn_comments.csv (the 2021-04-25 set lacks that file).
      if (existsSync(`${folder}/sdn_comments.csv`)) {
        for (const row of rawCsv(`${folder}/sdn_comments.csv`)) {
          const f = facts.get(row[0]!);
          if (f) f.sdn += `|${row[1]}`;
        }
      }
      return new Map([...facts].map(([id, f]) => [`us_ofac_sdn-${id}`, JSON.stringify([f.sdn, f.alt.sort(), f.add.sort()])]));
    };
    const before = snapshot(dataPath('ofac_sdn_csv/2021-04-25'));
    const after = snapshot(dataPath('ofac_sdn_csv/2021-07-07'));
    const expected = {
      added: [...after.keys()].filter((id) => !before.has(id)).sort(),
      removed: [...before.keys()].filter((id) => !after.has(id)).sort(),
      changed: [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)).sort(),
    };
    expect(expected.added).toHaveLength(150);
    expect(expected.removed).toHaveLength(64);
    const diff = await diffPaths(dataPath('ofac_sdn_csv/2021-04-25'), dataPath('ofac_sdn_csv/2021-07-07'));
    expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual(expected);
  });

  it('Australia DFAT 2024-12-17: 3062 listings, 211 of them DPRK', async () => {
    const pub = await readPublication(dataPath('au_dfat/2024-12-17/regulation8_consolidated.xlsx'));
    expect(pub.entities).toHaveLength(3062);
    expect(pub.entities.filter(isDprkEntity)).toHaveLength(211);
    expect(pub.entities.filter((e) => e.schema === 'Person')).toHaveLength(2316);
    const komid = pub.entities.find((e) => e.id === 'au_dfat-1113')!;
    expect(komid.properties.alias).toEqual(expect.arrayContaining(['Changgwang Sinyong Corporation', 'External Technology General Corporation', 'DPRKN Mining Development Trading Cooperation']));
    // A listing date the workbook types as a date (an Excel serial number, 41340) is read as one.
    expect(pub.entities.find((e) => e.id === 'au_dfat-2580')!.designations[0]).toMatchObject({ listingDate: '2013-03-07', reason: '2013-03-07' });
    expect(pub.entities.filter((e) => e.designations.some((d) => !d.listingDate))).toEqual([]);
  });

  it('Canada SEMA: both schemas, with unique record keys', async () => {
    const current = await readPublication(dataPath('ca_sema/2025-05-25/sema-lmes.xml.gz'));
    expect(current.entities).toHaveLength(4759);
    expect(current.entities.filter((e) => e.schema === 'Person')).toHaveLength(3334);
    expect(current.entities.filter((e) => e.schema === 'Vessel')).toHaveLength(109);
    expect(new Set(current.entities.map((e) => e.id)).size).toBe(4759);
    const old = await readPublication(dataPath('ca_sema/2020-04-15/sema-lmes.xml'));
    expect(old.entities).toHaveLength(1369);
    expect(old.entities.filter((e) => e.schema === 'Person')).toHaveLength(985);
  });

  it('OFAC consolidated XML diffs ignore element order: 10-22 → 12-18 one removal, 03-28 → 10-22 twelve changes', async () => {
    const d = (date: string): string => dataPath(`ofac_consolidated_xml/${date}/consolidated.xml.gz`);
    const late = await diffPaths(d('2025-10-22'), d('2025-12-18'));
    expect([late.added.length, late.removed.length, late.changed.length]).toEqual([0, 1, 0]);
    const early = await diffPaths(d('2025-03-28'), d('2025-10-22'));
    expect([early.added.length, early.removed.length, early.changed.length]).toEqual([0, 0, 12]);
  });

  it('OFAC consolidated XML: 442 entries, named us_ofac_cons', async () => {
    const pub = await readPublication(dataPath('ofac_consolidated_xml/2025-12-18/consolidated.xml.gz'));
    expect(pub).toMatchObject({ dataset: 'us_ofac_cons', published: '2025-12-18' });
    expect(pub.entities).toHaveLength(442);
    const akas = pub.entities.reduce((n, e) => n + (e.properties.alias?.length ?? 0) + (e.properties.weakAlias?.length ?? 0) + (e.properties.previousName?.length ?? 0), 0);
    expect(akas).toBeGreaterThan(1100);
  });

  it('OpenSanctions FtM: entities keep their ids and Sanction entities become designations', async () => {
    const zala = await readPublication(dataPath('opensanctions_ftm/yente-zala/entities.ftm.json'));
    expect(zala.entities).toHaveLength(91);
    const osetrova = zala.entities.find((e) => e.id === 'NK-2Tbri3s6GgNtAwsSXh4qpL')!;
    expect(osetrova.properties.alias).toContain('Mariya Aleksandrovna Osetrova');
    const sanctioned = zala.entities.find((e) => e.id === 'NK-abdzbEBkqyT29GyREbiURZ')!;
    expect(sanctioned.designations).toHaveLength(28);
    expect(sanctioned.properties.topics).toContain('sanction');
    const delta = await readPublication(dataPath('opensanctions_ftm/yente-2024-07-05/entities.delta.json.gz'));
    expect(delta.delta).toHaveLength(1700);
    expect(delta.delta!.filter((d) => d.op === 'DEL')).toHaveLength(571);
  });
});
