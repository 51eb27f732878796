import type { Entity } from '../core/entity.js';
import { InputError, InterdictError } from '../core/errors.js';
import { foldSanctions, readPublication, type ParseOptions, type Publication } from '../sources/index.js';
import type { CommitResult, Store } from '../store/index.js';

/** What one dataset's load did, as `interdict load --json` prints it. */
export interface DatasetLoadSummary {
  entities: number;
  version: string;
  published: string | null;
  added: number;
  removed: number;
  changed: number;
  /** False when the same publication was already stored: no version was added. */
  created: boolean;
  /** False when the loaded publication is older than the current one. */
  current: boolean;
  source: string;
  format: string;
  /** What the load lacked or left out (an incomplete file set, records skipped); absent when nothing. */
  warnings?: string[];
}

export interface LoadSummary {
  datasets: Record<string, DatasetLoadSummary>;
}

/**
 * Apply an OpenSanctions delta to the dataset's current entities. Designations of FtM entities
 * are derived from their Sanction entities, so they are dropped and derived again.
 */
export async function applyDelta(store: Store, publication: Publication): Promise<Entity[]> {
  // A delta applied to nothing would store its additions as the whole dataset, its deletions and modifications lost.
  if (!(await store.currentVersions()).some((v) => v.dataset === publication.dataset)) {
    throw new InputError('NO_BASE_VERSION', `${publication.source}: an OpenSanctions delta changes the current version of ${publication.dataset}, and the store holds none. Load the dataset's full export (entities.ftm.json) first, or give --dataset the dataset this delta belongs to`);
  }
  const current = new Map<string, Entity>();
  for await (const entity of store.entities({ dataset: publication.dataset })) current.set(entity.id, { ...entity, designations: [] });
  for (const { op, entity } of publication.delta ?? []) {
    if (op === 'DEL') current.delete(entity.id);
    else current.set(entity.id, entity);
  }
  return foldSanctions([...current.values()]).entities;
}

function summarize(result: CommitResult, publication: Publication): DatasetLoadSummary {
  const warnings = [
    ...(publication.warnings ?? []),
    ...publication.skipped.map((s) => `${s.count} record(s) skipped: ${s.reason}`),
  ];
  return {
    entities: result.version.entityCount,
    version: result.version.id,
    published: result.version.published,
    added: result.diff.added.length,
    removed: result.diff.removed.length,
    changed: result.diff.changed.length,
    created: result.created,
    current: result.madeCurrent,
    source: publication.source,
    format: publication.format,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** A new version may remove at most this share of its dataset's current entities without `force` (INTERDICT_MAX_REMOVED_SHARE). */
export const DEFAULT_MAX_REMOVED_SHARE = 0.1;
/** ...or fewer than this many: a few delistings from a small list are ordinary. */
const MIN_DRASTIC_REMOVALS = 10;

export interface CommitOptions {
  /** Who loads, for the audit trail. */
  actor?: string;
  /** Fetched from the publisher now (`update`): each version is confirmed current. */
  confirmed?: boolean;
  /** Take a version that removes much of its dataset, or comes in another format, as it is. */
  force?: boolean;
  /** The share of a dataset's entities a new version may remove without `force` (default 10%). */
  maxRemovedShare?: number;
}

/**
 * Why a publication must not become current without `force`: it removes more than a set share
 * of its dataset (a truncated or wrong file posted as the list would delist nearly everyone, and
 * the next re-screening close their alerts), or comes in another format than the current one.
 */
async function drasticChange(store: Store, publication: Publication, entities: Entity[], maxShare: number): Promise<string | undefined> {
  const current = (await store.currentVersions()).find((v) => v.dataset === publication.dataset);
  // An older publication is kept without becoming current: nothing it holds reaches a screening.
  if (!current || (current.published && publication.published && publication.published < current.published)) return undefined;
  // A delta is the same list's own format, written as changes.
  const family = (format: string): string => (format === 'ftm-delta' ? 'ftm' : format);
  if (family(current.format) !== family(publication.format)) {
    return `${publication.source}: ${publication.dataset} is loaded from ${current.format} (version ${current.id}) and this is ${publication.format}: another format of a list can hold other entities or other ids`;
  }
  const kept = new Set(entities.map((e) => e.id));
  const removed: string[] = [];
  for await (const entity of store.entities({ dataset: publication.dataset })) if (!kept.has(entity.id)) removed.push(`${entity.id} (${entity.caption})`);
  const share = removed.length / Math.max(1, current.entityCount);
  if (share <= maxShare || removed.length < MIN_DRASTIC_REMOVALS) return undefined;
  return `${publication.source}: this version of ${publication.dataset} would remove ${removed.length} of its ${current.entityCount} entities (${(share * 100).toFixed(1)}%, more than ${(maxShare * 100).toFixed(0)}%), among them ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', ...' : ''}; a truncated or wrong file would delist them all`;
}

/**
 * Commit parsed publications, each in its own transaction, in the order given. Each is checked
 * first: one that would remove much of its dataset, or change its format, stops the load before
 * anything is written, unless forced.
 */
export async function commitPublications(store: Store, publications: Publication[], options: CommitOptions = {}): Promise<LoadSummary> {
  const { force, maxRemovedShare = DEFAULT_MAX_REMOVED_SHARE, ...commit } = options;
  const ready: { publication: Publication; entities: Entity[] }[] = [];
  for (const publication of publications) {
    const entities = publication.delta ? await applyDelta(store, publication) : publication.entities;
    const why = force ? undefined : await drasticChange(store, publication, entities, maxRemovedShare);
    if (why) throw new InputError('DRASTIC_CHANGE', `${why}. Nothing was loaded; load it with --force (over the API: force=true) if that is what the publisher did`);
    ready.push({ publication, entities });
  }
  const summary: LoadSummary = { datasets: {} };
  for (const { publication, entities } of ready) {
    const result = await store.commitVersion({ dataset: publication.dataset, published: publication.published, source: publication.source, format: publication.format, entities, ...commit }).catch((error: unknown) => {
      // How much room the version wants: its records, their indexes and the write-ahead log, about three times their JSON.
      if (!(error instanceof InterdictError) || error.code !== 'DISK_FULL') throw error;
      const needed = Math.ceil((3 * entities.reduce((n, e) => n + JSON.stringify(e).length, 0)) / 1024 / 1024);
      throw new InterdictError('DISK_FULL', `${error.message}. ${publication.dataset} (${entities.length} entities) needs about ${needed} MB more`, 507, { cause: error });
    });
    summary.datasets[publication.dataset] = summarize(result, publication);
  }
  return summary;
}

/** Parse every file first, so that one bad file stops the load before anything is written. */
export async function readPublications(paths: string[], options: ParseOptions = {}): Promise<Publication[]> {
  if (paths.length === 0) throw new InputError('NO_INPUT', 'no list file given');
  const publications: Publication[] = [];
  for (const path of paths) publications.push(await readPublication(path, options));
  return publications;
}

/** Load list files into an open store: all parsed, then each committed in its own transaction. */
export async function loadPaths(store: Store, paths: string[], options: ParseOptions & CommitOptions = {}): Promise<LoadSummary> {
  const { dataset, ...commit } = options;
  return commitPublications(store, await readPublications(paths, { dataset }), commit);
}

