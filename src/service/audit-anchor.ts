import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { InputError, InterdictError } from '../core/errors.js';
import { GENESIS, stableJson, verifyChain, type AuditEntry, type AuditHead, type ChainCheck } from '../store/audit.js';
import type { Store } from '../store/index.js';

/*
 * The audit chain proves that no entry was changed or removed since, unless whoever did it also
 * recomputed the hashes after it, which the database's own role can. A checkpoint (the head's
 * number and hash, and the count) written where that role cannot write anchors the chain: an
 * entry changed at or before a checkpoint changes the hash the checkpoint holds, and entries
 * deleted from the end leave the trail shorter than a checkpoint says it was.
 */

/** Where the chain is anchored: a file of checkpoints, and the key they are signed with (a secret the database's role does not have). */
export interface AuditAnchor {
  file: string;
  key?: string;
}

/**
 * The audit chain's head at a moment, one JSON line of the anchor file; `hmac` is HMAC-SHA256 of
 * the rest under the anchor's key, when one is set.
 *
 * @example { seq: 412, hash: '9c1e…', at: '2026-11-24T10:00:00.000Z', entries: 412, hmac: '5be0…' }
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  entries: number;
  hmac?: string;
}

/** What the anchor file says of the chain: its checkpoints, the newest, and the first that does not hold. */
export interface AnchorCheck {
  file: string;
  /** Lines of the file (each one checkpoint). */
  checkpoints: number;
  /** The checkpoint of the latest entry. */
  newest: { seq: number; at: string } | null;
  /** Whether each checkpoint's HMAC was checked (a key is set). */
  signed: boolean;
  /** The first checkpoint that does not hold (by line), or why the file anchors nothing. */
  broken?: { line?: number; seq?: number; reason: string };
}

/** A chain check, with the anchor's when one is configured. */
export interface AuditCheck extends ChainCheck {
  anchor?: AnchorCheck;
}

/** One line of an anchor file: a checkpoint, or why it is not one. */
export type AnchorLine = { line: number; checkpoint: Checkpoint } | { line: number; error: string };

const HASH = /^[0-9a-f]{64}$/;
const FIELDS = new Set(['seq', 'hash', 'at', 'entries', 'hmac']);
// A prefix of its own: an HMAC the same key makes for anything else never passes for a checkpoint's.
const HMAC_CONTEXT = 'interdict.audit.checkpoint\n';

/** The HMAC-SHA256 of a checkpoint's content (its fields but the HMAC), hex. */
export function checkpointHmac(checkpoint: Omit<Checkpoint, 'hmac'>, key: string): string {
  const { seq, hash, at, entries } = checkpoint;
  return createHmac('sha256', key).update(HMAC_CONTEXT + stableJson({ seq, hash, at, entries })).digest('hex');
}

/** A checkpoint of `head`, signed when a key is given. */
export function makeCheckpoint(head: AuditHead, at: string, key?: string): Checkpoint {
  const checkpoint: Checkpoint = { seq: head.seq, hash: head.hash, at, entries: head.entries };
  return key ? { ...checkpoint, hmac: checkpointHmac(checkpoint, key) } : checkpoint;
}

/** A checkpoint as its line of the anchor file. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { seq, hash, at, entries, hmac } = checkpoint;
  return `${JSON.stringify(hmac ? { seq, hash, at, entries, hmac } : { seq, hash, at, entries })}\n`;
}

function readLine(text: string): Checkpoint | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).find((k) => !FIELDS.has(k));
  if (extra) return `unknown field "${extra}"`;
  const { seq, hash, at, entries, hmac } = record;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) return 'seq is not a whole number of 0 or more';
  if (typeof hash !== 'string' || !HASH.test(hash)) return 'hash is not 64 hex digits';
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return 'at is not a time';
  if (!Number.isSafeInteger(entries) || (entries as number) < 0) return 'entries is not a whole number of 0 or more';
  if (hmac !== undefined && (typeof hmac !== 'string' || !HASH.test(hmac))) return 'hmac is not 64 hex digits';
  return { seq: seq as number, hash, at, entries: entries as number, ...(hmac === undefined ? {} : { hmac }) };
}

/** The lines of an anchor file, numbered from 1; blank lines are skipped. */
export function parseAnchor(text: string): AnchorLine[] {
  const lines: AnchorLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const read = readLine(raw);
    lines.push(typeof read === 'string' ? { line: i + 1, error: `not a checkpoint: ${read}` } : { line: i + 1, checkpoint: read });
  });
  return lines;
}

