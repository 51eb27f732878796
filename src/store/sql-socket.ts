import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { InterdictError } from '../core/errors.js';
import { ERROR_CODES, type ErrorCode } from '../core/error-codes.js';
import type { SqlClient } from './sql.js';

// The embedded store shared with other processes of this machine, while a server holds it: they
// send their SQL over the folder's socket, one JSON line a message, and the holder runs it on its
// database. A client's transaction is a transaction of the holder's database, held for as long as
// the client needs it and rolled back if the client goes away.

type Request =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Reply {
  id: number;
  rows?: unknown[];
  tx?: number;
  error?: { message: string; code?: string; status?: number };
}

/** JSON with the values SQL rows hold and JSON lacks (timestamps, bytes, big integers) tagged. */
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString('base64') };
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    return v;
  });
}

function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1) {
        const tagged = v as Record<string, string>;
        if (typeof tagged.$date === 'string') return new Date(tagged.$date);
        if (typeof tagged.$bytes === 'string') return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
        if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
      }
    }
    return v;
  });
}

function describeError(error: unknown): Reply['error'] {
  const e = error as { message?: string; code?: string; status?: number };
  return { message: e.message ?? String(error), ...(typeof e.code === 'string' ? { code: e.code } : {}), ...(error instanceof InterdictError ? { status: error.status } : {}) };
}

/** An error as the holder reported it: an Interdict error keeps its code and status, a database error its SQLSTATE. */
function reviveError(error: NonNullable<Reply['error']>): Error {
  if (error.status !== undefined && error.code && error.code in ERROR_CODES) return new InterdictError(error.code as ErrorCode, error.message, error.status);
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

/** A client's transaction, open on the holder's database until the client decides. */
interface OpenTransaction {
  client: SqlClient;
  finish: (commit: boolean) => void;
  /** Settles when the holder's transaction has committed (or failed to) or rolled back. */
  done: Promise<void>;
}

/** How long a client may hold a transaction open without sending anything (default of `shareSql`). */
export const IDLE_TRANSACTION_MS = 30_000;

/** A request as it must be: anything else is not a client of ours, and is disconnected. */
function isRequest(value: unknown): value is Request {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'number' || (r.tx !== undefined && typeof r.tx !== 'number')) return false;
  switch (r.op) {
    case 'query': return typeof r.sql === 'string' && (r.params === undefined || Array.isArray(r.params));
    case 'exec': return typeof r.sql === 'string';
    case 'begin': return true;
    case 'commit':
    case 'rollback': return typeof r.tx === 'number';
    default: return false;
  }
}

