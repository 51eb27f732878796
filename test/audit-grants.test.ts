import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAnchored, writeCheckpoint } from '../src/service/audit-anchor.js';
import { loadPaths } from '../src/service/load.js';
import { rescreen } from '../src/service/monitor.js';
import { openStore, type Store } from '../src/store/index.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { REPO } from './helpers/processes.js';
import { TEST_DATABASE_URL, postgresAvailable } from './helpers/stores.js';

/*
 * docs/audit-grants.sql as an operator runs it: an owner role holds the schema, its tables and
 * the audit trigger; the application's role reads and writes what it needs, appends to audit_log
 * and can do nothing else to it. Roles are cluster-wide: named for this run, dropped afterwards.
 */

const GRANTS = readFileSync(join(REPO, 'docs/audit-grants.sql'), 'utf8');
const run = `${process.pid}_${randomBytes(3).toString('hex')}`;
const OWNER = `interdict_owner_${run}`;
const APP = `interdict_app_${run}`;
const PASSWORD = randomBytes(12).toString('hex');

/** The grants file with this run's names (role names first: the schema's name is a prefix of theirs). */
function grantsFor(schema: string): string {
  return GRANTS.replace(/\binterdict_owner\b/g, OWNER).replace(/\binterdict_app\b/g, APP).replace(/\binterdict\b/g, schema);
}

function urlAs(role: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.username = role;
  url.password = PASSWORD;
  return url.toString();
}

