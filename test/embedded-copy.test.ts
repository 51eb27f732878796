import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../src/core/entity.js';
import { openStore, type Store } from '../src/store/index.js';
import { tempDir } from './helpers/fixtures.js';

// The embedded store writes a version's records and rows with COPY (other clients INSERT): what
// goes in by COPY comes back the same, and a record another dataset stored already is not copied twice.

const entity = (id: string, caption: string, extra: Partial<Entity> = {}): Entity => ({
  id,
  schema: 'Person',
  caption,
  properties: { name: [caption] },
  datasets: ['shared'],
  designations: [{ dataset: 'shared', authority: 'Test Authority', program: 'DPRK' }],
  ...extra,
});

const AWKWARD = ['', 'line\nbreak', 'tab\there', 'unit\u001fseparator', 'record\u001eseparator', '\\.', '"quoted", with comma', 'back\\slash', 'NULL', '김정은 😀'];

describe('the embedded store’s bulk copy', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', dir: tempDir('interdict-copy-') }, { create: true });
  });
  afterAll(async () => {
    await store.close();
  });

  it('stores records and rows of any text as given', async () => {
    const entities = AWKWARD.map((text, i) => entity(`awkward-${i}`, text || 'x', { properties: { name: [text || 'x'], notes: [text] }, seen: i % 2 ? { first_seen: '2024-01-02T03:04:05' } : undefined }));
    const result = await store.commitVersion({ dataset: 'awkward', published: '2026-01-01', source: 'awkward.json', format: 'test', entities });
    expect(result.version.entityCount).toBe(AWKWARD.length);
    const stored = new Map<string, Entity>();
    for await (const e of store.entities({ dataset: 'awkward' })) stored.set(e.id, e);
    for (const e of entities) {
      const { seen: _seen, ...data } = e;
      expect(stored.get(e.id)).toEqual(data);
    }
    const timelines = await store.entityTimelines();
    expect(timelines.get('awkward-1')).toMatchObject({ first_seen: '2024-01-02T03:04:05' });
  });

  it('copies a dataset’s first version whose records another dataset holds already', async () => {
    const same = [entity('both-1', 'KIM'), entity('both-2', 'LEE')];
    await store.commitVersion({ dataset: 'first', published: '2026-01-01', source: 'first.json', format: 'test', entities: same });
    const second = await store.commitVersion({ dataset: 'second', published: '2026-01-01', source: 'second.json', format: 'test', entities: [...same, entity('both-3', 'PARK')] });
    expect(second).toMatchObject({ created: true, madeCurrent: true });
    expect((await store.getEntity('both-1')).map((e) => e.caption)).toEqual(['KIM', 'KIM']);
    expect((await store.getEntity('both-3')).map((e) => e.caption)).toEqual(['PARK']);
  });

  it('copies a new version of a dataset, leaving out the records it holds already', async () => {
    const v1 = [entity('next-1', 'ONE'), entity('next-2', 'TWO')];
    await store.commitVersion({ dataset: 'next', published: '2026-01-01', source: 'next.json', format: 'test', entities: v1 });
    const v2 = await store.commitVersion({ dataset: 'next', published: '2026-02-01', source: 'next.json', format: 'test', entities: [v1[0]!, entity('next-2', 'TWO', { properties: { name: ['TWO', 'DEUX'] } })] });
    expect(v2.diff).toEqual({ added: [], removed: [], changed: ['next-2'] });
    expect((await store.getEntity('next-2'))[0]?.properties.name).toEqual(['TWO', 'DEUX']);
  });
});
