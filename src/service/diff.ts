import { entityHash } from '../core/canonical.js';
import { describeDiff, diffHashes, type DescribedDiff, type ListDiff } from '../core/diff.js';
import type { Entity } from '../core/entity.js';
import { InputError, InterdictError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { readPublication, type ParseOptions } from '../sources/index.js';

export interface FileDiff extends DescribedDiff {
  dataset: string;
  old: { source: string; published: string | null; entities: number };
  new: { source: string; published: string | null; entities: number };
}

/** Compare two publications of one list straight from their files, without a store. */
export async function diffPaths(oldPath: string, newPath: string, options: ParseOptions = {}): Promise<FileDiff> {
  const [before, after] = await Promise.all([readPublication(oldPath, options), readPublication(newPath, options)]);
  if (before.delta || after.delta) throw new InputError('DELTA_DIFF', 'a delta file is already a diff; diff two full publications');
  if (before.dataset !== after.dataset) {
    throw new InputError('DATASET_MISMATCH', `${before.source} is ${before.dataset} but ${after.source} is ${after.dataset}: diff two publications of the same list`);
  }
  const hashes = (entities: typeof before.entities) => new Map(entities.map((e) => [e.id, entityHash(e)]));
  const byId = (entities: typeof before.entities) => new Map(entities.map((e) => [e.id, e]));
  return {
    dataset: after.dataset,
    old: { source: before.source, published: before.published, entities: before.entities.length },
    new: { source: after.source, published: after.published, entities: after.entities.length },
    ...describeDiff(diffHashes(hashes(before.entities), hashes(after.entities)), byId(before.entities), byId(after.entities)),
  };
}

/**
 * What changed in stored versions: between two (`from`, `to`), or a dataset's current version
 * against the version stored just before it (`dataset` alone), with the names of the entities
 * and what changed in each. The rules `GET /lists/diff` answers by.
 */
export async function diffStoredVersions(store: Store, request: { dataset?: string; from?: string; to?: string }): Promise<DescribedDiff & { from?: string; to?: string }> {
  const { dataset, from, to } = request;
  if (from !== undefined && to !== undefined && dataset === undefined) return describeStored(store, from, to, await store.diffVersions(from, to));
  if (dataset !== undefined && from === undefined && to === undefined) {
    const versions = await store.listVersions(dataset);
    const current = versions.findIndex((v) => v.current);
    if (current < 0) throw new InterdictError('NOT_FOUND', `dataset ${dataset} has no version`);
    if (current === 0) throw new InterdictError('NOT_FOUND', `dataset ${dataset}: no version before the current one (${versions[current]!.id}), nothing to compare`);
    const [older, newer] = [versions[current - 1]!.id, versions[current]!.id];
    return { from: older, to: newer, ...(await describeStored(store, older, newer, await store.diffVersions(older, newer))) };
  }
  throw new InputError('BAD_REQUEST', 'give "from" and "to" (version ids), or "dataset" alone (its current version against the one before)');
}

/** Name a stored diff's entities, reading from each version only the records the diff names. */
async function describeStored(store: Store, from: string, to: string, diff: ListDiff): Promise<DescribedDiff> {
  const [before, after] = await Promise.all([
    recordsOf(store, from, new Set([...diff.removed, ...diff.changed])),
    recordsOf(store, to, new Set([...diff.added, ...diff.changed])),
  ]);
  return describeDiff(diff, before, after);
}

async function recordsOf(store: Store, versionId: string, ids: ReadonlySet<string>): Promise<Map<string, Entity>> {
  const records = new Map<string, Entity>();
  if (!ids.size) return records;
  for await (const entity of store.entities({ versionId, ids: [...ids] })) records.set(entity.id, entity);
  return records;
}