/** One client connection on the holder's side. */
class Session {
  private readonly transactions = new Map<number, OpenTransaction>();
  private nextTx = 1;
  private gone = false;
  private inFlight = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly socket: Socket, private readonly db: SqlClient, private readonly onCommit: () => void, private readonly idleMs: number) {}

  /**
   * Every database call of the holder waits while a client's transaction is open: a client that
   * holds one and says nothing for `idleMs` (stopped, hung) is told so and dropped, and its
   * transaction rolls back.
   */
  private watch(): void {
    clearTimeout(this.idle);
    if (!this.transactions.size || this.gone) return;
    this.idle = setTimeout(() => {
      if (this.inFlight || !this.transactions.size) return this.watch();
      this.write({ id: 0, error: { message: `the store's holder dropped this process: it held a transaction open ${this.idleMs / 1000} s without a word, while every other use of the store waited; what it had not committed was rolled back`, code: 'STORE_IDLE' satisfies ErrorCode, status: ERROR_CODES.STORE_IDLE.status } });
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    }, this.idleMs);
    this.idle.unref();
  }

  async handle(request: Request): Promise<Omit<Reply, 'id'>> {
    this.inFlight++;
    try {
      return await this.run(request);
    } finally {
      this.inFlight--;
      this.watch();
    }
  }

  private async run(request: Request): Promise<Omit<Reply, 'id'>> {
    switch (request.op) {
      case 'query': return { rows: (await this.clientFor(request.tx).query(request.sql, request.params)).rows };
      case 'exec':
        await this.clientFor(request.tx).exec(request.sql);
        return {};
      case 'begin': return { tx: await this.begin() };
      case 'commit':
      case 'rollback': {
        const open = this.transactions.get(request.tx);
        if (!open) throw new Error(`no open transaction ${request.tx}`);
        this.transactions.delete(request.tx);
        open.finish(request.op === 'commit');
        await open.done;
        if (request.op === 'commit') this.onCommit();
        return {};
      }
    }
  }

  private clientFor(tx: number | undefined): SqlClient {
    if (tx === undefined) return this.db;
    const open = this.transactions.get(tx);
    if (!open) throw new Error(`no open transaction ${tx}`);
    return open.client;
  }

  /** Open a transaction held until the client commits or rolls it back (or goes away). */
  private begin(): Promise<number> {
    const id = this.nextTx++;
    return new Promise<number>((opened, failed) => {
      let finish!: (commit: boolean) => void;
      const decided = new Promise<boolean>((resolve) => (finish = resolve));
      let started = false;
      const done: Promise<void> = this.db.transaction(async (client) => {
        started = true;
        // The client left while this transaction waited its turn: nobody will decide it.
        if (this.gone) throw new RolledBack();
        this.transactions.set(id, { client, finish, done });
        opened(id);
        if (!(await decided)) throw new RolledBack();
      }).then(() => undefined, (error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
      done.catch((error: unknown) => {
        if (!started) failed(error);
      });
    });
  }

  /** The client went away: its open transactions roll back; returns when each has. */
  abandon(): Promise<void>[] {
    this.gone = true;
    clearTimeout(this.idle);
    const done: Promise<void>[] = [];
    for (const [id, open] of this.transactions) {
      this.transactions.delete(id);
      open.finish(false);
      done.push(open.done);
    }
    return done;
  }

  write(reply: Reply): void {
    if (!this.socket.destroyed) this.socket.write(`${encode(reply)}\n`);
  }
}

class RolledBack extends Error {}

/** The holder's side of a shared store. */
export interface SqlSharing {
  /** Serve one client connection. */
  connect(socket: Socket): void;
  /** Drop every client (their open transactions roll back) and wait until the database is free of them. */
  close(): Promise<void>;
}

export interface ShareOptions {
  /** Told of each committed client transaction. */
  onCommit?: () => void;
  /** How long a client may hold a transaction open without a word (default 30 s). */
  idleTransactionMs?: number;
}

/** The holder's side: run the SQL each connection sends on `db`. */
export function shareSql(db: SqlClient, options: ShareOptions = {}): SqlSharing {
  const sessions = new Map<Session, Socket>();
  return {
    connect(socket) {
      const session = new Session(socket, db, options.onCommit ?? (() => {}), options.idleTransactionMs ?? IDLE_TRANSACTION_MS);
      sessions.set(session, socket);
      const lines = createInterface({ input: socket, crlfDelay: Infinity });
      lines.on('line', (line) => {
        let request: unknown;
        try {
          request = decode(line);
        } catch {
          request = undefined;
        }
        if (!isRequest(request)) {
          socket.destroy();
          return;
        }
        session.handle(request).then(
          (reply) => session.write({ id: request.id, ...reply }),
          (error: unknown) => session.write({ id: request.id, error: describeError(error) }),
        );
      });
      socket.once('close', () => {
        sessions.delete(session);
        void Promise.allSettled(session.abandon());
      });
    },
    async close() {
      const pending: Promise<void>[] = [];
      for (const [session, socket] of sessions) {
        pending.push(...session.abandon());
        socket.destroy();
      }
      sessions.clear();
      await Promise.allSettled(pending);
    },
  };
}

/** A client's side: a SqlClient whose statements run on the holder's database. */
export function remoteSql(socket: Socket, holder: string): SqlClient {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let lost: Error | undefined;
  const lines = createInterface({ input: socket, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const reply = decode(line) as Reply;
    // The holder says why it drops this process before it does.
    if (reply.id === 0 && reply.error) lost = reviveError(reply.error);
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (reply.error) entry.reject(reviveError(reply.error));
    else entry.resolve(reply);
  });
  const fail = (): void => {
    lost ??= new InterdictError('STORE_GONE', `the store's holder (${holder}) stopped; what this command had not committed was rolled back`, 503);
    for (const entry of waiting.values()) entry.reject(lost);
    waiting.clear();
  };
  socket.once('close', fail);
  socket.on('error', () => socket.destroy());
  socket.resume();

  const send = (request: DistributiveOmit<Request, 'id'>): Promise<Reply> => {
    if (lost) return Promise.reject(lost);
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      socket.write(`${encode({ ...request, id })}\n`);
    });
  };

  const client = (tx?: number): SqlClient => ({
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await send({ op: 'query', sql, params, tx })).rows as T[] }),
    exec: async (sql: string) => {
      await send({ op: 'exec', sql, tx });
    },
    transaction: async <T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> => {
      // A transaction inside a transaction is the same transaction, as with the other clients.
      if (tx !== undefined) return fn(client(tx));
      const { tx: opened } = await send({ op: 'begin' });
      let result: T;
      try {
        result = await fn(client(opened));
      } catch (error) {
        await send({ op: 'rollback', tx: opened! }).catch(() => {});
        throw error;
      }
      await send({ op: 'commit', tx: opened! });
      return result;
    },
    close: async () => {
      if (tx !== undefined) return;
      socket.end();
      await new Promise<void>((done) => (socket.closed ? done() : socket.once('close', () => done())));
    },
  });
  return client();
}
