import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/fixtures.js';
import { ensureTemplate, pgliteVersion, restoreTemplate } from './store-template.js';

const VERSION = pgliteVersion()!;

/** A stand-in for the build's database: a few files in folders. */
async function fakeDatabase(dataDir: string): Promise<void> {
  mkdirSync(join(dataDir, 'base', '5'), { recursive: true });
  writeFileSync(join(dataDir, 'PG_VERSION'), '18\n');
  chmodSync(join(dataDir, 'PG_VERSION'), 0o666);
  writeFileSync(join(dataDir, 'base', '5', '1259'), Buffer.alloc(8192, 7));
}

describe('ensureTemplate', () => {
  it('keeps the database the build made, once, and removes other templates', async () => {
    const dist = tempDir();
    writeFileSync(join(dist, `pglite-template-${VERSION}.tar.gz`), 'an older format');
    let builds = 0;
    const build = async (dataDir: string): Promise<void> => {
      builds++;
      await fakeDatabase(dataDir);
    };
    const first = await ensureTemplate(VERSION, build, dist);
    expect(first.built).toBe(true);
    expect(readdirSync(dist)).toEqual([first.path.split('/').pop()]);
    expect(JSON.parse(readFileSync(join(first.path, 'template.json'), 'utf8'))).toMatchObject({ pglite: VERSION, migrations: expect.arrayContaining([expect.objectContaining({ version: 1, name: '001_init.sql' })]) });
    expect(await ensureTemplate(VERSION, build, dist)).toEqual({ path: first.path, built: false });
    expect(builds).toBe(1);
  });

  it('leaves nothing behind when the build fails', async () => {
    const dist = tempDir();
    await expect(ensureTemplate(VERSION, async () => { throw new Error('initdb failed'); }, dist)).rejects.toThrow('initdb failed');
    expect(readdirSync(dist)).toEqual([]);
  });
});

describe('restoreTemplate', () => {
  it('copies the template into a new store’s folder, whole', async () => {
    const dist = tempDir();
    await ensureTemplate(VERSION, fakeDatabase, dist);
    const store = tempDir();
    // What an initdb that died left: a folder without a database.
    mkdirSync(join(store, 'pg'));
    expect(restoreTemplate(join(store, 'pg'), dist)).toBe(true);
    expect(readFileSync(join(store, 'pg', 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(readFileSync(join(store, 'pg', 'base', '5', '1259'))).toEqual(Buffer.alloc(8192, 7));
    expect(readdirSync(store)).toEqual(['pg']);
    // Anyone may copy a template; nobody but the store's owner may write what it copied.
    expect(statSync(join(store, 'pg', 'PG_VERSION')).mode & 0o777).toBe(0o644);
  });

  it('takes no template built for other migrations or none', async () => {
    expect(restoreTemplate(join(tempDir(), 'pg'), tempDir())).toBe(false);
    const dist = tempDir();
    const { path } = await ensureTemplate(VERSION, fakeDatabase, dist);
    const manifest = JSON.parse(readFileSync(join(path, 'template.json'), 'utf8'));
    manifest.migrations[0].sha256 = '0'.repeat(64);
    writeFileSync(join(path, 'template.json'), JSON.stringify(manifest));
    const store = tempDir();
    expect(restoreTemplate(join(store, 'pg'), dist)).toBe(false);
    expect(existsSync(join(store, 'pg'))).toBe(false);
  });
});
