import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/fixtures.js';
import { openPgliteInMemory } from './pglite-client.js';
import { remoteSql, shareSql } from './sql-socket.js';
import type { SqlClient } from './sql.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A database shared on a socket, as `serve` shares the embedded store, and a way to reach it. */
async function shared(idleTransactionMs?: number): Promise<{ db: SqlClient; client: () => Promise<{ sql: SqlClient; socket: Socket }>; raw: () => Promise<Socket> }> {
  const db = await openPgliteInMemory();
  const sharing = shareSql(db, { idleTransactionMs });
  const path = join(tempDir(), 's.sock');
  const server = createServer((socket) => sharing.connect(socket));
  servers.push(server);
  await new Promise<void>((listening) => server.listen(path, listening));
  const raw = async (): Promise<Socket> => {
    const socket = connect(path);
    await new Promise((ready) => socket.once('connect', ready));
    return socket;
  };
  return { db, raw, client: async () => { const socket = await raw(); return { sql: remoteSql(socket, 'the test holder'), socket }; } };
}

describe('shareSql and remoteSql', () => {
  it('gives a client the values the holder reads: timestamps, big integers, bytes, JSON, errors with their codes', async () => {
    const { client } = await shared();
    const { sql } = await client();
    const { rows } = await sql.query<Record<string, unknown>>("SELECT now() AS t, 9007199254740993::numeric::text AS n, 5::bigint AS b, 'abc'::bytea AS bytes, '{\"x\": [1, \"y\"]}'::jsonb AS j, $1::text AS p", ['parameter']);
    expect(rows[0]!.t).toBeInstanceOf(Date);
    expect(rows[0]).toMatchObject({ n: '9007199254740993', b: 5, bytes: new Uint8Array([97, 98, 99]), j: { x: [1, 'y'] }, p: 'parameter' });
    await sql.exec('CREATE TABLE t (id int PRIMARY KEY)');
    await sql.query('INSERT INTO t VALUES (1)');
    await expect(sql.query('INSERT INTO t VALUES (1)')).rejects.toMatchObject({ code: '23505' });
  });

  it('runs a client transaction on the holder\'s database: its writes commit together, or roll back together', async () => {
    const { db, client } = await shared();
    await db.exec('CREATE TABLE t (id int)');
    const { sql } = await client();
    await sql.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      await tx.query('INSERT INTO t VALUES (2)');
    });
    await expect(sql.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (3)');
      throw new Error('changed its mind');
    })).rejects.toThrow('changed its mind');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n).toBe(2);
  });

  it('drops a client that holds a transaction open without a word, and frees the holder\'s database', async () => {
    const { db, client } = await shared(300);
    await db.exec('CREATE TABLE t (id int)');
    const { sql } = await client();
    let resume!: () => void;
    let inside!: () => void;
    const begun = new Promise<void>((yes) => (inside = yes));
    const held = sql.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      inside();
      await new Promise<void>((go) => (resume = go));
      await tx.query('INSERT INTO t VALUES (2)');
    });
    await begun;
    // The holder's own query waits for the client's transaction, and goes on once the client is
    // dropped: its insert rolled back, and the client told why when it speaks again.
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n).toBe(0);
    resume();
    await expect(held).rejects.toMatchObject({ code: 'STORE_IDLE' });
  });

  it('disconnects a peer that sends what no client sends, and serves the others as before', async () => {
    const { client, raw } = await shared();
    for (const junk of ['null', '[]', '{"id": "1", "op": "query", "sql": "SELECT 1"}', '{"id": 1, "op": "drop"}', 'not json']) {
      const socket = await raw();
      const closed = new Promise((done) => socket.once('close', done));
      socket.write(`${junk}\n`);
      await closed;
    }
    const { sql } = await client();
    expect((await sql.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
