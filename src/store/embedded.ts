import { existsSync, mkdirSync } from 'node:fs';
import { InputError, InterdictError } from '../core/errors.js';
import { RELEASE } from '../release.js';
import { lockFolder, type LockHolder } from './folder-lock.js';
import { listMigrations } from './migrate.js';
import { holdsDatabase, openPglite } from './pglite-client.js';
import { remoteSql, shareSql, type SqlSharing } from './sql-socket.js';
import type { SqlClient } from './sql.js';

/** How a process opens a store. */
export interface OpenOptions {
  /** Create the store when there is none (commands that write do); else its absence is an error naming where it was looked for. */
  create?: boolean;
  /** What this process runs, told to the processes that find the store in use (`interdict load`). */
  command?: string;
  /** Share the embedded store with the other processes of this machine while it is open (a server does). */
  share?: boolean;
  /** How long to wait for a process that holds the embedded store without sharing it. */
  waitMs?: number;
  /** Told once when waiting for such a process (undefined: one too busy to say who it is). */
  onWait?: (holder: LockHolder | undefined) => void;
  /** Told each time another process commits a change to the shared store. */
  onRemoteCommit?: () => void;
}

/** The embedded store as this process has it: its own database, or the one a server shares with it. */
export interface EmbeddedClient {
  client: SqlClient;
  /** The process that holds the database, when this one is its client. */
  holder?: LockHolder;
  /** Start answering the processes that find the store held (after migrations ran). */
  ready(): void;
}

/** The latest migration this release knows: a client and the holder must agree on it. */
function schemaVersion(): number {
  return Math.max(0, ...listMigrations().map((m) => m.version));
}

function noStore(dir: string, why: string): InputError {
  return new InputError('NO_STORE', `no store in ${dir}: ${why}. Give --db the folder a load wrote (interdict load creates one), or set INTERDICT_DB`);
}

function describeHolder(holder: LockHolder): string {
  return `process ${holder.pid} (${holder.command})`;
}

/**
 * Open the embedded store in `dir`. The first process takes the folder's lock and opens the
 * database; while a server holds it, other processes become its clients; while a command holds
 * it, others wait their turn (up to `waitMs`).
 */
export async function openEmbedded(dir: string, options: OpenOptions = {}): Promise<EmbeddedClient> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  let told = false;
  for (;;) {
    if (!existsSync(dir)) {
      if (!options.create) throw noStore(dir, 'the folder does not exist');
      mkdirSync(dir, { recursive: true });
    }
    const hello: LockHolder = { pid: process.pid, command: options.command ?? 'interdict', serving: Boolean(options.share), release: RELEASE, schema: schemaVersion() };
    const found = await lockFolder(dir, hello);
    if (found === 'busy') {
      if (Date.now() >= deadline) throw new InterdictError('STORE_LOCKED', `the store in ${dir} is in use by a process that does not answer; try again when it has finished`, 409);
      // A holder busy loading does not answer in time: waiting for it is said all the same.
      if (!told) options.onWait?.(undefined);
      told = true;
      await new Promise((wait) => setTimeout(wait, 250));
      continue;
    }
    if ('lock' in found) {
      const { lock } = found;
      if (!options.create && !holdsDatabase(dir)) {
        await lock.release();
        throw noStore(dir, 'the folder holds no database');
      }
      let sharing: SqlSharing | undefined;
      const own = await openPglite(dir, () => lock.release());
      const client: SqlClient = {
        ...own,
        close: async () => {
          // Clients first (their transactions roll back on the database), then the database, then the lock.
          await sharing?.close();
          await own.close();
        },
      };
      return {
        client,
        ready: () => {
          if (!options.share) return;
          const shared = shareSql(own, { onCommit: options.onRemoteCommit });
          sharing = shared;
          lock.serve((socket) => shared.connect(socket));
        },
      };
    }
    const { holder, socket } = found;
    if (holder.serving && !options.share) {
      if (holder.schema !== schemaVersion() || holder.release !== RELEASE) {
        socket.destroy();
        throw new InterdictError('STORE_LOCKED', `the store in ${dir} is served by ${describeHolder(holder)}, which runs Interdict ${holder.release} (store schema ${holder.schema}); this is ${RELEASE} (schema ${schemaVersion()}): stop it, or run the same release`, 409);
      }
      return { client: remoteSql(socket, describeHolder(holder)), holder, ready: () => {} };
    }
    socket.destroy();
    if (holder.serving) throw new InterdictError('STORE_LOCKED', `the store in ${dir} is already served by ${describeHolder(holder)}`, 409);
    if (Date.now() >= deadline) throw new InterdictError('STORE_LOCKED', `the store in ${dir} is in use by ${describeHolder(holder)}; try again when it has finished`, 409);
    if (!told) options.onWait?.(holder);
    told = true;
    await new Promise((wait) => setTimeout(wait, 250));
  }
}
