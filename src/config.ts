import { z } from 'zod';
import { InputError } from './core/errors.js';
import { DEFAULT_JOB_RETENTION_HOURS } from './service/jobs.js';
import { DEFAULT_MAX_LIST_AGE_DAYS } from './service/list-ages.js';
import { DEFAULT_MAX_REMOVED_SHARE } from './service/load.js';

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
  /** Hours a finished batch screening (its upload, results and record) is kept before it is deleted. */
  jobRetentionHours: number;
  /** The share of a dataset's entities a new version may remove without --force (0.1: 10%). */
  maxRemovedShare: number;
  /** A screening request not answered within this many seconds is ended with 503. */
  requestDeadlineSeconds: number;
  /**
   * The audit chain's anchor (docs/security.md): a file of checkpoints of the chain's head, kept
   * where the database's role cannot write, and the key that signs them (HMAC-SHA256), which that
   * role does not have. `serve` appends a checkpoint every `minutes`; `audit verify` checks them.
   */
  auditAnchor: { file: string | undefined; key: string | undefined; minutes: number };
}

const ENV = z.object({
  DATABASE_URL: z.string().url().optional(),
  INTERDICT_PG_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier').default('interdict'),
  INTERDICT_DB: z.string().min(1).default('./data/interdict'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTERDICT_RATE_LIMIT: z.coerce.number().int().min(0).default(60_000),
  INTERDICT_MAX_LIST_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_MAX_LIST_AGE_DAYS),
  INTERDICT_STORE_WAIT: z.coerce.number().int().min(0).max(86_400).default(600),
  // Customer files are personal data: kept no longer than needed to fetch the results (at most ten years).
  INTERDICT_JOB_RETENTION_HOURS: z.coerce.number().int().min(1).max(87_600).default(DEFAULT_JOB_RETENTION_HOURS),
  INTERDICT_MAX_REMOVED_SHARE: z.coerce.number().min(0).max(1).default(DEFAULT_MAX_REMOVED_SHARE),
  INTERDICT_REQUEST_DEADLINE: z.coerce.number().min(1).max(3600).default(10),
  INTERDICT_AUDIT_ANCHOR: z.string().min(1).optional(),
  // Short secrets can be guessed offline from one checkpoint line and its HMAC.
  INTERDICT_AUDIT_ANCHOR_KEY: z.string().min(16, 'at least 16 characters').optional(),
  INTERDICT_AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = ENV.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError('INVALID_CONFIG', `environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return Object.freeze({ databaseUrl: e.DATABASE_URL, pgSchema: e.INTERDICT_PG_SCHEMA, dataDir: e.INTERDICT_DB, logLevel: e.LOG_LEVEL, rateLimit: e.INTERDICT_RATE_LIMIT, maxListAgeDays: e.INTERDICT_MAX_LIST_AGE_DAYS, storeWaitSeconds: e.INTERDICT_STORE_WAIT, jobRetentionHours: e.INTERDICT_JOB_RETENTION_HOURS,
    maxRemovedShare: e.INTERDICT_MAX_REMOVED_SHARE, requestDeadlineSeconds: e.INTERDICT_REQUEST_DEADLINE,
    auditAnchor: Object.freeze({ file: e.INTERDICT_AUDIT_ANCHOR, key: e.INTERDICT_AUDIT_ANCHOR_KEY, minutes: e.INTERDICT_AUDIT_ANCHOR_MINUTES }) });
}
