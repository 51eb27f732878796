import { createHash } from 'node:crypto';
import type { Designation, Entity } from './entity.js';

/**
 * The order-free form of an entity: property values and designations sorted, so that two
 * publications that list the same facts in another order compare equal.
 */
export function canonicalEntity(entity: Entity): Entity {
  const properties: Record<string, string[]> = {};
  for (const key of Object.keys(entity.properties).sort()) {
    const values = entity.properties[key];
    if (values && values.length) properties[key] = [...new Set(values)].sort();
  }
  const designations = entity.designations.map(canonicalDesignation).sort(compareJson);
  const canonical: Entity = {
    id: entity.id,
    schema: entity.schema,
    caption: entity.caption,
    properties,
    datasets: [...new Set(entity.datasets)].sort(),
    designations,
  };
  if (entity.referents?.length) canonical.referents = [...new Set(entity.referents)].sort();
  if (entity.sourceDatasets?.length) canonical.sourceDatasets = [...new Set(entity.sourceDatasets)].sort();
  return canonical;
}

function canonicalDesignation(designation: Designation): Designation {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(designation).sort()) {
    const value = (designation as unknown as Record<string, unknown>)[key];
    out[key] = Array.isArray(value) ? [...value].sort() : value;
  }
  return out as unknown as Designation;
}

function compareJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** SHA-256 of the canonical form: equal hashes mean nothing changed, whatever the order. */
export function entityHash(entity: Entity): string {
  return sha256(JSON.stringify(canonicalEntity(entity)));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The content hash of a whole publication: independent of record order. */
export function contentHash(entityHashes: Iterable<[string, string]>): string {
  const pairs = [...entityHashes].map(([id, hash]) => `${id}\t${hash}`).sort();
  return sha256(pairs.join('\n'));
}
