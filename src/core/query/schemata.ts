import { QUERY_SCHEMATA } from '../ftm.js';

// The schemata a query may have, and the names customers' files give them. A schema Interdict
// does not know matches nothing, so it is never passed to the matcher as it is: it is read into
// one it knows, or refused.

/** Other names for them, as files write them (compared in lower case, without spaces, dashes or underscores). */
const SYNONYMS: Record<string, string> = {
  individual: 'Person', naturalperson: 'Person', people: 'Person', human: 'Person',
  organisation: 'Organization', org: 'Organization',
  corporation: 'Company', corporate: 'Company', business: 'Company', firm: 'Company',
  entity: 'LegalEntity', legalperson: 'LegalEntity',
  ship: 'Vessel', boat: 'Vessel',
  aircraft: 'Airplane', plane: 'Airplane',
  government: 'PublicBody',
};

const BY_KEY = new Map<string, string>([
  ...QUERY_SCHEMATA.map((s) => [s.toLowerCase(), s] as [string, string]),
  ...Object.entries(SYNONYMS),
]);

/**
 * The schema a value names, whatever its case (person, PERSON, Individual, legal_entity), or
 * undefined when it names none Interdict screens.
 *
 * @example readSchema('individual') // 'Person'
 */
export function readSchema(value: string): string | undefined {
  return BY_KEY.get(value.trim().toLowerCase().replace(/[\s_-]+/g, ''));
}

/** Why a schema value cannot be screened, for messages. */
export function unknownSchema(value: string): string {
  return `schema "${value}" is not one Interdict screens (${QUERY_SCHEMATA.join(', ')}, or individual, organisation, entity, ship, aircraft)`;
}
