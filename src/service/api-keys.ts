import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InputError } from '../core/errors.js';
import { ROLES, type ApiKey, type Role, type Store } from '../store/index.js';

/** What each role may do: a role includes those before it. */
const RANK: Record<Role, number> = { reader: 0, analyst: 1, admin: 2 };

export function roleAllows(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}

export function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InputError('BAD_ROLE', `role must be one of ${ROLES.join(', ')} (got "${value}")`);
  return value as Role;
}

/** SHA-256 of a key, hex: what the store keeps. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new key: 32 random bytes, shown once; only its hash is stored. */
export async function createKey(store: Store, role: Role, label?: string, actor?: string): Promise<{ key: ApiKey; secret: string }> {
  const secret = `idk_${randomBytes(32).toString('base64url')}`;
  const key = await store.addApiKey({ id: `key_${randomBytes(6).toString('hex')}`, role, hash: hashApiKey(secret), label: label ?? null }, actor);
  return { key, secret };
}

/**
 * The active keys of a store, held in memory and reloaded every few seconds, so that a key
 * created or revoked with the command line reaches a running server without a query per request.
 */
export class KeyRing {
  private keys: ApiKey[] = [];
  private loadedAt = 0;
  private closed: boolean;

  /**
   * `locked`: access control is on from the start (a server on an address other than this
   * machine's); otherwise it comes on with the first active key, and stays on.
   */
  constructor(private readonly store: Store, private readonly maxAgeMs = 10_000, options: { locked?: boolean } = {}) {
    this.closed = Boolean(options.locked);
  }

  async refresh(): Promise<void> {
    this.keys = (await this.store.listApiKeys()).filter((k) => !k.revokedAt);
    this.loadedAt = Date.now();
    if (this.keys.length) this.closed = true;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt > this.maxAgeMs) await this.refresh();
  }

  /** Whether any key is active. */
  async active(): Promise<boolean> {
    await this.fresh();
    return this.keys.length > 0;
  }

  /**
   * Whether access control is on. It never goes off again: revoking the last key closes the API
   * rather than opening it to everyone with the admin role.
   */
  async locked(): Promise<boolean> {
    await this.fresh();
    return this.closed;
  }

  /** The active key a secret belongs to, compared in constant time. */
  async find(secret: string): Promise<ApiKey | undefined> {
    await this.fresh();
    const hash = Buffer.from(hashApiKey(secret), 'hex');
    return this.keys.find((k) => timingSafeEqual(Buffer.from(k.hash, 'hex'), hash));
  }
}

/** Who acts with a key, for the audit trail: `key:<id>`, with its label when it has one. */
export function keyActor(key: ApiKey): string {
  return key.label ? `key:${key.id} (${key.label})` : `key:${key.id}`;
}

/** The key in a request's headers: `Authorization: ApiKey <key>` (as OpenSanctions' API) or `X-API-Key: <key>`. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^(?:ApiKey|Bearer)\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.trim() ? header.trim() : undefined;
}
