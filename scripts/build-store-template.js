// The database a new embedded store starts as: initialized and migrated once, at build time
// (src/store/store-template.ts says why and how it is kept).
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../dist/store/migrate.js';
import { pgliteClient } from '../dist/store/pglite-client.js';
import { ensureTemplate, pgliteVersion } from '../dist/store/store-template.js';

const version = pgliteVersion();
if (!version) throw new Error('cannot tell the installed PGlite version');
const { path, built } = await ensureTemplate(version, async (dataDir) => {
  const client = pgliteClient(await PGlite.create(dataDir));
  await migrate(client);
  // The store lives in the database "postgres" and never creates another: initdb's template
  // databases would be two fifths of every store's files, copied for nothing.
  for (const database of ['template1', 'template0']) {
    await client.exec(`ALTER DATABASE ${database} IS_TEMPLATE false`);
    await client.exec(`DROP DATABASE ${database}`);
  }
  // Closed cleanly (a shutdown checkpoint), so that a store copied from it starts without recovery.
  await client.close();
});
console.log(`embedded store template: ${path}${built ? '' : ' (up to date)'}`);
