import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { AuditEntry } from '../../src/store/audit.js';
import { storeBackends, TEST_DATABASE_URL, type TestStore } from './stores.js';

/**
 * Run one part of the store contract on every store: the embedded one, and PostgreSQL in a
 * schema of its own, dropped afterwards (skipped, saying so, where PostgreSQL does not answer
 * outside CI). The part's tests share one store, opened before them and closed after.
 *
 * @example await describeStoreContract('parties', (store) => { it('counts them', async () => expect(await store().monitoring.countParties()).toBe(0)); });
 */
export async function describeStoreContract(part: string, contract: (store: () => Store) => void): Promise<void> {
  const backends = await storeBackends();
  if (backends.some((b) => b.skip)) console.warn(`store contract (${part}): PostgreSQL at ${TEST_DATABASE_URL} is not reachable; its half is skipped (it runs in CI)`);
  for (const backend of backends) {
    describe.skipIf(backend.skip)(`Store contract, ${part}: ${backend.name}`, () => {
      let handle: TestStore | undefined;
      beforeAll(async () => {
        handle = await backend.create();
      });
      afterAll(async () => {
        await handle?.dispose();
      });
      contract(() => {
        if (!handle) throw new Error('the store of the contract is not open');
        return handle.store;
      });
    });
  }
}

/** The audit trail's entries after the head at `seq`, to check what a change recorded. */
export async function auditAfter(store: Store, seq: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of store.audit(seq)) out.push(entry);
  return out;
}
