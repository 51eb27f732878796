import { normalizeName } from '../names/normalize.js';

// A row's schema decides what it is screened against: a company screened as a Person is never
// compared with listed companies. A schema the row's own data contradicts is reported, and a
// Person or an organization so contradicted is screened as a LegalEntity (people and
// organizations alike), so that the contradiction cannot hide a listed name.

/** Properties only a vessel has. */
const VESSEL_PROPERTIES = ['imoNumber', 'mmsi', 'callSign', 'flag', 'buildDate'];
/** Properties only a company or an organization has. */
const ORGANIZATION_PROPERTIES = ['incorporationDate', 'dissolutionDate', 'leiCode', 'swiftBic', 'dunsCode', 'ogrnCode'];
/** Properties only a person has. */
const PERSON_PROPERTIES = ['birthDate', 'birthPlace', 'deathDate', 'gender', 'passportNumber', 'firstName', 'middleName', 'lastName', 'fatherName', 'motherName'];

/** Words of a name that make it an organization's: legal forms and the nouns of institutions, never a person's. */
const ORGANIZATION_WORDS = new Set([
  'company', 'corp', 'corporation', 'ltd', 'limited', 'llc', 'llp', 'inc', 'incorporated', 'jsc', 'ojsc', 'pjsc', 'cjsc', 'ooo', 'oao', 'zao', 'pao',
  'gmbh', 'plc', 'sarl', 'srl', 'ltda', 'bhd', 'pte', 'pvt', 'fze', 'fzco', 'fzc', 'dmcc', 'kft', 'spzoo',
  'bank', 'banking', 'trading', 'trust', 'holding', 'holdings', 'group', 'industries', 'industrial', 'enterprise', 'enterprises',
  'shipping', 'logistics', 'committee', 'bureau', 'ministry', 'department', 'office', 'association', 'institute', 'university',
  'federation', 'foundation', 'organization', 'organisation', 'agency', 'council', 'army', 'navy', 'party', 'front', 'brigade',
]);
const NATIVE_ORGANIZATION_WORDS = /有限公司|公司|集团|銀行|银行|株式会社|주식회사|회사|은행|총국|위원회|Общество|Акционерное|ООО|ОАО|ЗАО|ПАО/u;

const PERSON_SCHEMATA = new Set(['Person']);
const ORGANIZATION_ONLY_SCHEMATA = new Set(['Organization', 'Company', 'PublicBody']);

/** What a row's schema is contradicted by, if anything, and the schema it is screened as. */
export interface SchemaFit {
  schema: string;
  warning?: string;
}

function present(properties: Record<string, string[]>, names: string[]): string[] {
  return names.filter((p) => properties[p]?.some((v) => v.trim()));
}

/** The organization words in a name, as written. */
function organizationWordsIn(name: string): string[] {
  const words = normalizeName(name).split(' ').filter((w) => ORGANIZATION_WORDS.has(w));
  const native = NATIVE_ORGANIZATION_WORDS.exec(name)?.[0];
  return native ? [...words, native] : words;
}

/**
 * Check a row's stated schema against its data: a Person with a vessel's or a company's
 * identifiers, or named with a legal form (Korea Mining Development Trading Corporation); an
 * organization with a person's birth date, gender or passport; a Vessel with a person's details.
 *
 * @example fitSchema('Person', { name: ['Tanchon Commercial Bank'] }) // { schema: 'LegalEntity', warning: 'schema Person, but the name ... (bank) ...' }
 */
export function fitSchema(schema: string, properties: Record<string, string[]>): SchemaFit {
  const names = properties.name ?? [];
  if (PERSON_SCHEMATA.has(schema)) {
    const evidence = [
      ...present(properties, [...VESSEL_PROPERTIES, ...ORGANIZATION_PROPERTIES]),
      ...names.flatMap((n) => organizationWordsIn(n).map((w) => `"${w}" in the name`)),
    ];
    if (evidence.length) return { schema: 'LegalEntity', warning: `schema Person, but the row has ${[...new Set(evidence)].join(', ')}: screened as LegalEntity (people and organizations alike)` };
  } else if (ORGANIZATION_ONLY_SCHEMATA.has(schema)) {
    const evidence = [...present(properties, PERSON_PROPERTIES), ...present(properties, VESSEL_PROPERTIES)];
    if (evidence.length) return { schema: 'LegalEntity', warning: `schema ${schema}, but the row has ${evidence.join(', ')}: screened as LegalEntity (people and organizations alike)` };
  } else if (schema === 'Vessel') {
    const evidence = present(properties, PERSON_PROPERTIES);
    if (evidence.length) return { schema, warning: `schema Vessel, but the row has ${evidence.join(', ')} (a person's details)` };
  }
  return { schema };
}
