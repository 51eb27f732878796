import { sha256 } from '../core/canonical.js';
import type { SqlClient } from './sql.js';

/**
 * One entry of the audit trail: who did what, when, to what, with the state before and after.
 *
 * @example { seq: 12, at: '2026-11-23T22:51:04.120Z', actor: 'key:k_3f9a', action: 'alert.decide', subject: 'alert:7', before: { status: 'open' }, after: { status: 'false_positive', note: '...' }, prevHash: '…', hash: '…' }
 */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export type AuditInput = Pick<AuditEntry, 'actor' | 'action'> & { subject?: string | null; before?: unknown; after?: unknown };

/** The previous hash of the first entry. */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always hashes the same, whatever order PostgreSQL's jsonb returns keys in. */
export function stableJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).filter((k) => record[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An entry's hash: over the previous entry's hash and everything the entry says. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, subject, before, after, prevHash } = entry;
  return sha256(`${prevHash}\n${stableJson({ seq, at, actor, action, subject, before: before ?? null, after: after ?? null })}`);
}

/** Read back with camel-case names; `seq` is a bigint, which a client may give as text. */
const AUDIT_COLUMNS = 'seq, at, actor, action, subject, before, after, prev_hash AS "prevHash", hash';

/**
 * Append an entry, inside the caller's transaction (so that the change and its record commit
 * together). Appends are serialized by a transaction lock: each sees the one before.
 */
export async function appendAudit(tx: SqlClient, input: AuditInput): Promise<AuditEntry> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['interdict.audit']);
  const { rows } = await tx.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const last = rows[0];
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    subject: input.subject ?? null,
    // Stored as jsonb and hashed as read back: plain JSON values only.
    before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
    after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = entryHash(entry);
  await tx.query(
    'INSERT INTO audit_log (seq, at, actor, action, subject, before, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [entry.seq, entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.before), JSON.stringify(entry.after), entry.prevHash, hash],
  );
  return { ...entry, hash };
}

/** The trail in order, from `after` (a sequence number) on, in pages. */
export async function* auditEntries(sql: SqlClient, after = 0): AsyncIterable<AuditEntry> {
  for (let from = after; ; ) {
    const { rows } = await sql.query<AuditEntry>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000`, [from]);
    for (const row of rows) yield { ...row, seq: Number(row.seq) };
    if (rows.length < 1000) return;
    from = Number(rows[rows.length - 1]!.seq);
  }
}

/**
 * The trail's newest entry and how many entries there are: what a checkpoint anchors outside the
 * database. An empty trail's head is entry 0 with the genesis hash.
 *
 * @example { seq: 412, hash: '9c1e…', entries: 412 }
 */
export interface AuditHead {
  seq: number;
  hash: string;
  entries: number;
}

/** The head and the count in one statement, so that both are of the same moment. */
export async function auditHead(sql: SqlClient): Promise<AuditHead> {
  const { rows } = await sql.query<{ seq: string | number | null; hash: string | null; entries: string | number }>(
    `SELECT h.seq, h.hash, c.entries FROM (SELECT count(*) AS entries FROM audit_log) c
     LEFT JOIN LATERAL (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) h ON true`,
  );
  const row = rows[0];
  return { seq: Number(row?.seq ?? 0), hash: row?.hash ?? GENESIS, entries: Number(row?.entries ?? 0) };
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** The first entry whose link is broken, and how. */
  broken?: { seq: number; reason: string };
}

/** Recompute the chain: each entry's hash, and that it names the one before. */
export async function verifyChain(entries: AsyncIterable<AuditEntry>): Promise<ChainCheck> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  for await (const entry of entries) {
    count++;
    if (entry.seq !== expectedSeq) return { ok: false, entries: count, broken: { seq: entry.seq, reason: `expected entry ${expectedSeq} here: an entry is missing` } };
    if (entry.prevHash !== prev) return { ok: false, entries: count, broken: { seq: entry.seq, reason: 'its previous hash does not match the entry before it' } };
    if (entryHash(entry) !== entry.hash) return { ok: false, entries: count, broken: { seq: entry.seq, reason: 'its contents do not match its hash' } };
    prev = entry.hash;
    expectedSeq++;
  }
  return { ok: true, entries: count };
}
