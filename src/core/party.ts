import { sha256 } from './canonical.js';

/**
 * A party to monitor, as imported: the customer's own id, a schema and its properties.
 *
 * @example { id: 'c-1042', schema: 'Person', properties: { name: ['Kim Yong Chol'], birthDate: ['1961'] } }
 */
export interface PartyInput {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** The name a party is shown under: its first name that is not blank, trimmed (undefined when it has none). */
export function partyName(party: PartyInput): string | undefined {
  return party.properties.name?.find((n) => n.trim())?.trim();
}

/**
 * The edit hash of a party: what counts as an edit, so that the party is screened again. Its
 * schema and properties count, values trimmed, without blanks or repeats, in any order; the id
 * and the order of keys and values do not.
 */
export function partyHash(party: PartyInput): string {
  const properties: string[] = [];
  for (const key of Object.keys(party.properties).sort()) {
    const values = [...new Set(party.properties[key]!.map((v) => v.trim()).filter(Boolean))].sort();
    if (values.length) properties.push(`${JSON.stringify(key)}:${JSON.stringify(values)}`);
  }
  // Written out key by key: JSON.stringify would put integer-like keys first, and every stored
  // party's hash depends on this exact text.
  return sha256(`{"properties":{${properties.join(',')}},"schema":${JSON.stringify(party.schema ?? null)}}`).slice(0, 32);
}
