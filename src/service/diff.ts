import { entityHash } from '../core/canonical.js';
import { diffHashes, type ListDiff } from '../core/diff.js';
import { InputError } from '../core/errors.js';
import { readPublication, type ParseOptions } from '../sources/index.js';

export interface FileDiff extends ListDiff {
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
  return {
    dataset: after.dataset,
    old: { source: before.source, published: before.published, entities: before.entities.length },
    new: { source: after.source, published: after.published, entities: after.entities.length },
    ...diffHashes(hashes(before.entities), hashes(after.entities)),
  };
}
