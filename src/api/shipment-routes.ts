import type { FastifyInstance } from 'fastify';
import { InputError } from '../core/errors.js';
import { regimeView } from '../core/regime/index.js';
import type { Shipment, ShipmentAnswer } from '../core/shipments/index.js';
import { readRegime } from '../service/regime.js';
import type { Screener } from '../service/screener.js';
import { checkShipment, recordShipmentChecks, tryShipment } from '../service/shipments.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './access.js';
import { screeningFor } from './screening-state.js';

/** Shipments a request may give: a request is answered whole, so its size is bounded. */
const MAX_SHIPMENTS = 1000;

/** Let other requests be answered between the shipments of a long one. */
const yieldToOthers = (): Promise<void> => new Promise((next) => setImmediate(next));

/** `POST /shipments/check` (a shipment, or an array of them) and `GET /regime` (the rules it applies). */
export function registerShipmentRoutes(app: FastifyInstance, store: Store, screener: Screener): void {
  app.post('/shipments/check', {
    config: { role: 'analyst' } satisfies RouteAccess,
    schema: {
      summary: 'Check shipments against the DPRK regime\'s measures (goods at their date and direction, route, ships\' numbers) and their parties and ships against the lists: one answer {id, verdict, findings, rules_version} a shipment, findings worst first, each with its measure, legal basis and status; audited',
      description: `A shipment ({"id", "date", "origin", "destination", "ports", "vessel", "parties", "goods"}: docs/shipments.md), answered with one answer; or an array of up to ${MAX_SHIPMENTS}, answered with an array in the same order. A shipment that cannot be read fails the request (400), naming its id or item and the field.`,
      body: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, minItems: 1, maxItems: MAX_SHIPMENTS }] },
    },
  }, async (request, reply) => {
    const state = screeningFor(screener, 'default', reply);
    if (!state) return reply;
    const body = request.body as unknown;
    const many = Array.isArray(body);
    if (body === undefined || body === null) throw new InputError('BAD_REQUEST', 'body: a shipment, or an array of shipments, is required');
    const values = many ? (body as unknown[]) : [body];
    // Every shipment is read before any is checked: a bad one fails the request, naming it.
    const shipments: Shipment[] = values.map((value, i) => {
      const read = tryShipment(value, many ? `body item ${i + 1}` : 'body');
      if (read.error) throw read.error;
      return read.shipment!;
    });
    const regime = readRegime();
    const checked: { shipment: Shipment; answer: ShipmentAnswer }[] = [];
    for (const [i, shipment] of shipments.entries()) {
      if (i > 0 && i % 20 === 0) await yieldToOthers();
      checked.push({ shipment, answer: checkShipment(shipment, regime, state) });
    }
    await recordShipmentChecks(store, request.actor, checked, state.versions.map((v) => v.id));
    const answers = checked.map((c) => c.answer);
    return many ? answers : answers[0];
  });

  app.get('/regime', {
    schema: { summary: 'The DPRK regime\'s rules as data (regimes/dprk.yaml): each measure\'s basis, dates, direction, HS coverage, cap, exceptions, verification status and sources, with the rules version every shipment check records' },
  }, async () => regimeView(readRegime()));
}
