import { collectionsOf } from '../core/collections.js';
import { contentHash, entityHash } from '../core/canonical.js';
import { diffHashes, type ListDiff } from '../core/diff.js';
import type { Entity, SourceTimes } from '../core/entity.js';
import { InputError, NotFoundError } from '../core/errors.js';
import { migrate } from './migrate.js';
import { appendAudit, auditEntries, auditHead, verifyChain, type AuditEntry, type AuditHead, type AuditInput, type ChainCheck } from './audit.js';
import { createExemptionsSql, type ExemptionsSql } from './exemptions.js';
import { createLinkDecisionsSql, type LinkDecisionsSql } from './link-decisions.js';
import { createMonitoringSql, type MonitoringSql } from './monitoring.js';
import { createPetroleumSql, type PetroleumSql } from './petroleum.js';
import { createNewsSql, type NewsSql } from './news.js';
import { ScreeningJobsSql } from './batch-jobs.js';
import { arrayLiteral } from './copy-csv.js';
import { storable, utc, type SqlClient } from './sql.js';
import type { ApiKey, CommitResult, EntityQuery, EntityTimeline, ListVersion, Role, Store, VersionInput } from './store.js';

const BATCH = 1000;
const PAGE = 2000;

interface VersionRow {
  id: string;
  dataset: string;
  published: string | null;
  content_hash: string;
  loaded_at: string;
  confirmed_at: string | null;
  entity_count: number;
  source: string;
  format: string;
  current: boolean;
}

const VERSION_COLUMNS = `v.id, v.dataset, to_char(v.published, 'YYYY-MM-DD') AS published, v.content_hash,
  ${utc('v.loaded_at')} AS loaded_at, ${utc('v.confirmed_at')} AS confirmed_at, v.entity_count, v.source, v.format,
  (h.version_id IS NOT NULL) AS current`;
const VERSION_FROM = 'list_versions v LEFT JOIN dataset_heads h ON h.version_id = v.id';

function toVersion(row: VersionRow): ListVersion {
  return {
    id: row.id,
    dataset: row.dataset,
    published: row.published,
    contentHash: row.content_hash,
    loadedAt: row.loaded_at,
    confirmedAt: row.confirmed_at,
    entityCount: Number(row.entity_count),
    source: row.source,
    format: row.format,
    current: Boolean(row.current),
  };
}

interface KeyRow {
  id: string;
  role: Role;
  hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
  created_by: string | null;
}

const KEY_COLUMNS = `id, role, hash, label, ${utc('created_at')} AS created_at, ${utc('revoked_at')} AS revoked_at, created_by`;

function toKey(row: KeyRow): ApiKey {
  return { id: row.id, role: row.role, hash: row.hash, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at, createdBy: row.created_by };
}

/** An entity as a version stores it: its record (by hash) and the version's row for it. */
interface StoredRecord {
  entity_id: string;
  hash: string;
  schema: string;
  caption: string;
  collections: string[];
  data: Entity;
  seen: SourceTimes | undefined;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Store the records not stored yet, by their hash. `firstOfDataset`: no version of the dataset
 * is stored, so that its records are very likely all new.
 */
async function insertRecords(tx: SqlClient, records: StoredRecord[], firstOfDataset: boolean): Promise<void> {
  if (tx.copyRows) {
    const copy = tx.copyRows.bind(tx);
    const rows = (list: StoredRecord[]): string[][] => list.map((r) => [r.hash, JSON.stringify(r.data)]);
    // COPY has no ON CONFLICT. The records of a dataset's first version are copied at once (should
    // one be stored already, by another dataset, the copy is undone and made as below); the others
    // leave out the records already stored first. Nothing can store one in between: a client with
    // COPY is PGlite, whose transactions run one at a time.
    if (firstOfDataset) {
      await tx.exec('SAVEPOINT first_records');
      try {
        await copy('entity_records', ['hash', 'data'], rows(records));
        await tx.exec('RELEASE SAVEPOINT first_records');
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        await tx.exec('ROLLBACK TO SAVEPOINT first_records');
      }
    }
    const { rows: found } = await tx.query<{ hash: string }>('SELECT hash FROM entity_records WHERE hash = ANY($1::text[])', [records.map((r) => r.hash)]);
    const stored = new Set(found.map((r) => r.hash));
    await copy('entity_records', ['hash', 'data'], rows(records.filter((r) => !stored.has(r.hash))));
    return;
  }
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO entity_records (hash, data)
       SELECT x.hash, x.data FROM jsonb_to_recordset($1::jsonb) AS x(hash text, data jsonb)
       ON CONFLICT (hash) DO NOTHING`,
      [JSON.stringify(batch.map((r) => ({ hash: r.hash, data: r.data })))],
    );
  }
}

/** The version's rows for its entities. */
async function insertMembers(tx: SqlClient, versionId: string, records: StoredRecord[]): Promise<void> {
  const seen = (r: StoredRecord): string | null => (r.seen ? JSON.stringify(r.seen) : null);
  if (tx.copyRows) {
    await tx.copyRows('version_entities', ['version_id', 'entity_id', 'hash', 'schema', 'caption', 'collections', 'seen'],
      records.map((r) => [versionId, r.entity_id, r.hash, r.schema, r.caption, arrayLiteral(r.collections), seen(r)]));
    return;
  }
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO version_entities (version_id, entity_id, hash, schema, caption, collections, seen)
       SELECT $1, u.entity_id, u.hash, u.schema, u.caption, string_to_array(u.collections, ' '), u.seen::jsonb
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(entity_id, hash, schema, caption, collections, seen)`,
      [versionId, batch.map((r) => r.entity_id), batch.map((r) => r.hash), batch.map((r) => r.schema), batch.map((r) => r.caption), batch.map((r) => r.collections.join(' ')), batch.map(seen)],
    );
  }
}

