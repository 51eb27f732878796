import type { Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
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

export interface CommitOptions {
  /** Who loads, for the audit trail. */
  actor?: string;
  /** Fetched from the publisher now (`update`): each version is confirmed current. */
  confirmed?: boolean;
}

/** Commit parsed publications, each in its own transaction, in the order given. */
export async function commitPublications(store: Store, publications: Publication[], options: CommitOptions = {}): Promise<LoadSummary> {
  const summary: LoadSummary = { datasets: {} };
  for (const publication of publications) {
    const entities = publication.delta ? await applyDelta(store, publication) : publication.entities;
    const result = await store.commitVersion({ dataset: publication.dataset, published: publication.published, source: publication.source, format: publication.format, entities, ...options });
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
  return commitPublications(store, await readPublications(paths, options), { actor: options.actor });
}

