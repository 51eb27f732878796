import type { Entity } from '../core/entity.js';
import type { Screening } from './screener.js';

/**
 * What the lists say about ships and their companies beyond names, read once per screening
 * state: every IMO number a record carries (a ship's in `imoNumber`; a company's as OFAC labels
 * it, "Company Number IMO 5980332", "Identification Number IMO 1790183", or in the UN's comments,
 * "IMO number: 5571322"), MMSIs, SWIFT/BIC codes, and OFAC's "Linked To:" relations between records.
 */
export interface ListIdentifiers {
  imo: Map<string, Entity[]>;
  mmsi: Map<string, Entity[]>;
  /** By the institution's eight characters. */
  swift: Map<string, Entity[]>;
  /** The records each record's remarks say it is linked to, and the records that say they are linked to it. */
  linkedTo: Map<string, { name: string; ids: string[] }[]>;
  linkedFrom: Map<string, Entity[]>;
}

const IMO_IN_TEXT = /\bIMO\b\)?(?:\s+(?:number|no\.?))?\s*:?\s*(\d{7})\b/gi;
const LINKED_TO = /Linked To:\s*([^;]+?)\s*(?:;|\.?$)/gi;

const CACHE = new WeakMap<Screening, ListIdentifiers>();

function add(map: Map<string, Entity[]>, key: string, entity: Entity): void {
  const list = map.get(key);
  if (!list) map.set(key, [entity]);
  else if (!list.includes(entity)) list.push(entity);
}

/** The lists' identifiers and relations for a screening state (built once per state). */
export function listIdentifiers(state: Screening): ListIdentifiers {
  const known = CACHE.get(state);
  if (known) return known;
  const imo = new Map<string, Entity[]>();
  const mmsi = new Map<string, Entity[]>();
  const swift = new Map<string, Entity[]>();
  const linkedTo = new Map<string, { name: string; ids: string[] }[]>();
  const linkedFrom = new Map<string, Entity[]>();
  const byName = new Map<string, Entity[]>();
  for (const entity of state.entities.values()) {
    const p = entity.properties;
    for (const value of p.imoNumber ?? []) {
      const digits = value.replace(/\D/g, '');
      if (digits.length === 7) add(imo, digits, entity);
    }
    for (const text of [...(p.registrationNumber ?? []), ...(p.idNumber ?? []), ...(p.notes ?? [])]) {
      for (const m of text.matchAll(IMO_IN_TEXT)) add(imo, m[1]!, entity);
    }
    for (const value of p.mmsi ?? []) add(mmsi, value.replace(/\D/g, ''), entity);
    for (const value of p.swiftBic ?? []) add(swift, value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8), entity);
    for (const name of [...(p.name ?? []), ...(p.alias ?? [])]) add(byName, `${entity.datasets[0]}|${name.toUpperCase()}`, entity);
  }
  for (const entity of state.entities.values()) {
    const names = new Set<string>();
    for (const note of entity.properties.notes ?? []) for (const m of note.matchAll(LINKED_TO)) names.add(m[1]!.trim());
    if (!names.size) continue;
    const links = [...names].map((name) => {
      const found = byName.get(`${entity.datasets[0]}|${name.toUpperCase()}`) ?? [];
      for (const other of found) add(linkedFrom, other.id, entity);
      return { name, ids: found.map((e) => e.id) };
    });
    linkedTo.set(entity.id, links);
  }
  const lists = { imo, mmsi, swift, linkedTo, linkedFrom };
  CACHE.set(state, lists);
  return lists;
}