/** `un_sc-20260227-66b392a4`: dataset, publication date and the start of the content hash. */
export function versionId(dataset: string, published: string | null, hash: string): string {
  return `${dataset}-${published ? published.replaceAll('-', '') : 'undated'}-${hash.slice(0, 8)}`;
}

/** The channel a new current version is announced on. */
export const VERSIONS_CHANNEL = 'interdict_versions';

const DATASET_NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

/** The Store over any SQL client: the embedded and PostgreSQL stores differ only in their client. */
export class SqlStore implements Store {
  readonly monitoring: MonitoringSql;
  readonly linkDecisions: LinkDecisionsSql;
  readonly exemptions: ExemptionsSql;
  readonly screeningJobs: ScreeningJobsSql;
  readonly petroleum: PetroleumSql;
  readonly news: NewsSql;

  private constructor(private readonly sql: SqlClient) {
    this.monitoring = createMonitoringSql(sql);
    this.linkDecisions = createLinkDecisionsSql(sql);
    this.exemptions = createExemptionsSql(sql);
    this.screeningJobs = new ScreeningJobsSql(sql);
    this.petroleum = createPetroleumSql(sql);
    this.news = createNewsSql(sql);
  }

  /** The store over a client, its migrations applied first (unless the process holding the database did). */
  static async open(sql: SqlClient, options: { migrate?: boolean } = {}): Promise<SqlStore> {
    if (options.migrate ?? true) await migrate(sql);
    return new SqlStore(sql);
  }

  async commitVersion(input: VersionInput): Promise<CommitResult> {
    if (!DATASET_NAME.test(input.dataset)) throw new InputError('INVALID_DATASET', `invalid dataset name "${input.dataset}" (lower-case letters, digits, _ . -)`);
    if (input.entities.length === 0) throw new InputError('EMPTY_VERSION', `refusing to store an empty version of ${input.dataset}`);
    const hashes = new Map<string, string>();
    const records: StoredRecord[] = [];
    for (const entity of input.entities) {
      if (hashes.has(entity.id)) throw new InputError('DUPLICATE_ENTITY', `${input.source}: entity id ${entity.id} appears twice`);
      const hash = entityHash(entity);
      hashes.set(entity.id, hash);
      // The record is stored by its hash, which the source's times are not part of: they go with the version.
      const { seen, ...data } = entity;
      records.push({ entity_id: entity.id, hash, schema: entity.schema, caption: entity.caption, collections: collectionsOf(entity), data, seen });
    }
    const hash = contentHash(hashes);
    const id = versionId(input.dataset, input.published, hash);

    return this.sql.transaction(async (tx) => {
      // Serialize loads of one dataset across processes sharing a PostgreSQL.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`interdict.load.${input.dataset}`]);
      const previous = await this.currentOf(tx, input.dataset);
      if (input.confirmed) await tx.query('UPDATE list_versions SET confirmed_at = now() WHERE id = $1', [id]);
      const existing = await this.versionById(tx, id);
      if (existing) return { version: existing, created: false, previous, diff: { added: [], removed: [], changed: [] }, madeCurrent: existing.current };

      await insertRecords(tx, records, !previous);
      await tx.query(
        'INSERT INTO list_versions (id, dataset, published, content_hash, entity_count, source, format, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END)',
        [id, input.dataset, input.published, hash, records.length, input.source, input.format, Boolean(input.confirmed)],
      );
      await insertMembers(tx, id, records);
      // An older publication loaded after a newer one is kept, but does not replace it.
      const madeCurrent = !previous || !previous.published || !input.published || input.published >= previous.published;
      if (madeCurrent) {
        await tx.query(
          `INSERT INTO dataset_heads (dataset, version_id) VALUES ($1, $2)
           ON CONFLICT (dataset) DO UPDATE SET version_id = EXCLUDED.version_id, updated_at = now()`,
          [input.dataset, id],
        );
      }
      const before = previous ? await this.hashesOf(tx, previous.id) : new Map<string, string>();
      const version = (await this.versionById(tx, id))!;
      const diff = diffHashes(before, hashes);
      // Every node of a cluster listening learns of it at commit (the others poll).
      if (madeCurrent) await tx.query('SELECT pg_notify($1, $2)', [VERSIONS_CHANNEL, id]);
      await appendAudit(tx, {
        actor: input.actor ?? 'system',
        action: 'list.load',
        subject: `version:${id}`,
        before: previous ? { version: previous.id, entities: previous.entityCount } : null,
        after: { version: id, dataset: input.dataset, published: input.published, entities: records.length, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, current: madeCurrent, source: input.source },
      });
      return { version, created: true, previous, diff, madeCurrent };
    });
  }

