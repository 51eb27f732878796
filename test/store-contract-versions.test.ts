import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/core/entity.js';
import { describeStoreContract } from './helpers/store-contract.js';

const person = (dataset: string, n: number, extra: Partial<Entity> = {}): Entity => ({
  id: `${dataset}-${n}`,
  schema: 'Person',
  caption: `PERSON ${n}`,
  properties: { name: [`PERSON ${n}`] },
  datasets: [dataset],
  designations: [{ dataset, authority: 'Test Authority', program: n % 2 ? 'DPRK' : 'OTHER', programId: n % 2 ? 'DPRK' : 'OTHER' }],
  ...extra,
});

const version = (dataset: string, entities: Entity[], published: string | null = '2026-01-01') =>
  ({ dataset, published, source: `${dataset}.xml`, format: 'test', entities });

async function collect(iterable: AsyncIterable<Entity>): Promise<Entity[]> {
  const out: Entity[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

await describeStoreContract('versions, entities and keys', (current) => {
  it('adds a version, makes it current and reports every entity as added', async () => {
    const store = current();
    const result = await store.commitVersion(version('alpha', [person('alpha', 1), person('alpha', 2)]));
    expect(result).toMatchObject({ created: true, madeCurrent: true, previous: null });
    expect(result.diff).toEqual({ added: ['alpha-1', 'alpha-2'], removed: [], changed: [] });
    expect(result.version).toMatchObject({ dataset: 'alpha', published: '2026-01-01', entityCount: 2, current: true, source: 'alpha.xml', format: 'test' });
    expect(result.version.id).toMatch(/^alpha-20260101-[0-9a-f]{8}$/);
    expect(result.version.loadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await store.currentVersions()).toEqual([result.version]);
  });

  it('adds no version for identical content, whatever its order', async () => {
    const store = current();
    const first = await store.commitVersion(version('beta', [person('beta', 1), person('beta', 2)]));
    const again = await store.commitVersion(version('beta', [person('beta', 2), person('beta', 1)]));
    expect(again.created).toBe(false);
    expect(again.version.id).toBe(first.version.id);
    expect(await store.listVersions('beta')).toHaveLength(1);
  });

  it('diffs a new version against the current one and keeps the old version', async () => {
    const store = current();
    const v1 = await store.commitVersion(version('gamma', [person('gamma', 1), person('gamma', 2), person('gamma', 3)], '2026-01-01'));
    const changed = person('gamma', 2, { properties: { name: ['PERSON 2'], alias: ['P2'] } });
    const v2 = await store.commitVersion(version('gamma', [person('gamma', 1), changed, person('gamma', 4)], '2026-02-01'));
    expect(v2.diff).toEqual({ added: ['gamma-4'], removed: ['gamma-3'], changed: ['gamma-2'] });
    expect(v2.previous?.id).toBe(v1.version.id);
    expect(await store.diffVersions(v1.version.id, v2.version.id)).toEqual(v2.diff);
    const versions = await store.listVersions('gamma');
    expect(versions.map((v) => [v.id, v.current])).toEqual([[v1.version.id, false], [v2.version.id, true]]);
    expect((await store.getEntity('gamma-2'))[0]?.properties.alias).toEqual(['P2']);
    expect(await store.getEntity('gamma-3')).toEqual([]);
    expect((await store.entityVersions('gamma-3')).map((v) => v.id)).toEqual([v1.version.id]);
    expect((await collect(store.entities({ versionId: v1.version.id }))).map((e) => e.id)).toEqual(['gamma-1', 'gamma-2', 'gamma-3']);
  });

  it('keeps the current version when an older publication is loaded', async () => {
    const store = current();
    await store.commitVersion(version('delta', [person('delta', 1)], '2026-03-01'));
    const older = await store.commitVersion(version('delta', [person('delta', 9)], '2025-01-01'));
    expect(older).toMatchObject({ created: true, madeCurrent: false });
    expect((await store.getEntity('delta-1'))).toHaveLength(1);
    expect(await store.getEntity('delta-9')).toEqual([]);
  });

  it('writes nothing when a commit fails part-way', async () => {
    const store = current();
    const good = await store.commitVersion(version('epsilon', [person('epsilon', 1)]));
    const many = Array.from({ length: 2500 }, (_, i) => person('epsilon', i + 10));
    // A caption the schema refuses, in the last batch: the first batches are written before it fails.
    (many[2400] as unknown as { caption: null }).caption = null;
    await expect(store.commitVersion(version('epsilon', many, '2026-06-01'))).rejects.toThrow();
    expect((await store.listVersions('epsilon')).map((v) => v.id)).toEqual([good.version.id]);
    expect((await store.currentVersions()).find((v) => v.dataset === 'epsilon')?.id).toBe(good.version.id);
    expect(await store.getEntity('epsilon-10')).toEqual([]);
    expect(await store.entityVersions('epsilon-10')).toEqual([]);
  });

  it('refuses duplicate ids, empty versions and bad dataset names before writing', async () => {
    const store = current();
    await expect(store.commitVersion(version('zeta', [person('zeta', 1), person('zeta', 1)]))).rejects.toThrow(/appears twice/);
    await expect(store.commitVersion(version('zeta', []))).rejects.toThrow(/empty version/);
    await expect(store.commitVersion(version('Zeta; DROP TABLE x', [person('zeta', 1)]))).rejects.toThrow(/invalid dataset name/);
    expect(await store.listVersions('zeta')).toEqual([]);
  });

  it('streams current entities filtered by dataset and collection, across pages', async () => {
    const store = current();
    const big = Array.from({ length: 4100 }, (_, i) => person('eta', i));
    await store.commitVersion(version('eta', big));
    const all = await collect(store.entities({ dataset: 'eta' }));
    expect(all).toHaveLength(4100);
    expect(new Set(all.map((e) => e.id)).size).toBe(4100);
    const sanctioned = await collect(store.entities({ dataset: 'eta', collection: 'sanctions' }));
    expect(sanctioned).toHaveLength(4100);
    expect(await collect(store.entities({ dataset: 'eta', collection: 'dprk' }))).toHaveLength(0);
    // Given ids only, whatever page they fall on; an id no record has, or one text cannot hold, finds nothing.
    const wanted = [all[4099]!.id, all[7]!.id, 'eta-nobody', 'eta-\u0000'];
    expect((await collect(store.entities({ dataset: 'eta', ids: wanted }))).map((e) => e.id).sort()).toEqual([all[4099]!.id, all[7]!.id].sort());
    expect(await collect(store.entities({ ids: [] }))).toEqual([]);
  });

  it('keeps an entity listed by two datasets under both', async () => {
    const store = current();
    const shared: Entity = { ...person('theta', 1), id: 'shared-1', datasets: ['theta'] };
    await store.commitVersion(version('theta', [shared]));
    await store.commitVersion(version('iota', [{ ...shared, datasets: ['iota'], designations: [{ dataset: 'iota', authority: 'Other' }] }]));
    const found = await store.getEntity('shared-1');
    expect(found.map((e) => e.datasets[0])).toEqual(['iota', 'theta']);
  });

  it('refuses to diff versions of different datasets or unknown ids', async () => {
    const store = current();
    const [a] = await store.listVersions('alpha');
    const [b] = await store.listVersions('beta');
    await expect(store.diffVersions(a!.id, b!.id)).rejects.toThrow(/different datasets/);
    await expect(store.diffVersions(a!.id, 'nope')).rejects.toThrow(/not found/);
  });

  it('keeps API key hashes with their roles, lists and revokes them', async () => {
    const store = current();
    const before = (await store.listApiKeys()).length;
    const added = await store.addApiKey({ id: 'key_contract', role: 'analyst', hash: 'a'.repeat(64), label: 'contract' });
    expect(added).toMatchObject({ id: 'key_contract', role: 'analyst', hash: 'a'.repeat(64), label: 'contract', revokedAt: null });
    expect(added.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect(store.addApiKey({ id: 'key_other', role: 'reader', hash: 'a'.repeat(64) })).rejects.toThrow();
    await expect(store.addApiKey({ id: 'key_bad_role', role: 'root' as never, hash: 'b'.repeat(64) })).rejects.toThrow();
    const revoked = await store.revokeApiKey('key_contract');
    expect(revoked.revokedAt).toMatch(/^\d{4}-/);
    expect(await store.listApiKeys()).toHaveLength(before + 1);
    await expect(store.revokeApiKey('key_nope')).rejects.toThrow('api key key_nope not found');
  });
});

describe('embedded store', () => {
  it('is locked against a second opener while open', async () => {
    const { openStore } = await import('../src/store/index.js');
    const { tempDir } = await import('./helpers/fixtures.js');
    const dir = tempDir('interdict-lock-');
    const first = await openStore({ kind: 'embedded', dir });
    try {
      // The lock holder is this process, which is alive; a lock file with another live pid is refused.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${dir}/interdict.lock`, String(process.ppid));
      await expect(openStore({ kind: 'embedded', dir })).rejects.toThrow(/in use by process/);
      writeFileSync(`${dir}/interdict.lock`, String(process.pid));
    } finally {
      await first.close();
    }
  });
});
