import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir, tempFile } from './helpers/fixtures.js';

const REPO = new URL('..', import.meta.url).pathname;

describe('interdict load / versions / entity / export / diff', () => {
  const db = tempDir('interdict-cli-');

  it('loads several lists and prints the JSON summary', async () => {
    const run = await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), fixture('ca-sema-small.xml'), '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.datasets.un_sc).toMatchObject({ entities: 3, published: '2026-02-27', added: 3, removed: 0, changed: 0, created: true, current: true });
    expect(summary.datasets.un_sc.version).toMatch(/^un_sc-20260227-[0-9a-f]{8}$/);
    expect(summary.datasets.us_ofac_sdn).toMatchObject({ entities: 4, published: null, added: 4 });
    expect(summary.datasets.ca_sema).toMatchObject({ entities: 3, added: 3 });
  });

  it('loading the same files again adds no version', async () => {
    const run = await runCli(['load', fixture('un-small.xml'), '--db', db, '--json']);
    expect(JSON.parse(run.stdout).datasets.un_sc).toMatchObject({ created: false, added: 0 });
    const versions = JSON.parse((await runCli(['versions', '--db', db, '--json'])).stdout).versions;
    expect(versions.filter((v: { dataset: string }) => v.dataset === 'un_sc')).toHaveLength(1);
  });

  it('a new publication reports what changed', async () => {
    const run = await runCli(['load', fixture('ofac-csv-v2'), '--db', db, '--json']);
    expect(JSON.parse(run.stdout).datasets.us_ofac_sdn).toMatchObject({ entities: 4, added: 1, removed: 1, changed: 1 });
    const table = await runCli(['versions', '--db', db]);
    expect(table.stdout).toMatch(/^\*\s+us_ofac_sdn\s+us_ofac_sdn-undated-/m);
    expect(table.stdout.match(/us_ofac_sdn-undated-/g)).toHaveLength(2);
  });

  it('a malformed file fails with its name and line, and nothing stored changes', async () => {
    const before = (await runCli(['versions', '--db', db, '--json'])).stdout;
    const bad = tempFile('consolidated.xml', readFileSync(fixture('un-small.xml'), 'utf8').replace('</INDIVIDUAL>', '</INDIVIDUALX>'));
    const run = await runCli(['load', fixture('ca-sema-small.xml'), bad, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/consolidated\.xml \(line \d+, column \d+\)/);
    expect((await runCli(['versions', '--db', db, '--json'])).stdout).toBe(before);
  });

  it('prints an entity with its designations and the versions that carried it', async () => {
    const run = await runCli(['entity', 'us_ofac_sdn-12211', '--db', db]);
    expect(run.code).toBe(0);
    const entity = JSON.parse(run.stdout);
    expect(entity).toMatchObject({ id: 'us_ofac_sdn-12211', schema: 'Person', caption: 'KIM, Yong Chol' });
    expect(entity.properties.alias).toEqual(['KIM, Young-Chol', 'KIM, Young-Cheol']);
    expect(entity.designations[0]).toMatchObject({ authority: 'Office of Foreign Assets Control', program: 'DPRK' });
    expect(entity.versions).toHaveLength(2);
    const missing = await runCli(['entity', 'us_ofac_sdn-20001', '--db', db]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/not found in the current versions \(it was in us_ofac_sdn-undated-/);
  });

  it('exports FtM lines that load back as the same entities', async () => {
    const run = await runCli(['export', '--db', db, '--dataset', 'un_sc']);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.schema === 'Sanction')).toHaveLength(3);
    expect(lines.find((l) => l.id === 'un_sc-KPi.037')).toMatchObject({ schema: 'Person', target: true, datasets: ['un_sc'] });
    const file = join(tempDir(), 'entities.ftm.json');
    writeFileSync(file, run.stdout);
    const other = tempDir('interdict-cli-');
    const load = await runCli(['load', file, '--dataset', 'un_sc_copy', '--db', other, '--json']);
    expect(JSON.parse(load.stdout).datasets.un_sc_copy.entities).toBe(6);
    const copy = JSON.parse((await runCli(['entity', 'un_sc-KPi.037', '--db', other])).stdout);
    const original = JSON.parse((await runCli(['entity', 'un_sc-KPi.037', '--db', db])).stdout);
    expect(copy.properties).toEqual(original.properties);
    expect(copy.designations).toEqual([expect.objectContaining({ dataset: 'un_sc', program: 'DPRK', referenceNumber: 'KPi.037', listingDate: '2016-11-30' })]);
  });

  it('exports only the dprk collection when asked', async () => {
    const run = await runCli(['export', '--db', db, '--collection', 'dprk']);
    const ids = run.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.schema !== 'Sanction').map((l) => l.id).sort();
    expect(ids).toEqual(['un_sc-KPe.001', 'un_sc-KPi.033', 'un_sc-KPi.037', 'us_ofac_sdn-12211', 'us_ofac_sdn-17069', 'us_ofac_sdn-30000', 'us_ofac_sdn-9345']);
  });

  it('applies an OpenSanctions delta to the dataset\'s current version', async () => {
    const other = tempDir('interdict-cli-');
    await runCli(['load', fixture('ftm-small.ftm.json'), '--db', other]);
    const run = await runCli(['load', fixture('ftm-small.delta.json'), '--db', other, '--json']);
    expect(JSON.parse(run.stdout).datasets.test_ftm).toMatchObject({ entities: 3, added: 1, removed: 1, changed: 1 });
    const kim = JSON.parse((await runCli(['entity', 'NK-test-1', '--db', other])).stdout);
    expect(kim.properties.alias).toContain('KIM Young-Nam');
    expect(kim.designations).toHaveLength(1);
  });

  it('diffs two files without a store', async () => {
    const run = await runCli(['diff', fixture('ofac-csv'), fixture('ofac-csv-v2'), '--json']);
    // The ids, with each entity's name and, for a changed one, the properties that changed (an alias added).
    expect(JSON.parse(run.stdout)).toEqual({
      added: ['us_ofac_sdn-30000'], removed: ['us_ofac_sdn-20001'], changed: ['us_ofac_sdn-12211'],
      captions: { 'us_ofac_sdn-30000': 'NEW TRADING CO., LTD.', 'us_ofac_sdn-20001': 'CAFÉ MÜNCHEN S.A.', 'us_ofac_sdn-12211': 'KIM, Yong Chol' },
      changed_properties: { 'us_ofac_sdn-12211': ['alias'] },
    });
    const text = await runCli(['diff', fixture('ofac-csv'), fixture('ofac-csv-v2')]);
    expect(text.stdout).toContain('added 1, removed 1, changed 1');
    expect(text.stdout.split('\n').slice(2)).toEqual(['+ us_ofac_sdn-30000  NEW TRADING CO., LTD.', '- us_ofac_sdn-20001  CAFÉ MÜNCHEN S.A.', '~ us_ofac_sdn-12211  KIM, Yong Chol (changed: alias)', '']);
    const mismatch = await runCli(['diff', fixture('un-small.xml'), fixture('ofac-csv')]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('diff two publications of the same list');
  });

  it('refuses an invalid environment with the variable named', async () => {
    const run = await runCli(['versions'], { DATABASE_URL: 'not a url' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('environment variable DATABASE_URL');
  });
});

describe('the installed command', () => {
  it.skipIf(!existsSync(join(REPO, 'dist/cli/main.js')))('runs from bin/ with --help', () => {
    const help = execFileSync(process.execPath, [join(REPO, 'bin/interdict.js'), '--help'], { encoding: 'utf8' });
    for (const command of ['load', 'diff', 'versions', 'entity', 'export', 'serve']) expect(help).toContain(command);
  });
});

describe('interdict keys', () => {
  it('creates a key shown once on its last line, lists keys without it, and revokes them', async () => {
    const db = tempDir('interdict-keys-');
    const created = await runCli(['keys', 'create', '--role', 'admin', '--label', 'ops', '--db', db]);
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const secret = lines[lines.length - 1]!;
    expect(secret).toMatch(/^idk_[A-Za-z0-9_-]{43}$/);
    const id = /created (key_[0-9a-f]+)/.exec(created.stdout)![1]!;
    const listed = await runCli(['keys', 'list', '--json', '--db', db]);
    expect(listed.stdout).not.toContain(secret);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id, role: 'admin', label: 'ops', revokedAt: null })]);
    expect((await runCli(['keys', 'revoke', id, '--db', db])).stdout).toBe(`revoked ${id} (role admin)\n`);
    const wrong = await runCli(['keys', 'create', '--role', 'root', '--db', db]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('role must be one of reader, analyst, admin');
    expect((await runCli(['keys', 'revoke', 'key_nope', '--db', db])).code).toBe(3);
  });
});
