import { createHash } from 'node:crypto';
import type { Store } from '../store/index.js';

/** The SHA-256 (hex) of a checked record as JSON: what the audit trail keeps of it instead of its data (the customer's). */
export function inputSha256(record: unknown): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/**
 * Record checks in the audit trail, one entry a checked record, in order: `action` (`workers.check`),
 * the record's id as the subject and what the check gives as `after`.
 */
export async function recordChecks(store: Store, actor: string, action: string, entries: { subject: string; after: Record<string, unknown> }[]): Promise<void> {
  for (const { subject, after } of entries) await store.recordAudit({ actor, action, subject, after });
}
