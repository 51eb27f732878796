// A freshly initialized embedded database, dumped once at build time: a new store starts from
// it in about a second instead of running initdb (several seconds and ~700 MB) on first use.
import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const { version } = JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'));
const target = new URL(`../dist/pglite-template-${version}.tar.gz`, import.meta.url);
const db = await PGlite.create();
const dump = await db.dumpDataDir('gzip');
writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
await db.close();
console.log(`embedded store template: ${target.pathname} (${dump.size} bytes)`);