async function asSuperuser(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A connection as the application's role, outside the application: what a stolen DATABASE_URL gives. */
async function asApp<T>(schema: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlAs(APP), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The application, as its role, does everything it does (the trail appended at each step); and can change nothing of the trail. */
async function checkApplicationRole(schema: string): Promise<void> {
  // As `load` and `serve` open it (create: CREATE SCHEMA and the migrations table IF NOT EXISTS).
  const store: Store = await openStore({ kind: 'postgres', url: urlAs(APP), schema }, { create: true });
  try {
    await loadPaths(store, [fixture('ofac-csv')], { actor: 'cli:ops' });
    const key = await store.addApiKey({ id: 'key_1', role: 'analyst', hash: 'a'.repeat(64), label: 'ana' }, 'cli:ops');
    await store.revokeApiKey(key.id, 'cli:ops');
    await store.monitoring.setSetting('four_eyes', true, 'cli:ops');
    await store.monitoring.upsertParties([{ id: 'c1', schema: 'Person', properties: { name: ['Kim Yong Chol'] } }, { id: 'c2', schema: 'Person', properties: { name: ['Mary Unlisted'] } }], 'cli:ops');
    await store.monitoring.removeParties(['c2'], 'cli:ops');
    expect((await rescreen(store)).alertsRaised).toBe(1);
    const [alert] = await store.monitoring.listAlerts({ limit: 10 });
    // With four eyes on, a decision may wait for a second analyst: both write alerts and the trail.
    const decided = await store.monitoring.decideAlert(alert!.id, 'false_positive', 'another man', 'key:key_2');
    const final = decided.status === 'confirming' ? await store.monitoring.confirmAlert(alert!.id, 'key:key_3') : decided;
    expect(final.status).toBe('false_positive');
    const check = await store.verifyAudit();
    expect(check.ok).toBe(true);
    expect(check.entries).toBeGreaterThanOrEqual(7);
    const anchor = { file: join(tempDir('interdict-grants-'), 'anchor.jsonl'), key: 'a-key-of-at-least-16-characters' };
    await writeCheckpoint(store, anchor);
    expect((await verifyAnchored(store, anchor)).ok).toBe(true);
  } finally {
    await store.close();
  }

  await asApp(schema, async (client) => {
    const refused = async (sql: string, why: RegExp): Promise<void> => {
      await expect(client.query(sql), sql).rejects.toThrow(why);
    };
    const denied = /permission denied/;
    const notOwner = /must be owner/;
    await refused(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1`, denied);
    await refused('DELETE FROM audit_log WHERE seq = 1', denied);
    await refused('TRUNCATE audit_log', denied);
    await refused('ALTER TABLE audit_log DISABLE TRIGGER USER', notOwner);
    await refused('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change', notOwner);
    await refused('DROP TRIGGER audit_log_no_change ON audit_log', notOwner);
    await refused('CREATE TRIGGER audit_log_let_through BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()', denied);
    await refused('CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$', notOwner);
    await refused(`ALTER TABLE audit_log OWNER TO ${APP}`, notOwner);
    await refused('DROP TABLE audit_log', notOwner);
    await refused('ALTER TABLE audit_log RENAME TO audit_log_old', notOwner);
    await refused('SET session_replication_role = replica', denied);
    await refused(`GRANT ${OWNER} TO ${APP}`, /permission denied|must have admin option/);
    await refused(`INSERT INTO schema_migrations (version, name) VALUES (999, 'x')`, denied);
    // The trail is still whole, and the role still reads it.
    expect((await client.query('SELECT count(*)::int AS n FROM audit_log')).rows[0]).toMatchObject({ n: expect.any(Number) });
  });
}

describe('PostgreSQL grants that keep the application role from owning audit_log (docs/audit-grants.sql)', () => {
  let available = false;
  const schemas: string[] = [];

  beforeAll(async () => {
    available = await postgresAvailable();
    if (!available) return;
    await asSuperuser(`CREATE ROLE ${OWNER} LOGIN PASSWORD '${PASSWORD}'; CREATE ROLE ${APP} LOGIN PASSWORD '${PASSWORD}'`);
  });

  afterAll(async () => {
    if (!available) return;
    const drops = schemas.map((s) => `DROP SCHEMA IF EXISTS ${s} CASCADE;`).join(' ');
    // DROP OWNED also revokes what the roles were granted on the database, so that they can be dropped.
    await asSuperuser(`${drops} DROP OWNED BY ${APP}, ${OWNER}; DROP ROLE IF EXISTS ${APP}; DROP ROLE IF EXISTS ${OWNER};`);
  });

  it('a new installation: the owner applies the migrations, the application role owns nothing', async (context) => {
    if (!available) return context.skip();
    const schema = `interdict_grants_new_${run}`;
    schemas.push(schema);
    await asSuperuser(`CREATE SCHEMA ${schema} AUTHORIZATION ${OWNER}`);
    // Any command opening the store applies the migrations: the owner's, once per release.
    const owner = await openStore({ kind: 'postgres', url: urlAs(OWNER), schema }, { create: false });
    await owner.close();
    await asSuperuser(grantsFor(schema));
    await checkApplicationRole(schema);
  });

  it('an existing installation the application role made (and could rewrite) is taken over by the owner', async (context) => {
    if (!available) return context.skip();
    const schema = `interdict_grants_old_${run}`;
    schemas.push(schema);
    await asSuperuser(`GRANT CREATE ON DATABASE ${new URL(TEST_DATABASE_URL).pathname.slice(1)} TO ${APP}`);
    const store = await openStore({ kind: 'postgres', url: urlAs(APP), schema }, { create: true });
    await store.monitoring.setSetting('four_eyes', true, 'cli:ops');
    await store.close();
    // Before: the role owns audit_log, so it may lift the trigger (the issue).
    await asApp(schema, async (client) => {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
    await asSuperuser(grantsFor(schema));
    expect(await asSuperuser(`SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'audit_log'`, [schema])).toEqual([{ tableowner: OWNER }]);
    await checkApplicationRole(schema);
  });

  it('refuses to run for an application role that could become the owner', async (context) => {
    if (!available) return context.skip();
    await asSuperuser(`GRANT ${OWNER} TO ${APP}`);
    try {
      await expect(asSuperuser(grantsFor(`interdict_grants_none_${run}`))).rejects.toThrow(/must not be a member of/);
    } finally {
      await asSuperuser(`REVOKE ${OWNER} FROM ${APP}`);
    }
  });
});
