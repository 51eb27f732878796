/**
 * The FollowTheMoney vocabulary Interdict speaks: which schemata exist here and how they nest,
 * which properties hold names, countries and identifiers, how each property is labelled for
 * people, and which column names of a customer file fill which property. Core, API, CLI and the
 * console read these lists from here, so that a schema or property added once is known
 * everywhere. Pure data: no I/O, no imports.
 */

/** Schemata a query may name (FollowTheMoney names), broadest first. */
export const QUERY_SCHEMATA = ['Thing', 'LegalEntity', 'Person', 'Organization', 'Company', 'PublicBody', 'Vessel', 'Airplane', 'Asset'] as const;
export type QuerySchema = (typeof QUERY_SCHEMATA)[number];

/** Schemata of listed entities that can be screened against (monitored parties take these too). */
export const TARGET_SCHEMATA = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'] as const;
export type TargetSchema = (typeof TARGET_SCHEMATA)[number];

/** The schema of a query or customer row that does not say: people and organizations alike. */
export const DEFAULT_SCHEMA = 'LegalEntity';

/** Schemata of organizations: any of them may match any other, and their initials count. */
export const ORGANIZATION_SCHEMATA: ReadonlySet<string> = new Set(['Organization', 'Company', 'LegalEntity', 'PublicBody']);

/**
 * Whether a query of one schema may match a candidate of another: a `Thing` matches anything,
 * a `LegalEntity` people and organizations, an organization any organization.
 *
 * @example schemataCompatible('LegalEntity', 'Person') // true
 */
export function schemataCompatible(query: string, candidate: string): boolean {
  if (query === candidate || query === 'Thing') return true;
  if (query === 'LegalEntity') return candidate === 'Person' || ORGANIZATION_SCHEMATA.has(candidate);
  return ORGANIZATION_SCHEMATA.has(query) && ORGANIZATION_SCHEMATA.has(candidate);
}

/** Properties that hold a name of the entity. */
export const NAME_PROPERTIES = ['name', 'alias', 'weakAlias', 'previousName', 'firstName', 'middleName', 'lastName', 'secondName', 'fatherName', 'motherName'] as const;

/** Properties holding countries, read as ISO codes ("Russia" → "ru"). */
export const COUNTRY_PROPERTIES: ReadonlySet<string> = new Set(['nationality', 'citizenship', 'country', 'jurisdiction', 'mainCountry', 'flag']);

/** Identifier properties: a party's or a listed entity's numbers (those the matcher compares are `MATCHED_IDENTIFIER_PROPERTIES`). */
export const IDENTIFIER_PROPERTIES = ['passportNumber', 'idNumber', 'registrationNumber', 'taxNumber', 'vatCode', 'leiCode', 'innCode', 'ogrnCode', 'swiftBic', 'dunsCode', 'imoNumber', 'mmsi', 'callSign', 'serialNumber'] as const;

/** Identifier properties the matcher compares: an equal value decides a match (the others are too rarely listed to be worth a key). */
export const MATCHED_IDENTIFIER_PROPERTIES = ['passportNumber', 'idNumber', 'registrationNumber', 'taxNumber', 'imoNumber', 'mmsi', 'callSign', 'serialNumber'] as const;

/** FollowTheMoney properties a query may carry; others are dropped with a warning, as yente does. */
export const MATCH_PROPERTIES: ReadonlySet<string> = new Set<string>([
  ...NAME_PROPERTIES, 'title',
  'birthDate', 'birthPlace', 'deathDate', 'nationality', 'citizenship', 'country', 'jurisdiction', 'mainCountry', 'gender', 'position',
  ...IDENTIFIER_PROPERTIES,
  'flag', 'buildDate', 'model', 'type', 'incorporationDate', 'address', 'email', 'phone',
  'website', 'topics', 'notes', 'sourceUrl',
]);

