import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../core/canonical.js';
import { processAlive } from './folder-lock.js';
import { listMigrations, type Migration } from './migrate.js';

/**
 * The embedded store's template: a database the build initialized, migrated and shut down
 * cleanly (scripts/build-store-template.js), kept as plain files under dist/. A new store is a
 * copy of it: initdb takes several seconds and ~700 MB, unpacking a PGlite tarball dump goes
 * through PGlite's in-WASM file system file by file, and the migrations take as long again.
 *
 * A template is never changed once written: its name says the PGlite version and the
 * migrations it holds, and a build that finds it already there keeps it.
 */

/** Changed whenever what the build puts in a template changes, so that older ones are not taken for it. */
const TEMPLATE_FORMAT = 3;

/** What the build put in a template besides the database's files. */
interface TemplateManifest {
  format: number;
  pglite: string;
  /** The migrations applied to it, each with a hash of its SQL, so that a migration edited since is not taken as applied. */
  migrations: { version: number; name: string; sha256: string }[];
}

const MANIFEST = 'template.json';
const DATA = 'pg';
const PREFIX = 'pglite-template-';

/** dist/ of this checkout, from src/store and dist/store alike: where templates are kept, unless told otherwise (tests). */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** The installed PGlite's version (its package.json is not exported, so found from its entry point). */
export function pgliteVersion(): string | undefined {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@electric-sql/pglite') return version;
  }
  return undefined;
}

function manifestOf(version: string, migrations: Migration[]): TemplateManifest {
  return { format: TEMPLATE_FORMAT, pglite: version, migrations: migrations.map((m) => ({ version: m.version, name: m.name, sha256: sha256(m.sql) })) };
}

/** `pglite-template-0.5.16-3f0c9a1b2d4e`: the PGlite version, then a hash of the rest of the manifest. */
function templateName(manifest: TemplateManifest): string {
  return `${PREFIX}${manifest.pglite}-${sha256(JSON.stringify([manifest.format, manifest.migrations])).slice(0, 12)}`;
}

function readManifest(path: string): TemplateManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(path, MANIFEST), 'utf8')) as TemplateManifest;
  } catch {
    return undefined;
  }
}

/**
 * The template a new store can start from: built for the installed PGlite, and holding no
 * migration this code does not have as it is (those it lacks are applied when the store opens,
 * so a migration added since the last build still finds one). Of several, the most migrated.
 */
function usableTemplate(dist: string): string | undefined {
  const version = pgliteVersion();
  if (!version || !existsSync(dist)) return undefined;
  const current = new Map(manifestOf(version, listMigrations()).migrations.map((m) => [m.version, m.sha256]));
  let best: { path: string; applied: number } | undefined;
  for (const name of readdirSync(dist)) {
    if (!name.startsWith(`${PREFIX}${version}-`)) continue;
    const path = join(dist, name);
    const manifest = readManifest(path);
    if (!manifest || manifest.format !== TEMPLATE_FORMAT || manifest.pglite !== version || templateName(manifest) !== name) continue;
    if (!manifest.migrations.every((m) => current.get(m.version) === m.sha256)) continue;
    if (!best || manifest.migrations.length > best.applied) best = { path, applied: manifest.migrations.length };
  }
  return best?.path;
}

/** Copy a directory tree, each file in one system call (fs.cpSync checks and stats every entry in JavaScript, several times slower). */
function copyTree(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else copyFileSync(source, target);
  }
}

/**
 * Let every user read a template and none but its owner write it, whatever modes the build left
 * (PGlite's file system makes most files writable by all): a store copies its files' modes, and
 * an installation built by one user creates stores for others.
 */
function shareTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) shareTree(path);
    else chmodSync(path, 0o644);
  }
}

/**
 * Create the database of a new store in `dataDir`, where there is none, from the build's
 * template. Returns false when there is no usable template (PGlite then runs initdb itself).
 * The copy is made beside `dataDir` and renamed into place, so that a copy cut short (a full
 * disk) is never taken for a database.
 */
export function restoreTemplate(dataDir: string, dist = DIST): boolean {
  const partial = `${dataDir}.partial`;
  for (let attempt = 0; ; attempt++) {
    const template = usableTemplate(dist);
    if (!template) return false;
    rmSync(partial, { recursive: true, force: true });
    try {
      copyTree(join(template, DATA), partial);
      // What is there holds no database (the caller found none): an initdb that died, say.
      rmSync(dataDir, { recursive: true, force: true });
      renameSync(partial, dataDir);
      return true;
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      // A build replaced the template while it was being copied: take the one it left.
      if (attempt === 0 && !existsSync(template)) continue;
      throw error;
    }
  }
}

/**
 * Make sure dist/ holds the template for PGlite `version` and this code's migrations: when it
 * does not, `build` creates the database in the folder it is given (initialized, migrated, closed
 * cleanly), and that folder becomes the template. Other templates (other PGlite versions, other
 * migrations, older formats, builds that died) go.
 */
export async function ensureTemplate(version: string, build: (dataDir: string) => Promise<void>, dist = DIST): Promise<{ path: string; built: boolean }> {
  const manifest = manifestOf(version, listMigrations());
  const name = templateName(manifest);
  const path = join(dist, name);
  let built = false;
  if (!readManifest(path)) {
    const partial = `${path}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    try {
      mkdirSync(partial, { recursive: true });
      await build(join(partial, DATA));
      shareTree(join(partial, DATA));
      // Written last: a folder without it is not a template.
      writeFileSync(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      // Unless another build put it there meanwhile.
      if (!readManifest(path)) {
        rmSync(path, { recursive: true, force: true });
        renameSync(partial, path);
        built = true;
      }
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  for (const other of readdirSync(dist)) {
    if (!other.startsWith(PREFIX) || other === name) continue;
    // Another build's template in the making is left to it.
    const building = /\.partial-(\d+)$/.exec(other);
    if (building && processAlive(Number(building[1]))) continue;
    rmSync(join(dist, other), { recursive: true, force: true });
  }
  return { path, built };
}
