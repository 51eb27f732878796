import type { FastifyReply, FastifyRequest } from 'fastify';
// The route schemas' OpenAPI fields (summary, description), typed by the docs plugin.
import type {} from '@fastify/swagger';
import { errorBody } from '../core/error-codes.js';
import { keyActor, keyFromHeaders, roleAllows, type KeyRing } from '../service/api-keys.js';
import type { Role } from '../store/index.js';

/**
 * Who may call a route: the roles, and the check every route runs. A leaf of the API (it
 * imports no route file), so that the server and its routes both import it.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, for the audit trail: `key:<id>`, or `local` without keys. */
    actor: string;
  }
}

/** What a route needs: `public` for health checks, else a role (reader when not said). */
export interface RouteAccess {
  public?: boolean;
  role?: Role;
}

/** Whether a Host header names this machine (with any port). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return ['localhost', '127.0.0.1', '[::1]'].includes(name.toLowerCase());
}

/**
 * The access check, as a route hook. Once on (a key was ever active, or the server is on another
 * machine's address), every route but the public ones needs a key, of a role at least the
 * route's (reader < analyst < admin); it never goes off again. Open, it answers this machine only.
 */
export function accessControl(keys: KeyRing): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  let keyless = false;
  return async (request, reply) => {
    const access = (request.routeOptions.config ?? {}) as RouteAccess;
    if (access.public) return undefined;
    if (!(await keys.locked())) {
      // Open, on this machine only: a page of another site that a DNS name leads here is refused.
      if (!isLoopbackHost(request.headers.host)) return reply.status(403).send(errorBody('FORBIDDEN_HOST', `without API keys, the API answers only requests addressed to this machine (Host localhost, 127.0.0.1 or [::1]), not "${request.headers.host ?? ''}"`));
      return undefined;
    }
    if (!(await keys.active())) {
      if (!keyless) request.log.warn('no API key is active: every request is refused until one is created (interdict keys create --role admin)');
      keyless = true;
      return reply.status(401).header('www-authenticate', 'ApiKey').send(errorBody('NO_KEYS', 'no API key is active: this server has access control on and stays closed until a key is created (interdict keys create --role admin)'));
    }
    keyless = false;
    const secret = keyFromHeaders(request.headers);
    if (!secret) return reply.status(401).header('www-authenticate', 'ApiKey').send(errorBody('UNAUTHORIZED', 'an API key is required: send "Authorization: ApiKey <key>" or "X-API-Key: <key>"'));
    const key = await keys.find(secret);
    if (!key) return reply.status(401).header('www-authenticate', 'ApiKey').send(errorBody('UNAUTHORIZED', 'unknown or revoked API key'));
    const needed = access.role ?? 'reader';
    if (!roleAllows(key.role, needed)) return reply.status(403).send(errorBody('FORBIDDEN', `this route needs the ${needed} role; the key has the ${key.role} role`));
    // Who acts, for the audit trail: the key (its id, and label when it has one).
    request.actor = keyActor(key);
    return undefined;
  };
}
