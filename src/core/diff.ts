import { canonicalEntity } from './canonical.js';
import type { Entity } from './entity.js';

/** What changed between two versions of a list, by entity id. */
export interface ListDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * A list diff as people read it: the ids (as `ListDiff`), each entity's name, and what changed
 * in each changed entity.
 *
 * @example { added: ['x-2'], removed: [], changed: ['x-1'], captions: { 'x-1': 'KIM, Jong Un', 'x-2': 'PAK, Pong Ju' }, changed_properties: { 'x-1': ['birthDate', 'designations'] } }
 */
export interface DescribedDiff extends ListDiff {
  /** The caption of each added, removed and changed entity (a changed one's newer caption), by id. */
  captions: Record<string, string>;
  /**
   * For each changed entity, what changed: the FtM properties whose values differ, then
   * `caption`, `schema`, `designations`, `datasets`, `referents` or `sourceDatasets` when those do.
   */
  changed_properties: Record<string, string[]>;
}

/**
 * Compare two `id → content hash` maps. Changed means any property or designation differs,
 * which the order-free hash already captures.
 */
export function diffHashes(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ListDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [id, hash] of after) {
    const old = before.get(id);
    if (old === undefined) added.push(id);
    else if (old !== hash) changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) removed.push(id);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

/** Parts of an entity outside its properties that its content hash covers, in the order they are reported. */
const OTHER_PARTS = ['caption', 'schema', 'designations', 'datasets', 'referents', 'sourceDatasets'] as const;

/**
 * What differs between two records of one entity, compared order-free (as its hash compares
 * them): properties in name order, then the other parts of the record.
 *
 * @example changedParts(before, after) // ['alias', 'birthDate', 'designations']
 */
export function changedParts(before: Entity, after: Entity): string[] {
  const a = canonicalEntity(before);
  const b = canonicalEntity(after);
  const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
  const properties = [...new Set([...Object.keys(a.properties), ...Object.keys(b.properties)])].sort();
  return [
    ...properties.filter((key) => !same(a.properties[key], b.properties[key])),
    ...OTHER_PARTS.filter((part) => !same(a[part], b[part])),
  ];
}

/**
 * Name the entities of a diff and say what changed in each changed one, from the records of the
 * older version (`before`: removed and changed ids) and the newer (`after`: added and changed ids).
 * An id whose record is missing keeps no caption rather than failing the diff.
 */
export function describeDiff(diff: ListDiff, before: ReadonlyMap<string, Entity>, after: ReadonlyMap<string, Entity>): DescribedDiff {
  const captions: Record<string, string> = {};
  const changedProperties: Record<string, string[]> = {};
  for (const id of diff.added) {
    const entity = after.get(id);
    if (entity) captions[id] = entity.caption;
  }
  for (const id of diff.removed) {
    const entity = before.get(id);
    if (entity) captions[id] = entity.caption;
  }
  for (const id of diff.changed) {
    const old = before.get(id);
    const now = after.get(id);
    if (now ?? old) captions[id] = (now ?? old)!.caption;
    if (old && now) changedProperties[id] = changedParts(old, now);
  }
  return { added: diff.added, removed: diff.removed, changed: diff.changed, captions, changed_properties: changedProperties };
}