/** The identifier a person typing one value most likely means, by schema (the console's search form). */
export const MAIN_IDENTIFIER: Readonly<Record<string, (typeof IDENTIFIER_PROPERTIES)[number]>> = {
  Person: 'idNumber', Organization: 'registrationNumber', Company: 'registrationNumber', LegalEntity: 'registrationNumber', PublicBody: 'registrationNumber', Vessel: 'imoNumber', Airplane: 'serialNumber',
};

/** How each property and schema is named for people (FollowTheMoney's own labels). */
export const LABELS: Readonly<Record<string, string>> = {
  Thing: 'Any', LegalEntity: 'Person or organization', Person: 'Person', Organization: 'Organization', Company: 'Company', PublicBody: 'Public body', Vessel: 'Vessel', Airplane: 'Airplane', Asset: 'Asset',
  name: 'Name', alias: 'Other name', weakAlias: 'Weak alias', previousName: 'Previous name', firstName: 'First name', middleName: 'Middle name', lastName: 'Last name', secondName: 'Second name', fatherName: 'Patronymic', motherName: "Mother's name", title: 'Title',
  birthDate: 'Birth date', birthPlace: 'Place of birth', deathDate: 'Death date', nationality: 'Nationality', citizenship: 'Citizenship', country: 'Country', jurisdiction: 'Jurisdiction', mainCountry: 'Country of origin', gender: 'Gender', position: 'Position',
  passportNumber: 'Passport number', idNumber: 'ID number', registrationNumber: 'Registration number', taxNumber: 'Tax number', vatCode: 'VAT code', leiCode: 'LEI', innCode: 'INN', ogrnCode: 'OGRN', swiftBic: 'SWIFT/BIC', dunsCode: 'DUNS',
  imoNumber: 'IMO number', mmsi: 'MMSI', callSign: 'Call sign', serialNumber: 'Serial number', flag: 'Flag', buildDate: 'Build date', model: 'Model', type: 'Type', incorporationDate: 'Incorporation date',
  address: 'Address', email: 'E-mail', phone: 'Phone', website: 'Website', topics: 'Topics', notes: 'Notes', sourceUrl: 'Source link', program: 'Program', sanctions: 'Sanctions',
};

/** A property's or schema's label, or its FtM name spelt out when it has none (`ownershipAsset` → "Ownership asset"). */
export function labelOf(name: string): string {
  const known = LABELS[name];
  if (known) return known;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Column names of a customer file recognized without a column map, by the FtM property they fill (compared lower-case). */
export const CUSTOMER_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  name: ['name', 'full_name', 'fullname', 'customer_name', 'party_name', 'entity_name'],
  birthDate: ['birthdate', 'birth_date', 'dob', 'date_of_birth'],
  nationality: ['nationality', 'citizenship'],
  country: ['country', 'jurisdiction'],
  passportNumber: ['passport', 'passport_number', 'passportnumber', 'passport_no'],
  idNumber: ['id_number', 'idnumber', 'national_id'],
  registrationNumber: ['registration_number', 'registrationnumber', 'company_number'],
  imoNumber: ['imo', 'imo_number', 'imonumber'],
  gender: ['gender', 'sex'],
};

/** Column names of a customer file that hold the row's own id. */
export const CUSTOMER_ID_COLUMNS: readonly string[] = ['id', 'customer_id', 'party_id', 'reference'];

/** Column names of a customer file that hold the row's schema. */
export const CUSTOMER_SCHEMA_COLUMNS: readonly string[] = ['schema', 'type'];

/**
 * What a customer file's column fills, by its header: `id`, `schema`, a property, or undefined.
 *
 * @example customerColumn('Date_of_Birth') // 'birthDate'
 */
export function customerColumn(header: string): string | undefined {
  const name = header.trim().toLowerCase();
  if (CUSTOMER_ID_COLUMNS.includes(name)) return 'id';
  if (CUSTOMER_SCHEMA_COLUMNS.includes(name)) return 'schema';
  for (const [property, names] of Object.entries(CUSTOMER_COLUMNS)) if (names.includes(name)) return property;
  return undefined;
}
