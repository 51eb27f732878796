import { expect, it } from 'vitest';
import { partyHash, type PartyInput } from '../src/core/party.js';
import type { Party } from '../src/store/monitoring.js';
import { auditAfter, describeStoreContract } from './helpers/store-contract.js';

const party = (id: string, name: string, properties: Record<string, string[]> = {}): PartyInput => ({ id, schema: 'Person', properties: { name: [name], ...properties } });
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function collect(iterable: AsyncIterable<Party>): Promise<string[]> {
  const out: string[] = [];
  for await (const p of iterable) out.push(p.id);
  return out;
}

await describeStoreContract('parties', (current) => {
  it('adds parties, counts them and gives each back with its name, hash and times, audited', async () => {
    const store = current();
    const { seq } = await store.auditHead();
    const input = party('a-1', ' Kim Yong Chol ', { birthDate: ['1961'] });
    expect(await store.monitoring.upsertParties([input, party('a-2', 'Ri Song Hui')], 'cli:ana')).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(await store.monitoring.countParties()).toBe(2);
    const stored = await store.monitoring.getParty('a-1');
    expect(stored).toMatchObject({ id: 'a-1', schema: 'Person', name: 'Kim Yong Chol', properties: input.properties, hash: partyHash(input), screenedHash: null });
    expect(stored!.createdAt).toMatch(TIMESTAMP);
    expect(stored!.updatedAt).toBe(stored!.createdAt);
    expect(await store.monitoring.getParty('a-3')).toBeNull();
    expect(await store.monitoring.getParty('a\u0000')).toBeNull();
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.actor, e.action, e.after])).toEqual([['cli:ana', 'parties.import', { added: 2, updated: 0, unchanged: 0, parties: 2 }]]);
  });

  it('updates an edited party (a new hash) and leaves an unchanged one as it was', async () => {
    const store = current();
    const before = (await store.monitoring.getParty('a-2'))!;
    const edited = party('a-2', 'Ri Song Hui', { nationality: ['kp'] });
    const result = await store.monitoring.upsertParties([party('a-1', 'Kim Yong Chol', { birthDate: ['1961 '] }), edited, party('a-3', 'Pak Jong Su')], 'cli:ana');
    expect(result).toEqual({ added: 1, updated: 1, unchanged: 1 });
    const after = (await store.monitoring.getParty('a-2'))!;
    expect(after.hash).toBe(partyHash(edited));
    expect(after.hash).not.toBe(before.hash);
    expect(after.properties).toEqual(edited.properties);
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.updatedAt >= before.updatedAt).toBe(true);
    // Only a trailing space: not an edit.
    expect((await store.monitoring.getParty('a-1'))!.properties.birthDate).toEqual(['1961']);
    expect(await store.monitoring.countParties()).toBe(3);
  });

  it('refuses a batch with an empty, unstorable or repeated id, or a party without a name, and writes none of it', async () => {
    const store = current();
    const count = await store.monitoring.countParties();
    const good = party('b-1', 'Good Party');
    const refused: [PartyInput[], string, RegExp][] = [
      [[good, party('', 'No Id')], 'INVALID_PARTY', /party id "" is empty or not storable/],
      [[good, party('b-\u0000', 'Nul')], 'INVALID_PARTY', /is empty or not storable/],
      [[good, party('b-2', 'One'), party('b-2', 'Two')], 'DUPLICATE_PARTY', /party id b-2 appears twice/],
      [[good, party('b-3', '   ')], 'INVALID_PARTY', /party b-3 has no name/],
      [[good, { id: 'b-4', schema: 'Person', properties: { alias: ['Nameless'] } }], 'INVALID_PARTY', /party b-4 has no name/],
    ];
    for (const [batch, code, message] of refused) {
      await expect(store.monitoring.upsertParties(batch, 'cli:ana')).rejects.toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
    }
    expect(await store.monitoring.countParties()).toBe(count);
    expect(await store.monitoring.getParty('b-1')).toBeNull();
  });

  it('lists parties a page at a time in id order', async () => {
    const store = current();
    await store.monitoring.upsertParties(['c-3', 'c-1', 'c-5', 'c-2', 'c-4'].map((id) => party(id, `Party ${id}`)), 'cli:ana');
    const first = await store.monitoring.listParties({ after: 'c', limit: 2 });
    expect(first.map((p) => p.id)).toEqual(['c-1', 'c-2']);
    const second = await store.monitoring.listParties({ after: first[1]!.id, limit: 2 });
    expect(second.map((p) => p.id)).toEqual(['c-3', 'c-4']);
    expect((await store.monitoring.listParties({ after: 'c-4', limit: 2 })).map((p) => p.id)).toEqual(['c-5']);
    const all = await store.monitoring.listParties();
    expect(all.map((p) => p.id)).toEqual([...all.map((p) => p.id)].sort());
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining(['a-1', 'c-5']));
    expect((await store.monitoring.partiesById(['c-4', 'nope', 'c-2', 'c\u0000'])).map((p) => p.id)).toEqual(['c-2', 'c-4']);
  });

  it('removes parties by id, returning those that were there, audited', async () => {
    const store = current();
    const count = await store.monitoring.countParties();
    const { seq } = await store.auditHead();
    expect(await store.monitoring.removeParties(['c-5', 'nope', 'c-4', 'c\u0000'], 'cli:ben')).toEqual(['c-4', 'c-5']);
    expect(await store.monitoring.countParties()).toBe(count - 2);
    expect(await store.monitoring.getParty('c-4')).toBeNull();
    expect(await store.monitoring.removeParties(['c-4'], 'cli:ben')).toEqual([]);
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.actor, e.action, e.after])).toEqual([['cli:ben', 'parties.remove', { ids: ['c-4', 'c-5'] }]]);
  });

  it('tells which parties were screened at their current hash, and an edit makes a party due again', async () => {
    const store = current();
    const everyone = await store.monitoring.partyIds();
    expect(await store.monitoring.partiesDue()).toBe(true);
    expect(await store.monitoring.partyIds({ screened: false })).toEqual(everyone);
    expect(await store.monitoring.partyIds({ screened: true })).toEqual([]);

    await store.monitoring.markScreened((await store.monitoring.partiesById(everyone)).map((p) => ({ id: p.id, hash: p.hash })));
    expect(await store.monitoring.partiesDue()).toBe(false);
    expect(await store.monitoring.partyIds({ screened: true })).toEqual(everyone);
    expect((await store.monitoring.getParty('a-1'))!.screenedHash).toBe((await store.monitoring.getParty('a-1'))!.hash);

    await store.monitoring.upsertParties([party('a-1', 'Kim Yong Chol', { birthDate: ['1962'] }), party('d-1', 'New Party')], 'cli:ana');
    expect(await store.monitoring.partiesDue()).toBe(true);
    expect(await store.monitoring.partyIds({ screened: false })).toEqual(['a-1', 'd-1']);
    expect(await collect(store.monitoring.parties({ screened: false }))).toEqual(['a-1', 'd-1']);
    expect(await collect(store.monitoring.parties({ screened: true }))).toEqual(everyone.filter((id) => id !== 'a-1'));
    // Marked at a hash the party no longer has: still due.
    await store.monitoring.markScreened([{ id: 'd-1', hash: 'an older hash' }]);
    expect(await store.monitoring.partyIds({ screened: false })).toEqual(['a-1', 'd-1']);
  });

  it('streams every party in id order across pages, and marks them all screened', async () => {
    const store = current();
    const many = Array.from({ length: 5200 }, (_, i) => party(`e-${String(i).padStart(5, '0')}`, `Party ${i}`));
    expect(await store.monitoring.upsertParties(many, 'cli:ana')).toEqual({ added: 5200, updated: 0, unchanged: 0 });
    const all = await collect(store.monitoring.parties());
    expect(all).toEqual(await store.monitoring.partyIds());
    expect(all.filter((id) => id.startsWith('e-'))).toEqual(many.map((p) => p.id));
    await store.monitoring.markScreened(many.map((p) => ({ id: p.id, hash: partyHash(p) })));
    expect((await store.monitoring.partyIds({ screened: false })).filter((id) => id.startsWith('e-'))).toEqual([]);
  });
});
