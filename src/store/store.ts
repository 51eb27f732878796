import type { Entity } from '../core/entity.js';
import type { ListDiff } from '../core/diff.js';
import type { AuditEntry, AuditHead, AuditInput, ChainCheck } from './audit.js';
import type { ExemptionsSql } from './exemptions.js';
import type { LinkDecisionsSql } from './link-decisions.js';
import type { MonitoringSql } from './monitoring.js';
import type { PetroleumSql } from './petroleum.js';
import type { NewsSql } from './news.js';
import type { ScreeningJobsSql } from './batch-jobs.js';

/**
 * One loaded publication of a dataset.
 *
 * @example { id: 'un_sc-20260227-66b392a4', dataset: 'un_sc', published: '2026-02-27', entityCount: 1003, current: true, ... }
 */
export interface ListVersion {
  id: string;
  dataset: string;
  published: string | null;
  contentHash: string;
  loadedAt: string;
  /** When `update` last found the publisher serving this publication (null when only loaded from a file). */
  confirmedAt: string | null;
  entityCount: number;
  source: string;
  format: string;
  current: boolean;
}

/** A publication ready to store: parsed entities with the facts that identify the publication. */
export interface VersionInput {
  dataset: string;
  published: string | null;
  source: string;
  format: string;
  entities: Entity[];
  /** Who loaded it, for the audit trail (default `system`). */
  actor?: string;
  /** Fetched from its publisher now (by `update`): the list is confirmed current, whether or not it changed. */
  confirmed?: boolean;
}

export interface CommitResult {
  version: ListVersion;
  /** False when the same content of the same publication was already stored. */
  created: boolean;
  /** The version that was current before, if any. */
  previous: ListVersion | null;
  /** Changes from the previous current version (empty when nothing was created). */
  diff: ListDiff;
  /** False when the new version is older than the current one, which stays current. */
  madeCurrent: boolean;
}

export interface EntityQuery {
  dataset?: string;
  collection?: string;
  /** A specific version instead of the current ones. */
  versionId?: string;
  /** These entities only. */
  ids?: string[];
}

export type Role = 'reader' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['reader', 'analyst', 'admin'];

/** An API key as stored: its hash, never the key. */
export interface ApiKey {
  id: string;
  role: Role;
  /** SHA-256 of the key, hex. */
  hash: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** Who made it (the audit trail's actor). */
  createdBy: string | null;
}

/**
 * The one storage contract: an embedded (PGlite) and a PostgreSQL implementation both pass the
 * same contract tests.
 */
export interface Store {
  /** Add a version atomically: either the version and all its entities are stored and current, or nothing changes. */
  commitVersion(input: VersionInput): Promise<CommitResult>;
  listVersions(dataset?: string): Promise<ListVersion[]>;
  currentVersions(): Promise<ListVersion[]>;
  getVersion(id: string): Promise<ListVersion | null>;
  /** The entity with this id in the current versions (one per dataset that lists it). */
  getEntity(id: string): Promise<Entity[]>;
  /** Versions (of any dataset, current or not) that hold an entity with this id. */
  entityVersions(id: string): Promise<ListVersion[]>;
  /**
   * For each entity of the current versions, when its own record was first seen, last seen and
   * last changed, by the versions of its datasets that carried it (each version's publication
   * date, else its load time).
   */
  entityTimelines(): Promise<Map<string, EntityTimeline>>;
  diffVersions(fromId: string, toId: string): Promise<ListDiff>;
  /** Entities of the current versions (or of one version), streamed in id order. */
  entities(query?: EntityQuery): AsyncIterable<Entity>;
  /** Store a new API key (its hash). */
  addApiKey(key: { id: string; role: Role; hash: string; label?: string | null }, actor?: string): Promise<ApiKey>;
  /** Every API key, revoked ones included, oldest first. */
  listApiKeys(): Promise<ApiKey[]>;
  /** Mark a key revoked; NotFound when there is no such key. */
  revokeApiKey(id: string, actor?: string): Promise<ApiKey>;
  /** Monitored parties, their alerts, the settings, re-screening runs and their lease: one file each, composed in monitoring.ts. */
  readonly monitoring: MonitoringSql;
  /** Analysts' decisions on cross-list links (two records one designee, or not), audited. */
  readonly linkDecisions: LinkDecisionsSql;
  /** The travel-ban exemption register (the 1718 Committee's exemptions, national licences), audited. */
  readonly exemptions: ExemptionsSql;
  /** Batch screenings shared by the nodes of a cluster. */
  readonly screeningJobs: ScreeningJobsSql;
  /** The petroleum ledgers: deliveries to the DPRK, factors per supplying State, the cease point; audited. */
  readonly petroleum: PetroleumSql;
  /** News articles kept with their scans, and the feeds watched; audited. */
  readonly news: NewsSql;
  /** The audit trail in order, after a sequence number. */
  audit(after?: number): AsyncIterable<AuditEntry>;
  /** Recompute the audit chain; names the first broken link. */
  verifyAudit(): Promise<ChainCheck>;
  /** The trail's newest entry and its count, for a checkpoint kept outside the database. */
  auditHead(): Promise<AuditHead>;
  /** Append an entry of what was done outside the store's own changes (a screening: who, when, against which versions, with what counts). */
  recordAudit(entry: AuditInput): Promise<AuditEntry>;
  close(): Promise<void>;
}

/** When an entity's own record was first seen, last seen and last changed (YYYY-MM-DDTHH:MM:SS, UTC). */
export interface EntityTimeline {
  first_seen: string;
  last_seen: string;
  last_change: string;
}
