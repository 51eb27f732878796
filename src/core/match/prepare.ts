import { initialsOf, makeToken, prepareName, withoutNativeAffixes, type ComparableName, type NameToken, type PreparedName } from '../names/tokens.js';
import { southernInitial } from '../names/hangul.js';
import { traditionalHan } from '../names/translit.js';
import { countryCode } from './countries.js';
import { SCORING } from './model.js';
import { isValidDate } from '../query/dates.js';
import { COUNTRY_PROPERTIES, MATCHED_IDENTIFIER_PROPERTIES, ORGANIZATION_SCHEMATA } from '../ftm.js';

/** Name properties, with how much a match on each is worth. */
export const NAME_WEIGHTS: Record<string, number> = { name: 1, alias: 1, previousName: 0.95, weakAlias: 0.85, firstName: 0, lastName: 0 };

/**
 * What a match on an organization's initials alone is worth: below the default threshold, so
 * that an acronym finds its organization for an analyst to judge without raising an alert by
 * itself (random three-letter words are the initials of some listed organization often:
 * see docs/matching.md, "Organizations' initials").
 */
export const INITIALS_FACTOR = SCORING.initials;
/** A name ending in an acronym in parentheses: FOREIGN TRADE BANK (FTB), Korea National Insurance Corporation (KNIC). */
const ACRONYM_IN_PARENTHESES = /^(.*\S)\s*\(\s*([A-Z][A-Z0-9&.-]{1,9})\s*\)\s*$/u;

/** A name of an entity, as scored (without its comparable form as one string, which only deduplicates). */
export interface PreparedNameEntry extends ComparableName {
  property: string;
  /** What a match on this name is worth (a weak alias less). */
  factor: number;
  /** The total weight of the name's words in the index it is indexed in (0 elsewhere). */
  weight: number;
  /** The name in its own script, for names written wholly in Hangul or Han characters (see `nativeForm`); else ''. */
  native: string;
}

const ALL_HANGUL = /^[\uac00-\ud7a3]+$/;
const ALL_HAN = /^\p{Script=Han}+$/u;
const HANGUL_OR_HAN = /[\uac00-\ud7a3\p{Script=Han}]/u;

/**
 * A name written wholly in Hangul syllables or Han characters, as compared in that script: its
 * letters without spaces or punctuation, Hangul as the South writes a syllable's initial (리 and 이 are one
 * surname), Han in traditional characters (华 and 華 are one), after a letter naming the script. Else ''.
 */
export function nativeForm(original: string, organization = false): string {
  // Most names have neither script: spared the affixes and the tests below (an index prepares millions).
  if (!HANGUL_OR_HAN.test(original)) return '';
  // Letters only: punctuation, spaces and parentheses (華興船務(香港)有限公司) say nothing here, nor titles and legal forms.
  const letters = withoutNativeAffixes(original.normalize('NFC'), organization).replace(/[^\p{L}]+/gu, '');
  if (ALL_HANGUL.test(letters)) return `h${[...letters].map(southernInitial).join('')}`;
  if (ALL_HAN.test(letters)) return `c${traditionalHan(letters)}`;
  return '';
}

/** Everything the scorer compares, computed once per entity or query. */
export interface PreparedEntity {
  id: string;
  schema: string;
  caption: string;
  names: PreparedNameEntry[];
  birthDates: string[];
  countries: string[];
  gender: string | undefined;
  /** `property:normalized value`, e.g. `imoNumber:7937317`. */
  identifiers: string[];
}

/** Identifiers compared by their letters and digits only (IMO 7937317 = IMO7937317 = 7937317 for IMO). */
export function normalizeIdentifier(property: string, value: string): string | undefined {
  let v = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (property === 'imoNumber') v = v.replace(/^IMO/, '');
  // A SWIFT/BIC's first eight characters name the institution; the last three, a branch (XXX: the head office).
  if (property === 'swiftBic') v = v.slice(0, 8);
  if (v.length < 4) return undefined;
  // Passport and ID numbers are one family: lists move numbers between them.
  const family = property === 'passportNumber' || property === 'idNumber' ? 'id' : property;
  return `${family}:${v}`;
}

/** The ISO codes of the countries an entity's properties name (nationality, citizenship, country, jurisdiction, flag). */
export function countryCodes(properties: Record<string, string[] | undefined>): string[] {
  const codes = new Set<string>();
  for (const property of COUNTRY_PROPERTIES) {
    for (const value of properties[property] ?? []) {
      const code = countryCode(value);
      if (code) codes.add(code);
    }
  }
  return [...codes];
}

// One literal shape for every name entry: the scorer reads these fields in its inner loops.
function nameEntry(name: PreparedName, property: string, factor: number, surnames?: Set<string>): PreparedNameEntry {
  let surname = 0;
  if (surnames?.size) name.tokens.forEach((t, i) => {
    if (surnames.has(t.text)) surname |= 1 << i;
  });
  // A word the list gives as the surname is never a patronymic (Abramovich, Yanukovych).
  return { original: name.original, tokens: name.tokens, joined: name.joined, numbers: name.numbers, property, factor, weight: 0, surname, patronymic: name.patronymic & ~surname, organization: name.organization, native: nativeForm(name.original, name.organization) };
}

