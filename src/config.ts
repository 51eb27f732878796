import { z } from 'zod';
import { InputError } from './core/errors.js';
import { DEFAULT_MAX_LIST_AGE_DAYS } from './service/list-ages.js';

/** The only reader of the environment: everything else receives a frozen Config. */
export interface Config {
  /** PostgreSQL connection URL; when set, the store is PostgreSQL instead of the embedded one. */
  databaseUrl: string | undefined;
  /** The PostgreSQL schema Interdict's tables live in. */
  pgSchema: string;
  /** The embedded store's folder. */
  dataDir: string;
  logLevel: string;
  /** Requests per minute per API key (or per address without one); 0 turns the limit off. */
  rateLimit: number;
  /** A list whose contents are older than this many days is stale: screenings against it say so. */
  maxListAgeDays: number;
  /** How long a command waits for another command holding the embedded store to finish (seconds). */
  storeWaitSeconds: number;
}

const ENV = z.object({
  DATABASE_URL: z.string().url().optional(),
  INTERDICT_PG_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier').default('interdict'),
  INTERDICT_DB: z.string().min(1).default('./data/interdict'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTERDICT_RATE_LIMIT: z.coerce.number().int().min(0).default(60_000),
  INTERDICT_MAX_LIST_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_MAX_LIST_AGE_DAYS),
  INTERDICT_STORE_WAIT: z.coerce.number().int().min(0).max(86_400).default(600),
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = ENV.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError('INVALID_CONFIG', `environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return Object.freeze({ databaseUrl: e.DATABASE_URL, pgSchema: e.INTERDICT_PG_SCHEMA, dataDir: e.INTERDICT_DB, logLevel: e.LOG_LEVEL, rateLimit: e.INTERDICT_RATE_LIMIT, maxListAgeDays: e.INTERDICT_MAX_LIST_AGE_DAYS, storeWaitSeconds: e.INTERDICT_STORE_WAIT });
}
