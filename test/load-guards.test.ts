import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { Screener } from '../src/service/screener.js';
import { loadPaths } from '../src/service/load.js';
import { openStore } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

// A list that shrinks drastically is not taken as current without a word: an admin posting a
// one-entity file as us_ofac_sdn once removed 8,976 entities, and the next re-screening closed
// the open OFAC alerts as delisted.

describe.skipIf(!HAVE_SHARED_DATA)('a new version that would remove much of its dataset', () => {
  /** The OFAC SDN CSV set of 2021-07-07 cut to its first `rows` entries. */
  function shrunk(rows: number): string {
    const dir = tempDir();
    const source = dataPath('ofac_sdn_csv/2021-07-07');
    const read = (name: string): string[] => (name.endsWith('.gz') ? gunzipSync(readFileSync(join(source, name))) : readFileSync(join(source, name))).toString('latin1').split('\n');
    const sdn = read('sdn.csv.gz').filter((line) => /^\d+,/.test(line)).slice(0, rows);
    const kept = new Set(sdn.map((line) => line.slice(0, line.indexOf(','))));
    writeFileSync(join(dir, 'sdn.csv'), `${sdn.join('\n')}\n`, 'latin1');
    // The other files of the set, for the entries kept only.
    for (const [from, to] of [['alt.csv.gz', 'alt.csv'], ['add.csv.gz', 'add.csv'], ['sdn_comments.csv', 'sdn_comments.csv']] as const) {
      writeFileSync(join(dir, to), `${read(from).filter((line) => kept.has(line.slice(0, line.indexOf(',')))).join('\n')}\n`, 'latin1');
    }
    return dir;
  }

  it('is refused, saying what it would remove, until forced; the store is left as it was', async () => {
    const db = tempDir();
    expect((await runCli(['load', dataPath('ofac_sdn_csv/2021-07-07'), '--db', db])).code).toBe(0);
    // Half the list: refused under the default share (10%), taken under a share set higher.
    const half = shrunk(4500);
    expect((await runCli(['load', half, '--db', db])).stderr).toMatch(/would remove 44\d\d of its 8976 entities \(49\.\d%, more than 10%\)/);
    expect((await runCli(['load', half, '--db', db], { INTERDICT_MAX_REMOVED_SHARE: '0.6' })).code).toBe(0);
    const small = shrunk(1);
    const refused = await runCli(['load', small, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/this version of us_ofac_sdn would remove 4499 of its 4500 entities \(100\.0%, more than 10%\), among them us_ofac_sdn-\d+ \(.+\).*Nothing was loaded; load it with --force/);
    expect(JSON.parse((await runCli(['versions', '--db', db, '--json'])).stdout).versions).toHaveLength(2);
    const forced = await runCli(['load', small, '--db', db, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).datasets.us_ofac_sdn).toMatchObject({ created: true, current: true, removed: 4499 });
  });
});

describe('a new version in another format than the current one', () => {
  it('is refused until forced, over the API too', async () => {
    const store = await openStore({ kind: 'embedded', dir: undefined });
    const app = createServer(store, { logLevel: 'silent', screener: new Screener(store) });
    const post = (query: string) => app.inject({ method: 'POST', url: `/lists/load?filename=ofac-small.xml${query}`, payload: readFileSync(fixture('ofac-small.xml')), headers: { 'content-type': 'application/xml' } });
    expect((await loadPaths(store, [fixture('ofac-csv')])).datasets.us_ofac_sdn!.format).toBe('ofac-csv');
    const refused = await post('');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'DRASTIC_CHANGE', detail: expect.stringContaining('us_ofac_sdn is loaded from ofac-csv (version us_ofac_sdn-undated-') });
    expect((await store.listVersions()).length).toBe(1);
    expect((await post('&force=true')).statusCode).toBe(200);
    expect((await store.listVersions()).length).toBe(2);
    await app.close();
    await store.close();
  });
});

describe.skipIf(!HAVE_SHARED_DATA)('a list file cut short', () => {
  const dfat = (): Buffer => readFileSync(dataPath('au_dfat/2024-12-17/regulation8_consolidated.xlsx'));

  it('is a parse error naming the file, on the command line and over the API, at every length', async () => {
    const whole = dfat();
    const db = tempDir();
    for (const share of [0.2, 0.5, 0.95]) {
      const path = join(tempDir(), 'regulation8_consolidated.xlsx');
      writeFileSync(path, whole.subarray(0, Math.floor(whole.length * share)));
      const run = await runCli(['load', path, '--db', db]);
      expect(run.code, `cut at ${share}`).toBe(2);
      expect(run.stderr).toContain('regulation8_consolidated.xlsx: not a readable XLSX workbook: the file is cut short');
    }
    // A gzip cut short, in every format that comes gzipped: a parse error naming the file, never a crash.
    const half = (file: string, name: string, folder = tempDir()): string => {
      const bytes = readFileSync(dataPath(file));
      writeFileSync(join(folder, name), bytes.subarray(0, bytes.length >> 1));
      return join(folder, name);
    };
    for (const cut of [half('un_sc/2025-12-10/consolidated.xml.gz', 'consolidated.xml.gz'), half('opensanctions_ftm/yente-2024-07-05/entities.delta.json.gz', 'entities.delta.json.gz')]) {
      const run = await runCli(['load', cut, '--db', db]);
      expect(run.code, cut).toBe(2);
      expect(run.stderr).toMatch(/\(line \d+\): cannot read: unexpected end of file\n$/);
    }
    const ofac = tempDir();
    half('ofac_sdn_csv/2021-07-07/sdn.csv.gz', 'sdn.csv.gz', ofac);
    for (const name of ['alt.csv.gz', 'add.csv.gz']) writeFileSync(join(ofac, name), readFileSync(dataPath(`ofac_sdn_csv/2021-07-07/${name}`)));
    const csv = await runCli(['load', ofac, '--db', db]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/sdn\.csv \(line \d+\): unexpected end of file\n$/);
    // Nothing was loaded: the store was never even created.
    const versions = await runCli(['versions', '--db', db, '--json']);
    expect(versions.code).toBe(2);
    expect(versions.stderr).toContain('the folder holds no database');
    const store = await openStore({ kind: 'embedded', dir: undefined });
    const app = createServer(store, { logLevel: 'silent', screener: new Screener(store) });
    // The upload lands in the temporary folder and is gone once the request is answered.
    const uploads = tempDir();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = uploads;
    expect(tmpdir()).toBe(uploads);
    const upload = await app.inject({ method: 'POST', url: '/lists/load?filename=regulation8_consolidated.xlsx', payload: whole.subarray(0, whole.length >> 1), headers: { 'content-type': 'application/octet-stream' } }).finally(() => {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    });
    expect(upload.statusCode).toBe(400);
    expect(upload.json().detail).toContain('the file is cut short');
    expect(readdirSync(uploads)).toEqual([]);
    expect(await store.listVersions()).toEqual([]);
    await app.close();
    await store.close();
  });
});