// One empty list of words written together for every name of initials (never mutated).
const NO_TOKENS: NameToken[] = [];

// One empty list for every entity without birth dates, countries or identifiers (never mutated).
const NONE: string[] = [];
const orNone = (values: string[]): string[] => (values.length ? values : NONE);

/**
 * An entity (or a query in entity form) prepared for scoring. With `initials` (a listed
 * entity, not a query), an organization's names also give their initials as names of their own.
 */
export function prepareEntity(entity: { id?: string; schema: string; caption?: string; properties: Record<string, string[] | undefined> }, { initials = false } = {}): PreparedEntity {
  const p = entity.properties;
  const names: PreparedNameEntry[] = [];
  const seen = new Set<string>();
  // The surname's words, where the list gives it apart (OFAC, Canada): another surname in a query is another person.
  const surnames = entity.schema === 'Person' ? new Set((p.lastName ?? []).flatMap((last) => prepareName(last, entity.schema).flatMap((n) => n.tokens.map((t) => t.text)))) : undefined;
  const acronyms: string[] = [];
  for (const [property, factor] of Object.entries(NAME_WEIGHTS)) {
    if (factor === 0) continue;
    for (const written of p[property] ?? []) {
      // FOREIGN TRADE BANK (FTB): the acronym is a name of its own, and the name is the name without it.
      const found = ORGANIZATION_SCHEMATA.has(entity.schema) ? ACRONYM_IN_PARENTHESES.exec(written) : null;
      // Two letters are no acronym to find a name by (initials have three or more).
      const split = found && found[2]!.replace(/[^A-Z0-9]/g, '').length >= 3 ? found : null;
      const value = split ? split[1]! : written;
      if (split) acronyms.push(split[2]!);
      for (const prepared of prepareName(value, entity.schema)) {
        if (seen.has(prepared.form)) continue;
        seen.add(prepared.form);
        names.push(nameEntry(prepared, property, factor, surnames));
      }
    }
  }
  for (const acronym of acronyms) {
    const letters = acronym.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (seen.has(letters)) continue;
    seen.add(letters);
    // A listed acronym is worth what initials are (an acronym alone is never an alert); a query's is a word to find.
    if (initials) names.push({ original: acronym, tokens: [makeToken(letters, letters, 'initials')], joined: NO_TOKENS, numbers: '', property: 'initials', factor: INITIALS_FACTOR, weight: 0, surname: 0, patronymic: 0, organization: true, native: '' });
    else for (const prepared of prepareName(acronym, entity.schema)) names.push(nameEntry(prepared, 'alias', 1));
  }
  if (initials && ORGANIZATION_SCHEMATA.has(entity.schema)) {
    for (const name of names.slice()) {
      if (name.factor < NAME_WEIGHTS.previousName!) continue;
      for (const letters of initialsOf(name.tokens)) {
        if (seen.has(letters)) continue;
        seen.add(letters);
        const token = makeToken(letters, letters, 'initials');
        // The name they are the initials of, as written (the explanation's pair shows the letters).
        names.push({ original: name.original, tokens: [token], joined: NO_TOKENS, numbers: '', property: 'initials', factor: INITIALS_FACTOR, weight: 0, surname: 0, patronymic: 0, organization: true, native: '' });
      }
    }
  }
  // A person given only as first and last name parts.
  if (names.length === 0 && (p.firstName?.length || p.lastName?.length)) {
    const whole = `${p.firstName?.[0] ?? ''} ${p.middleName?.[0] ?? ''} ${p.lastName?.[0] ?? ''}`;
    for (const prepared of prepareName(whole, entity.schema)) names.push(nameEntry(prepared, 'name', 1));
  }
  const identifiers = new Set<string>();
  for (const property of MATCHED_IDENTIFIER_PROPERTIES) {
    for (const value of p[property] ?? []) {
      const id = normalizeIdentifier(property, value);
      if (id) identifiers.add(id);
    }
  }
  const gender = p.gender?.[0]?.toLowerCase();
  return {
    id: entity.id ?? '',
    schema: entity.schema,
    caption: entity.caption ?? p.name?.[0] ?? names[0]?.original ?? '',
    // Copied to its exact size: an index keeps a million of these, and a pushed-to array keeps spare room.
    names: names.slice(),
    // Only dates that exist are compared: 1984-13-45 is no date, not the year 1984.
    birthDates: orNone([...new Set((p.birthDate ?? []).map((d) => d.trim()).filter(isValidDate))]),
    countries: orNone(countryCodes(p)),
    gender: gender === 'male' || gender === 'female' ? gender : undefined,
    identifiers: orNone([...identifiers]),
  };
}
