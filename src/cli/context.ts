import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { Config } from '../config.js';
import { InputError } from '../core/errors.js';
import { screeningLists, type ScreeningLists } from '../service/list-ages.js';
import type { RescreenPlace } from '../service/rescreening.js';
import { currentEntities, loadIndex, type Screening } from '../service/screener.js';
import { openStore, type OpenOptions, type Store, type StoreLocation } from '../store/index.js';
import type { Io } from './output.js';

export interface StoreOptions {
  db?: string;
}

/** How a command uses the store. */
export interface StoreUse {
  /** The command, told to other processes that find the store in use (`load`). */
  command: string;
  /** Commands that write create the store when there is none; the others never do. */
  create?: boolean;
}

/** Where the store is: PostgreSQL when DATABASE_URL is set, else the embedded store in --db (or the default folder). */
export function storeLocation(config: Config, options: StoreOptions): StoreLocation {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl, schema: config.pgSchema } as const)
    : ({ kind: 'embedded', dir: resolve(options.db ?? config.dataDir) } as const);
}

/** How a command opens the store: created only by commands that write, waiting its turn behind another command. */
export function openOptions(config: Config, io: Io, use: StoreUse): OpenOptions {
  return {
    create: use.create ?? false,
    command: `interdict ${use.command}`,
    waitMs: config.storeWaitSeconds * 1000,
    onWait: (holder) => void io.err.write(`interdict: the store is in use by ${holder ? `process ${holder.pid} (${holder.command})` : 'another process, too busy to say which'}; waiting up to ${config.storeWaitSeconds} s for it to finish\n`),
  };
}

/** Run `fn` with an open store and close it afterwards, whatever happens. */
export async function withStore<T>(config: Config, io: Io, options: StoreOptions, use: StoreUse, fn: (store: Store, location: StoreLocation) => Promise<T>): Promise<T> {
  const location = storeLocation(config, options);
  const store = await openStore(location, openOptions(config, io, use));
  try {
    return await fn(store, location);
  } finally {
    await store.close();
  }
}

/** Where a command's re-screening runs: on the cluster's workers (with this process helping) in cluster mode, else here. */
export function rescreenPlace(config: Config): RescreenPlace {
  return config.databaseUrl ? { cluster: { databaseUrl: config.databaseUrl, pgSchema: config.pgSchema } } : {};
}

/** The folder beside the store where files of its own (the index snapshot, screening jobs) live: the embedded store's; none for PostgreSQL. */
export function localDir(location: StoreLocation): string | undefined {
  return location.kind === 'embedded' ? location.dir : undefined;
}

/** The screening state of the store's current lists (none when none is loaded: names are then not screened). */
export async function screeningState(store: Store, location: StoreLocation, against: ScreeningLists): Promise<Screening | undefined> {
  if (!against.lists.length) return undefined;
  const { index } = await loadIndex(store, localDir(location));
  const entities = await currentEntities(store);
  return { index, entities: new Map(entities.map((e) => [e.id, e])), versions: await store.currentVersions() };
}

/**
 * The lists a screening from the command line runs against: refused when none is loaded
 * (unless `allowEmpty`), each stale one warned of on standard error.
 */
export async function checkLists(store: Store, config: Config, io: Io, scope: string, allowEmpty?: boolean): Promise<ScreeningLists> {
  const checked = screeningLists(await store.currentVersions(), scope, { maxAgeDays: config.maxListAgeDays, allowEmpty, allowEmptyHint: '--allow-empty' });
  for (const warning of checked.warnings) io.err.write(`interdict: warning: ${warning}\n`);
  return checked;
}

/** The operating-system user running the command, as the audit trail names it. */
export function cliUser(): string {
  return `cli:${userInfo().username}`;
}

/**
 * Who acts from the command line, for the audit trail: the operating-system user, with the
 * name `--actor` gives beside it (a script acting for someone), never instead of it.
 */
export function cliActor(options: { actor?: string }): string {
  const user = cliUser();
  const named = options.actor?.trim();
  if (!named || named === user || `cli:${named}` === user) return user;
  return `${user} (${named})`;
}

/** `--actor` for a decision: only the deciding user's own name, since decisions are counted per person (four eyes). */
export function refuseOtherActor(options: { actor?: string }, identity: string): void {
  const named = options.actor?.trim();
  if (!named || named === identity || `cli:${named}` === identity) return;
  throw new InputError('ACTOR_REFUSED', `--actor "${named}": a decision is recorded under who makes it (${identity}), never under another name; a second analyst confirms as their own user, or with their own key (--key)`);
}
