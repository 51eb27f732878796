import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/), as yente answers it: a request's
 * `traceparent` keeps its trace id, version and flags and gets a new parent id (this server's
 * span); a missing or invalid one starts a new trace. `tracestate` leads with this server's
 * entry, then the caller's entries (lower-cased, well-formed ones only). Both are sent back on
 * every response, and the trace id is in every log line of the request.
 *
 * @example traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 → 00-4bf92f3577b34da6a3ce929d0e0e4736-<new 16 hex>-01
 */
export function registerTraceContext(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const parent = parseTraceparent(header(request.headers.traceparent));
    const span = randomBytes(8).toString('hex');
    const traceparent = parent ? `${parent.version}-${parent.traceId}-${span}-${parent.flags}` : `00-${randomBytes(16).toString('hex')}-${span}-00`;
    const state = [`interdict=${span}`, ...tracestateEntries(header(request.headers.tracestate))].join(',');
    void reply.header('traceparent', traceparent).header('tracestate', state);
    request.log = request.log.child({ trace_id: traceparent.split('-')[1] });
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

const HEX = /^[0-9a-f]+$/;

/** The parts of a valid `traceparent`: version (not ff), a 32-hex trace id and 16-hex parent id, neither all zeroes, and 2-hex flags. */
export function parseTraceparent(value: string | undefined): { version: string; traceId: string; flags: string } | undefined {
  const parts = value?.trim().toLowerCase().split('-');
  if (!parts || parts.length < 4) return undefined;
  const [version, traceId, parentId, flags] = parts as [string, string, string, string];
  if (version.length !== 2 || !HEX.test(version) || version === 'ff') return undefined;
  if (traceId.length !== 32 || !HEX.test(traceId) || /^0+$/.test(traceId)) return undefined;
  if (parentId.length !== 16 || !HEX.test(parentId) || /^0+$/.test(parentId)) return undefined;
  if (flags.length !== 2 || !HEX.test(flags)) return undefined;
  return { version, traceId, flags };
}

/** A caller's `tracestate` entries, lower-cased and trimmed, without malformed ones and without an earlier entry of this server (at most 31 kept: 32 in all). */
function tracestateEntries(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e.split('=').length === 2 && !e.startsWith('interdict=')).slice(0, 31);
}
