/** What changed between two versions of a list, by entity id. */
export interface ListDiff {
  added: string[];
  removed: string[];
  changed: string[];
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
