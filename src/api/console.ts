import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_CUTOFF, DEFAULT_THRESHOLD } from '../core/match/thresholds.js';
import { keyFromHeaders, type KeyRing } from '../service/api-keys.js';
import type { Role } from '../store/index.js';
import type { RouteAccess } from './access.js';

/** The built console (`npm run build`): the same folder from src/api (tests) and dist/api. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/**
 * What the console shows a caller: whether keys are required, the caller's role, and the scores
 * /match applies when a request gives none, so that the console asks and words as the server decides.
 *
 * @example { access_control: true, role: 'analyst', actor: 'key:k1 (ana)', matching: { threshold: 0.75, cutoff: 0.5 } }
 */
export interface Session {
  access_control: boolean;
  role: Role;
  actor: string;
  /** The default threshold (a result at or above it is a match) and cutoff (results below it are not shown when near misses are asked for). */
  matching: { threshold: number; cutoff: number };
}

const MATCHING = Object.freeze({ threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_CUTOFF });

/**
 * The analyst console at `/` (its files are public: they hold no data; every call they make
 * to the API needs a key like any other), and GET /session, which tells the console who signed in.
 */
export function registerConsole(app: FastifyInstance, keys: KeyRing): void {
  app.get('/session', { schema: { summary: 'Who is calling: the role of the key sent (admin for everyone when no key exists), and the default threshold and cutoff of /match' } }, async (request): Promise<Session> => {
    if (!(await keys.locked())) return { access_control: false, role: 'admin', actor: request.actor, matching: MATCHING };
    const key = await keys.find(keyFromHeaders(request.headers) ?? '');
    return { access_control: true, role: key?.role ?? 'reader', actor: request.actor, matching: MATCHING };
  });

  if (!existsSync(CONSOLE_DIR)) {
    app.get('/', { config: { public: true } satisfies RouteAccess, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('The console is not built: run "npm run build". The API is served here; see /docs.\n'));
    return;
  }
  void app.register(async (files) => {
    files.addHook('onRoute', (route) => {
      const access: RouteAccess = { public: true };
      route.config = { ...route.config, ...access };
    });
    await files.register(fastifyStatic, { root: CONSOLE_DIR, prefix: '/', wildcard: false, index: 'index.html' });
  });
}
