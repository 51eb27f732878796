import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { checkpointHmac, formatCheckpoint, verifyAnchored, writeCheckpoint, type AuditAnchor } from '../src/service/audit-anchor.js';
import { KeyRing } from '../src/service/api-keys.js';
import { Screener } from '../src/service/screener.js';
import { GENESIS, entryHash, type AuditEntry } from '../src/store/audit.js';
import { openEmbedded } from '../src/store/embedded.js';
import { openStore, type Store } from '../src/store/index.js';
import { tempDir } from './helpers/fixtures.js';
import { TEST_DATABASE_URL, createPostgresStore, postgresAvailable } from './helpers/stores.js';

/*
 * The audit chain anchored outside the database: whoever holds the database's role can lift the
 * append-only trigger, edit an entry and recompute every later hash (the chain alone then
 * verifies), or delete the newest entries (nothing after them to break). Checkpoints of the
 * chain's head, kept in a file that role cannot write, catch both; an HMAC under a key that role
 * does not have catches a checkpoint forged by whoever can write the file.
 */

const KEY = 'anchor-key-the-database-role-does-not-have';

/** SQL as the database's own role runs it, outside the application. */
interface RawSql {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

interface Handle {
  readonly store: Store;
  asDatabaseRole(fn: (sql: RawSql) => Promise<void>): Promise<void>;
  dispose(): Promise<void>;
}

async function embedded(): Promise<Handle> {
  const dir = tempDir('interdict-anchor-');
  let store = await openStore({ kind: 'embedded', dir });
  return {
    get store() {
      return store;
    },
    // The embedded database is its folder: whoever can write the folder opens it as its owner.
    asDatabaseRole: async (fn) => {
      await store.close();
      const raw = await openEmbedded(dir, {});
      try {
        await fn(raw.client);
      } finally {
        await raw.client.close();
      }
      store = await openStore({ kind: 'embedded', dir });
    },
    dispose: () => store.close(),
  };
}

async function postgres(): Promise<Handle> {
  const t = await createPostgresStore();
  return {
    store: t.store,
    // The application's role owns audit_log (the default installation): it may lift the trigger.
    asDatabaseRole: async (fn) => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${t.schema}` });
      await client.connect();
      try {
        await fn({ query: (sql, params) => client.query(sql, params) });
      } finally {
        await client.end();
      }
    },
    dispose: () => t.dispose(),
  };
}

const BACKENDS = [
  { name: 'embedded store', available: async () => true, open: embedded },
  { name: 'PostgreSQL', available: postgresAvailable, open: postgres },
];

/** `n` audited changes: settings and parties, as analysts and admins make them. */
async function record(store: Store, n: number, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) {
    if (i % 2) await store.monitoring.setSetting('alert_threshold', 0.8 + i / 1000, 'admin-1');
    else await store.monitoring.upsertParties([{ id: `c-${i}`, schema: 'Person', properties: { name: [`Party Number ${i}`] } }], 'analyst-a');
  }
}

async function entries(sql: RawSql): Promise<AuditEntry[]> {
  const { rows } = await sql.query('SELECT seq, at, actor, action, subject, before, after, prev_hash AS "prevHash", hash FROM audit_log ORDER BY seq');
  return rows.map((row) => ({ ...(row as unknown as AuditEntry), seq: Number(row.seq) }));
}

/**
 * Rewrite entry `seq` and recompute every later hash with the code's own function, so that the
 * chain alone verifies: what the role owning audit_log can do.
 */
async function rewrite(sql: RawSql, seq: number, after: unknown): Promise<void> {
  await sql.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  const all = await entries(sql);
  let prev = all.find((e) => e.seq === seq - 1)?.hash ?? GENESIS;
  for (const entry of all.filter((e) => e.seq >= seq)) {
    const changed = { ...entry, prevHash: prev, after: entry.seq === seq ? after : entry.after };
    const hash = entryHash(changed);
    await sql.query('UPDATE audit_log SET after = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [JSON.stringify(changed.after), prev, hash, entry.seq]);
    prev = hash;
  }
  await sql.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
}

async function deleteFrom(sql: RawSql, seq: number): Promise<void> {
  await sql.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  await sql.query('DELETE FROM audit_log WHERE seq >= $1', [seq]);
  await sql.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
}

for (const backend of BACKENDS) {
  describe(`audit anchor on the ${backend.name}`, () => {
    let h: Handle | undefined;
    let anchor: AuditAnchor;
    afterEach(async () => {
      await h?.dispose();
      h = undefined;
    });

    /** A store with 6 entries, anchored by a checkpoint after 4 of them and one after all 6. */
    async function anchored(context: { skip: () => never }): Promise<Handle> {
      if (!(await backend.available())) context.skip();
      h = await backend.open();
      anchor = { file: join(tempDir('interdict-anchor-file-'), 'audit-anchor.jsonl'), key: KEY };
      await record(h.store, 4);
      await writeCheckpoint(h.store, anchor);
      await record(h.store, 2, 4);
      await writeCheckpoint(h.store, anchor);
      return h;
    }

    it('catches a chain the database\'s role rewrote with its hashes recomputed, which the chain alone calls intact', async (context) => {
      await anchored(context);
      const before = readFileSync(anchor.file, 'utf8');
      await h!.asDatabaseRole((sql) => rewrite(sql, 3, { key: 'alert_threshold', value: 0.99 }));
      const rewritten = h!.store;
      // The chain alone is fooled: this is all `audit verify` checked before the anchor.
      expect(await rewritten.verifyAudit()).toEqual({ ok: true, entries: 6 });
      const check = await verifyAnchored(rewritten, anchor);
      expect(check).toMatchObject({ ok: false, entries: 6, anchor: { checkpoints: 2, newest: { seq: 6 }, signed: true, broken: { line: 1, seq: 4, reason: expect.stringMatching(/^entry 4's hash is [0-9a-f]{12}…, the checkpoint of .* recorded [0-9a-f]{12}…: the trail was rewritten at or before entry 4$/) } } });
      expect(check.broken).toBeUndefined();
      // No checkpoint of the rewritten trail is written over it.
      await expect(writeCheckpoint(rewritten, anchor)).rejects.toMatchObject({ code: 'AUDIT_BROKEN', message: expect.stringMatching(/line 2, entry 6\) does not hold: entry 6's hash is/) });
      expect(readFileSync(anchor.file, 'utf8')).toBe(before);
    });

    it('catches a rewrite after an intact checkpoint, naming the span it lies in', async (context) => {
      await anchored(context);
      await h!.asDatabaseRole((sql) => rewrite(sql, 5, { value: 0.1 }));
      expect((await h!.store.verifyAudit()).ok).toBe(true);
      expect((await verifyAnchored(h!.store, anchor)).anchor?.broken).toMatchObject({ line: 2, seq: 6, reason: expect.stringContaining('rewritten after entry 4 (which a checkpoint anchors intact) and at or before entry 6') });
    });

    it('catches the newest entries deleted, and deleted then appended again to the same length', async (context) => {
      await anchored(context);
      await h!.asDatabaseRole((sql) => deleteFrom(sql, 5));
      // The chain alone is fooled: nothing comes after the deleted entries to break.
      expect(await h!.store.verifyAudit()).toEqual({ ok: true, entries: 4 });
      expect(await verifyAnchored(h!.store, anchor)).toMatchObject({ ok: false, entries: 4, anchor: { broken: { line: 2, seq: 6, reason: expect.stringMatching(/^the trail ends at entry 4, but the checkpoint of .* recorded entry 6: entries after 4 were deleted$/) } } });
      await expect(writeCheckpoint(h!.store, anchor)).rejects.toMatchObject({ code: 'AUDIT_BROKEN' });
      // Two other entries in their place: as long as before, but not the entries anchored.
      await record(h!.store, 2, 10);
      expect(await h!.store.verifyAudit()).toEqual({ ok: true, entries: 6 });
      expect((await verifyAnchored(h!.store, anchor)).anchor?.broken).toMatchObject({ line: 2, seq: 6, reason: expect.stringMatching(/rewritten after entry 4/) });
    });

    it('with a key set, catches a checkpoint line forged without it', async (context) => {
      await anchored(context);
      // Whoever can write the file but has not the key rewrites the chain and anchors the rewrite.
      await h!.asDatabaseRole((sql) => rewrite(sql, 2, { forged: true }));
      const head = await h!.store.auditHead();
      const forged = { seq: head.seq, hash: head.hash, at: new Date().toISOString(), entries: head.entries };
      writeFileSync(anchor.file, formatCheckpoint(forged));
      expect(await verifyAnchored(h!.store, anchor)).toMatchObject({ ok: false, anchor: { broken: { line: 1, seq: 6, reason: expect.stringMatching(/no HMAC/) } } });
      writeFileSync(anchor.file, formatCheckpoint({ ...forged, hmac: checkpointHmac(forged, 'a-guessed-key-of-some-length') }));
      expect(await verifyAnchored(h!.store, anchor)).toMatchObject({ ok: false, anchor: { broken: { line: 1, seq: 6, reason: expect.stringMatching(/HMAC does not match/) } } });
      // The same forged line appended after genuine ones is caught as well.
      writeFileSync(anchor.file, '');
      await writeCheckpoint(h!.store, anchor);
      appendFileSync(anchor.file, formatCheckpoint({ ...forged, seq: 7, entries: 7 }));
      expect((await verifyAnchored(h!.store, anchor)).anchor?.broken).toMatchObject({ line: 2, seq: 7, reason: expect.stringMatching(/no HMAC/) });
      // Without the key, a forged file passes: the key is what the forger lacks.
      writeFileSync(anchor.file, formatCheckpoint(forged));
      expect(await verifyAnchored(h!.store, { file: anchor.file })).toMatchObject({ ok: true, anchor: { signed: false } });
    });

    it('verifies an intact chain with its checkpoints, entries added since included', async (context) => {
      const { store } = await anchored(context);
      await record(store, 3, 6);
      const check = await verifyAnchored(store, anchor);
      expect(check).toEqual({ ok: true, entries: 9, anchor: { file: anchor.file, checkpoints: 2, newest: { seq: 6, at: expect.any(String) }, signed: true } });
      const next = await writeCheckpoint(store, anchor);
      expect(next).toMatchObject({ seq: 9, entries: 9, hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await verifyAnchored(store, anchor)).toMatchObject({ ok: true, anchor: { checkpoints: 3, newest: { seq: 9, at: next.at } } });
    });

    it('fails when the anchor file is missing or empty, and anchors an empty trail', async (context) => {
      if (!(await backend.available())) context.skip();
      h = await backend.open();
      const file = join(tempDir('interdict-anchor-file-'), 'audit-anchor.jsonl');
      expect(await verifyAnchored(h.store, { file })).toMatchObject({ ok: false, entries: 0, anchor: { checkpoints: 0, broken: { reason: expect.stringMatching(/does not exist/) } } });
      writeFileSync(file, '');
      expect((await verifyAnchored(h.store, { file })).anchor?.broken?.reason).toMatch(/holds no checkpoint/);
      expect(await writeCheckpoint(h.store, { file, key: KEY })).toMatchObject({ seq: 0, hash: GENESIS, entries: 0 });
      await record(h.store, 1);
      expect(await verifyAnchored(h.store, { file, key: KEY })).toMatchObject({ ok: true, entries: 1, anchor: { checkpoints: 1, newest: { seq: 0 } } });
    });
  });
}

describe('GET /audit/verify with an anchor', () => {
  let h: Handle | undefined;
  afterEach(() => h?.dispose());

  it('checks the checkpoints of the server\'s anchor, and says what broke', async () => {
    h = await embedded();
    const anchor = { file: join(tempDir('interdict-anchor-file-'), 'audit-anchor.jsonl'), key: KEY };
    await record(h.store, 3);
    await writeCheckpoint(h.store, anchor);
    const verify = async (options: { auditAnchor?: AuditAnchor }): Promise<{ status: number; body: Record<string, unknown> }> => {
      const app = createServer(h!.store, { logLevel: 'silent', screener: new Screener(h!.store), keys: new KeyRing(h!.store, 0), ...options });
      try {
        const response = await app.inject({ method: 'GET', url: '/audit/verify' });
        return { status: response.statusCode, body: response.json() };
      } finally {
        await app.close();
      }
    };
    expect(await verify({ auditAnchor: anchor })).toEqual({ status: 200, body: { ok: true, entries: 3, anchor: { file: anchor.file, checkpoints: 1, newest: { seq: 3, at: expect.any(String) }, signed: true } } });
    await h.asDatabaseRole((sql) => rewrite(sql, 2, { value: 0.5 }));
    // Without the anchor, the server says what the chain alone says.
    expect(await verify({})).toEqual({ status: 200, body: { ok: true, entries: 3 } });
    expect(await verify({ auditAnchor: anchor })).toMatchObject({ status: 200, body: { ok: false, entries: 3, anchor: { broken: { line: 1, seq: 3, reason: expect.stringMatching(/rewritten at or before entry 3/) } } } });
  });
});