function hmacHolds(checkpoint: Checkpoint, key: string): boolean {
  if (!checkpoint.hmac) return false;
  return timingSafeEqual(Buffer.from(checkpoint.hmac, 'hex'), Buffer.from(checkpointHmac(checkpoint, key), 'hex'));
}

/** The checkpoint of the latest entry (the later line, of two of the same entry). */
function newestOf(lines: AnchorLine[]): { line: number; checkpoint: Checkpoint } | undefined {
  let newest: { line: number; checkpoint: Checkpoint } | undefined;
  for (const line of lines) if ('checkpoint' in line && (!newest || line.checkpoint.seq >= newest.checkpoint.seq)) newest = line;
  return newest;
}

const short = (hash: string | undefined): string => (hash ? `${hash.slice(0, 12)}…` : 'none');

/** What the chain showed of itself: how far its links held, and the hashes of the entries the checkpoints name. */
export interface WalkedChain {
  ok: boolean;
  /** Entries 1 to `verified` are linked and hash correctly. */
  verified: number;
  hashes: ReadonlyMap<number, string>;
}

/**
 * Check every checkpoint against the chain: its HMAC (when a key is given), then that the entry
 * it names is in the chain with the hash it recorded. Names the first that does not hold, by line.
 * Checkpoints past a break of the chain itself are not checked: the chain's break is reported.
 */
export function checkCheckpoints(file: string, lines: AnchorLine[], chain: WalkedChain, key?: string): AnchorCheck {
  const newest = newestOf(lines);
  const result: AnchorCheck = { file, checkpoints: lines.length, newest: newest ? { seq: newest.checkpoint.seq, at: newest.checkpoint.at } : null, signed: Boolean(key) };
  if (!lines.length) return { ...result, broken: { reason: 'the anchor file holds no checkpoint: it anchors nothing (interdict audit checkpoint writes one)' } };
  const broken = (line: number, seq: number | undefined, reason: string): AnchorCheck => ({ ...result, broken: { line, ...(seq === undefined ? {} : { seq }), reason } });
  // Entries of checkpoints that held: the change lies after the latest of them below a failing one.
  const held: number[] = [];
  for (const line of lines) {
    if ('error' in line) return broken(line.line, undefined, line.error);
    const { checkpoint } = line;
    const { seq, at } = checkpoint;
    if (key && !checkpoint.hmac) return broken(line.line, seq, 'it has no HMAC, and a key is set (INTERDICT_AUDIT_ANCHOR_KEY): it was not written with the key');
    if (key && !hmacHolds(checkpoint, key)) return broken(line.line, seq, 'its HMAC does not match the key (INTERDICT_AUDIT_ANCHOR_KEY): the line was forged or altered, or signed with another key');
    if (checkpoint.entries !== seq) return broken(line.line, seq, `it counts ${checkpoint.entries} entries up to entry ${seq}: entries were already missing when it was written`);
    if (seq > chain.verified) {
      if (!chain.ok) continue;
      return broken(line.line, seq, `the trail ends at entry ${chain.verified}, but the checkpoint of ${at} recorded entry ${seq}: entries after ${chain.verified} were deleted`);
    }
    const hash = seq === 0 ? GENESIS : chain.hashes.get(seq);
    if (hash !== checkpoint.hash) {
      const below = held.reduce((max, s) => (s < seq && s > max ? s : max), 0);
      const since = below > 0 ? `after entry ${below} (which a checkpoint anchors intact) and ` : '';
      return broken(line.line, seq, `entry ${seq}'s hash is ${short(hash)}, the checkpoint of ${at} recorded ${short(checkpoint.hash)}: the trail was rewritten ${since}at or before entry ${seq}`);
    }
    held.push(seq);
  }
  return result;
}