  async listVersions(dataset?: string): Promise<ListVersion[]> {
    if (dataset !== undefined && !storable(dataset)) return [];
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} ${dataset ? 'WHERE v.dataset = $1' : ''} ORDER BY v.dataset, v.seq`,
      dataset ? [dataset] : [],
    );
    return rows.map(toVersion);
  }

  async currentVersions(): Promise<ListVersion[]> {
    const { rows } = await this.sql.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE h.version_id IS NOT NULL ORDER BY v.dataset`);
    return rows.map(toVersion);
  }

  async getVersion(id: string): Promise<ListVersion | null> {
    if (!storable(id)) return null;
    return this.versionById(this.sql, id);
  }

  async getEntity(id: string): Promise<Entity[]> {
    if (!storable(id)) return [];
    const { rows } = await this.sql.query<{ data: Entity }>(
      `SELECT r.data FROM version_entities ve
       JOIN dataset_heads h ON h.version_id = ve.version_id
       JOIN entity_records r ON r.hash = ve.hash
       WHERE ve.entity_id = $1 ORDER BY h.dataset`,
      [id],
    );
    return rows.map((r) => r.data);
  }

  async entityVersions(id: string): Promise<ListVersion[]> {
    if (!storable(id)) return [];
    const { rows } = await this.sql.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} JOIN version_entities ve ON ve.version_id = v.id
       WHERE ve.entity_id = $1 ORDER BY v.dataset, v.seq`,
      [id],
    );
    return rows.map(toVersion);
  }

  async entityTimelines(): Promise<Map<string, EntityTimeline>> {
    // Each version carrying an entity, at its publication date (else its load time), with the
    // record's hash in the version of its dataset that carried it before: a record differing
    // from it (or the first) is a change.
    const at = `COALESCE(v.published::timestamp, v.loaded_at AT TIME ZONE 'UTC')`;
    const { rows } = await this.sql.query<{ entity_id: string; first_seen: string; last_seen: string; last_change: string }>(
      `WITH carried AS (
         SELECT ve.entity_id, ${at} AS at, ve.hash,
                LAG(ve.hash) OVER (PARTITION BY ve.entity_id, v.dataset ORDER BY v.seq) AS previous
         FROM version_entities ve JOIN list_versions v ON v.id = ve.version_id
         WHERE ve.entity_id IN (SELECT entity_id FROM version_entities WHERE version_id IN (SELECT version_id FROM dataset_heads))
       )
       SELECT entity_id,
              to_char(min(at), 'YYYY-MM-DD"T"HH24:MI:SS') AS first_seen,
              to_char(max(at), 'YYYY-MM-DD"T"HH24:MI:SS') AS last_seen,
              to_char(max(at) FILTER (WHERE previous IS NULL OR previous <> hash), 'YYYY-MM-DD"T"HH24:MI:SS') AS last_change
       FROM carried GROUP BY entity_id`,
    );
    const timelines = new Map(rows.map((r) => [r.entity_id, { first_seen: r.first_seen, last_seen: r.last_seen, last_change: r.last_change }]));
    // What the source itself says (FtM exports' first_seen, last_seen, last_change) comes first, from the current version.
    const given = await this.sql.query<{ entity_id: string; seen: SourceTimes }>(
      'SELECT ve.entity_id, ve.seen FROM version_entities ve JOIN dataset_heads h ON h.version_id = ve.version_id WHERE ve.seen IS NOT NULL',
    );
    for (const { entity_id: id, seen } of given.rows) {
      const history = timelines.get(id);
      if (history) timelines.set(id, { ...history, ...seen });
    }
    return timelines;
  }

  async diffVersions(fromId: string, toId: string): Promise<ListDiff> {
    const [from, to] = await Promise.all([this.getVersion(fromId), this.getVersion(toId)]);
    if (!from) throw new NotFoundError(`version ${fromId}`);
    if (!to) throw new NotFoundError(`version ${toId}`);
    if (from.dataset !== to.dataset) throw new InputError('DATASET_MISMATCH', `cannot diff versions of different datasets (${from.dataset}, ${to.dataset})`);
    return diffHashes(await this.hashesOf(this.sql, fromId), await this.hashesOf(this.sql, toId));
  }

  async *entities(query: EntityQuery = {}): AsyncIterable<Entity> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.versionId) {
      params.push(query.versionId);
      where.push(`ve.version_id = $${params.length}`);
    } else {
      where.push('ve.version_id IN (SELECT version_id FROM dataset_heads)');
    }
    if (query.dataset) {
      params.push(query.dataset);
      where.push(`ve.version_id IN (SELECT id FROM list_versions WHERE dataset = $${params.length})`);
    }
    if (query.collection && query.collection !== 'default') {
      params.push(query.collection);
      where.push(`$${params.length} = ANY(ve.collections)`);
    }
    if (query.ids) {
      params.push(query.ids.filter(storable));
      where.push(`ve.entity_id = ANY($${params.length}::text[])`);
    }
    let after = '';
    let afterVersion = '';
    for (;;) {
      const page = await this.sql.query<{ entity_id: string; version_id: string; data: Entity }>(
        `SELECT ve.entity_id, ve.version_id, r.data FROM version_entities ve JOIN entity_records r ON r.hash = ve.hash
         WHERE ${where.join(' AND ')} AND (ve.entity_id, ve.version_id) > ($${params.length + 1}, $${params.length + 2})
         ORDER BY ve.entity_id, ve.version_id LIMIT ${PAGE}`,
        [...params, after, afterVersion],
      );
      for (const row of page.rows) yield row.data;
      if (page.rows.length < PAGE) return;
      const last = page.rows[page.rows.length - 1]!;
      after = last.entity_id;
      afterVersion = last.version_id;
    }
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  private async versionById(client: SqlClient, id: string): Promise<ListVersion | null> {
    const { rows } = await client.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE v.id = $1`, [id]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async addApiKey(key: { id: string; role: Role; hash: string; label?: string | null }, actor = 'system'): Promise<ApiKey> {
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<KeyRow>(`INSERT INTO api_keys (id, role, hash, label, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${KEY_COLUMNS}`, [key.id, key.role, key.hash, key.label ?? null, actor]);
      // The key's hash is not recorded: the trail is readable by more people than the keys are.
      await appendAudit(tx, { actor, action: 'key.create', subject: `key:${key.id}`, after: { role: key.role, label: key.label ?? null } });
      return toKey(rows[0]!);
    });
  }

  async listApiKeys(): Promise<ApiKey[]> {
    const { rows } = await this.sql.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at, id`);
    return rows.map(toKey);
  }

  async revokeApiKey(id: string, actor = 'system'): Promise<ApiKey> {
    if (!storable(id)) throw new NotFoundError(`api key ${id}`);
    return this.sql.transaction(async (tx) => {
      const { rows: old } = await tx.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`, [id]);
      if (!old.length) throw new NotFoundError(`api key ${id}`);
      const { rows } = await tx.query<KeyRow>(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${KEY_COLUMNS}`, [id]);
      if (!old[0]!.revoked_at) await appendAudit(tx, { actor, action: 'key.revoke', subject: `key:${id}`, before: { revokedAt: null }, after: { revokedAt: rows[0]!.revoked_at } });
      return toKey(rows[0]!);
    });
  }

  audit(after = 0): AsyncIterable<AuditEntry> {
    return auditEntries(this.sql, after);
  }

  verifyAudit(): Promise<ChainCheck> {
    return verifyChain(auditEntries(this.sql));
  }

  auditHead(): Promise<AuditHead> {
    return auditHead(this.sql);
  }

  recordAudit(entry: AuditInput): Promise<AuditEntry> {
    return this.sql.transaction((tx) => appendAudit(tx, entry));
  }

  private async currentOf(client: SqlClient, dataset: string): Promise<ListVersion | null> {
    const { rows } = await client.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE h.dataset = $1`, [dataset]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  private async hashesOf(client: SqlClient, versionId: string): Promise<Map<string, string>> {
    const { rows } = await client.query<{ entity_id: string; hash: string }>('SELECT entity_id, hash FROM version_entities WHERE version_id = $1', [versionId]);
    return new Map(rows.map((r) => [r.entity_id, r.hash]));
  }
}
