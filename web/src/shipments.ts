// Shipments as the console takes them (a form, or JSON pasted or uploaded) and their answers' verdicts in words.
import { VERDICTS, type Verdict } from '../../src/core/regime/rules.js';
import type { ShipmentPort } from '../../src/core/shipments/shipment.js';
import type { ShipmentCheck } from './api.js';

export { VERDICTS, type Verdict };

/**
 * Shipments one request to POST /shipments/check may carry: the route answers a request whole,
 * so it bounds its size (src/api/shipment-routes.ts, MAX_SHIPMENTS). A larger file is for
 * `interdict shipments check`.
 */
export const MAX_SHIPMENTS_PER_CHECK = 1000;

/** A verdict in words, as the page says it beside its colour. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  prohibited: 'Prohibited',
  licence_required: 'Licence required',
  review: 'Review',
  clear: 'Clear',
};

/** What each verdict means for the shipment, for a tooltip and the legend. */
export const VERDICT_MEANINGS: Record<Verdict, string> = {
  prohibited: 'a measure bans it, or a party or the ship is designated (asset freeze)',
  licence_required: 'allowed only under a measure\'s conditions: a cap, a Committee exemption',
  review: 'an analyst judges: a DPRK nexus no rule bans, a possible match, an indicative mapping the description does not confirm',
  clear: 'no finding',
};

/** A port's place in the voyage, in words (every role the shipment's schema takes: the Record keeps the two alike). */
export const PORT_ROLE_WORDS: Record<ShipmentPort['role'], string> = {
  loading: 'loading',
  discharge: 'discharge',
  transit: 'transit',
  transshipment: 'transshipment',
  bunkering: 'bunkering',
  call: 'call',
  ship_to_ship: 'ship-to-ship transfer',
};

/** Roles a party commonly has (any other may be typed). */
export const PARTY_ROLES = ['shipper', 'consignee', 'notify party', 'seller', 'buyer', 'owner', 'operator', 'charterer', 'bank'];

export interface PortRow { name: string; country: string; role: ShipmentPort['role'] }
export interface PartyRow { role: string; name: string; country: string }
export interface GoodsRow { hs: string; description: string; quantity: string; unit: string; value: string; currency: string }

/** The one-shipment form as typed: every field a string, rows of ports, parties and goods lines. */
export interface ShipmentForm {
  id: string;
  date: string;
  origin: string;
  destination: string;
  ports: PortRow[];
  vessel: { name: string; imo: string; flag: string };
  parties: PartyRow[];
  goods: GoodsRow[];
}

export const emptyPort = (): PortRow => ({ name: '', country: '', role: 'loading' });
export const emptyParty = (): PartyRow => ({ role: 'shipper', name: '', country: '' });
export const emptyGoods = (): GoodsRow => ({ hs: '', description: '', quantity: '', unit: '', value: '', currency: '' });

export const emptyForm = (): ShipmentForm => ({ id: '', date: '', origin: '', destination: '', ports: [emptyPort()], vessel: { name: '', imo: '', flag: '' }, parties: [emptyParty()], goods: [emptyGoods()] });

/** The fields of a row that were filled in, trimmed; undefined when none was (a role alone, which has a default, does not count). */
function filled(row: Record<string, string>, ignore: string[] = []): Record<string, string> | undefined {
  const entries = Object.entries(row).map(([k, v]) => [k, v.trim()] as const).filter(([, v]) => v);
  return entries.some(([k]) => !ignore.includes(k)) ? Object.fromEntries(entries) : undefined;
}

/** A number typed as a number; anything else is sent as typed, for the server to refuse naming the field. */
const amount = (text: string | undefined): number | string | undefined => (text === undefined ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

/**
 * The shipment a form describes, as POST /shipments/check takes it: empty fields and rows left
 * out, amounts as numbers. Nothing is checked here: the server reads it and names what is wrong.
 */
export function shipmentFromForm(form: ShipmentForm): Record<string, unknown> {
  const top = filled({ id: form.id, date: form.date, origin: form.origin, destination: form.destination }) ?? {};
  const ports = form.ports.map((p) => filled({ ...p }, ['role'])).filter((p) => p !== undefined);
  const parties = form.parties.map((p) => filled({ ...p }, ['role'])).filter((p) => p !== undefined);
  const goods = form.goods.map((g) => filled({ ...g })).filter((g) => g !== undefined)
    .map((g) => ({ ...g, ...(g.quantity !== undefined ? { quantity: amount(g.quantity) } : {}), ...(g.value !== undefined ? { value: amount(g.value) } : {}) }));
  const vessel = filled(form.vessel);
  return { ...top, ...(ports.length ? { ports } : {}), ...(vessel ? { vessel } : {}), ...(parties.length ? { parties } : {}), ...(goods.length ? { goods } : {}) };
}

/** Shipments read from pasted or uploaded text, with the line each began on (for JSON lines), or why they cannot be. */
export type ReadShipments = { items: unknown[]; lines: number[]; problem?: undefined } | { items?: undefined; lines?: undefined; problem: string };

/**
 * Shipments from a JSON array, one JSON object, or JSON lines (one shipment a line, blank lines
 * skipped), as `interdict shipments check` reads a file. A line that is no JSON is named.
 *
 * @example readShipmentsText('{"id": "a", "date": "2019-03-01"}\n{"id": "b", "date": "2019-03-02"}') // { items: [{...}, {...}], lines: [1, 2] }
 */
export function readShipmentsText(text: string): ReadShipments {
  const trimmed = text.trim();
  if (!trimmed) return { problem: 'no shipments: paste a JSON array or JSON lines, or choose a file' };
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  let read: ReadShipments;
  if (Array.isArray(whole)) read = { items: whole, lines: [] };
  else if (whole !== undefined) read = { items: [whole], lines: [1] };
  else {
    const items: unknown[] = [];
    const lines: number[] = [];
    for (const [i, line] of text.split(/\r?\n/).entries()) {
      if (!line.trim()) continue;
      try {
        items.push(JSON.parse(line));
      } catch (error) {
        return { problem: `line ${i + 1}: not JSON (${(error as Error).message}); give a JSON array, or one shipment a line` };
      }
      lines.push(i + 1);
    }
    read = { items, lines };
  }
  if (!read.items!.length) return { problem: 'no shipments: the array is empty' };
  if (read.items!.length > MAX_SHIPMENTS_PER_CHECK) return { problem: `${read.items!.length.toLocaleString('en')} shipments: a check takes at most ${MAX_SHIPMENTS_PER_CHECK.toLocaleString('en')}; split the file, or check it with interdict shipments check` };
  return read;
}

/** The server's error for an item of an array, with the line of the pasted text it came from: `shipment x (body item 3): ...` gains `, line 5`. */
export function withLines(detail: string, lines: readonly number[]): string {
  return detail.replace(/\(body item (\d+)\)/, (whole, item: string) => {
    const line = lines[Number(item) - 1];
    return line === undefined ? whole : `(item ${item}, line ${line})`;
  });
}

/** How many answers have each verdict. */
export function countVerdicts(answers: readonly ShipmentCheck[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const answer of answers) counts[answer.verdict] += 1;
  return counts;
}