/** The anchor file's lines; a file that does not exist is `missing`. */
async function readAnchor(file: string): Promise<AnchorLine[] | 'missing'> {
  try {
    return parseAnchor(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new InputError('ANCHOR_UNREADABLE', `cannot read the audit anchor ${file}: ${(error as Error).message}`);
  }
}

/**
 * Recompute the chain and check it against the anchor's checkpoints, in one pass over the trail.
 * Not ok when the chain breaks, a checkpoint does not hold, or the anchor file is missing or empty.
 */
export async function verifyAnchored(store: Store, anchor: AuditAnchor): Promise<AuditCheck> {
  const lines = await readAnchor(anchor.file);
  if (lines === 'missing') {
    const chain = await store.verifyAudit();
    return { ...chain, ok: false, anchor: { file: anchor.file, checkpoints: 0, newest: null, signed: Boolean(anchor.key), broken: { reason: 'the anchor file does not exist: no checkpoint was written there (interdict audit checkpoint), or it was removed' } } };
  }
  const wanted = new Set(lines.flatMap((line) => ('checkpoint' in line ? [line.checkpoint.seq] : [])));
  const hashes = new Map<number, string>();
  let verified = 0;
  // An entry is taken as verified once verifyChain asks for the next: it stops at a broken one.
  async function* walk(entries: AsyncIterable<AuditEntry>): AsyncIterable<AuditEntry> {
    for await (const entry of entries) {
      yield entry;
      verified = entry.seq;
      if (wanted.has(entry.seq)) hashes.set(entry.seq, entry.hash);
    }
  }
  const chain = await verifyChain(walk(store.audit()));
  const check = checkCheckpoints(anchor.file, lines, { ok: chain.ok, verified, hashes }, anchor.key);
  return { ...chain, ok: chain.ok && !check.broken, anchor: check };
}

/**
 * Append a checkpoint of the chain's head to the anchor file. Refused when the file's newest
 * checkpoint no longer holds: a checkpoint of a rewritten trail would anchor the rewrite.
 */
export async function writeCheckpoint(store: Store, anchor: AuditAnchor, now: Date = new Date()): Promise<Checkpoint> {
  // The file before the head: any checkpoint in it was then of an entry the head has reached.
  const lines = await readAnchor(anchor.file);
  const head = await store.auditHead();
  const newest = lines === 'missing' ? undefined : newestOf(lines);
  if (newest) {
    const { line, checkpoint } = newest;
    let hash: string | undefined = GENESIS;
    if (checkpoint.seq > 0) {
      hash = undefined;
      for await (const entry of store.audit(checkpoint.seq - 1)) {
        if (entry.seq === checkpoint.seq) hash = entry.hash;
        break;
      }
    }
    const check = checkCheckpoints(anchor.file, [newest], { ok: true, verified: head.seq, hashes: new Map(hash === undefined ? [] : [[checkpoint.seq, hash]]) }, anchor.key);
    if (check.broken) throw new InterdictError('AUDIT_BROKEN', `no checkpoint written: the newest checkpoint of ${anchor.file} (line ${line}, entry ${checkpoint.seq}) does not hold: ${check.broken.reason}`, 409);
  }
  const checkpoint = makeCheckpoint(head, now.toISOString(), anchor.key);
  try {
    await appendFile(anchor.file, formatCheckpoint(checkpoint));
  } catch (error) {
    throw new InputError('ANCHOR_UNWRITABLE', `cannot write the audit anchor ${anchor.file}: ${(error as Error).message}`);
  }
  return checkpoint;
}

/** What anchored an intact trail, for a person: how many checkpoints, the newest, and whether their HMACs were checked. */
export function describeAnchor(anchor: AnchorCheck): string {
  const newest = anchor.newest ? `, the newest of entry ${anchor.newest.seq} at ${anchor.newest.at}` : '';
  return `anchored by ${anchor.checkpoints} checkpoint${anchor.checkpoints === 1 ? '' : 's'} in ${anchor.file}${newest} (${anchor.signed ? 'HMACs checked' : 'HMACs not checked: INTERDICT_AUDIT_ANCHOR_KEY is not set'})`;
}

/** What failed, in one sentence for a command's error or a log; undefined when the check is ok. */
export function describeAuditFailure(check: AuditCheck): string | undefined {
  const parts: string[] = [];
  if (check.broken) parts.push(`audit trail broken at entry ${check.broken.seq}: ${check.broken.reason}`);
  const broken = check.anchor?.broken;
  if (broken) parts.push(`audit anchor ${check.anchor!.file}${broken.line ? ` line ${broken.line}` : ''}${broken.seq === undefined ? '' : ` (checkpoint of entry ${broken.seq})`}: ${broken.reason}`);
  return parts.length ? parts.join('; ') : undefined;
}
