/**
 * The entity model: FollowTheMoney-compatible entities (schema + multi-valued properties) with
 * the designations (FtM `Sanction`) that put them on a list.
 */

import { TARGET_SCHEMATA, type TargetSchema } from './ftm.js';

export type Properties = Record<string, string[]>;

/**
 * Why an entity is on a list: one record per authority and program.
 *
 * @example { dataset: 'un_sc', authority: 'United Nations Security Council', program: 'DPRK', referenceNumber: 'KPi.037', listingDate: '2016-11-30' }
 */
export interface Designation {
  dataset: string;
  authority: string;
  program?: string;
  programId?: string;
  listingDate?: string;
  reason?: string;
  referenceNumber?: string;
  sourceUrl?: string;
  /** Free text a publisher attaches, such as OFAC's "Secondary sanctions risk" clauses. */
  provisions?: string[];
}

/**
 * A listed person, organization, vessel or aircraft.
 *
 * @example { id: 'un_sc-KPi.037', schema: 'Person', caption: 'CHANG CHANG HA', properties: { name: ['CHANG CHANG HA'], alias: ['Jang Chang Ha'] }, datasets: ['un_sc'], designations: [...] }
 */
export interface Entity {
  id: string;
  schema: string;
  caption: string;
  properties: Properties;
  datasets: string[];
  designations: Designation[];
  /** Ids the entity had in its sources (FtM input). */
  referents?: string[];
  /** The datasets an FtM entity named itself, when it came from an aggregated export. */
  sourceDatasets?: string[];
  /** When the source says the entity was first seen, last seen and last changed (FtM exports); not part of its record's hash. */
  seen?: SourceTimes;
}

/** Times a source gives an entity (YYYY-MM-DDTHH:MM:SS). */
export interface SourceTimes {
  first_seen?: string;
  last_seen?: string;
  last_change?: string;
}

// C0/C1 control characters (NUL included, which PostgreSQL text cannot hold) and lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// eslint-disable-next-line no-control-regex -- as above
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ud800-\udfff]|\s\s|^\s|\s$/;

/** Collapse whitespace, drop control characters and trim; the empty string means "no value". */
export function cleanValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Most values are already clean: test once, rewrite only when needed (list loading calls this a lot).
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/**
 * A small builder that keeps property values clean and unique, so parsers stay declarative.
 */
export class EntityBuilder {
  readonly id: string;
  schema: string;
  readonly properties: Properties = {};
  readonly designations: Designation[] = [];
  private readonly dataset: string;

  constructor(dataset: string, id: string, schema: string) {
    this.dataset = dataset;
    this.id = id;
    this.schema = schema;
  }

  add(property: string, ...values: (string | null | undefined)[]): this {
    for (const raw of values) {
      const value = cleanValue(raw);
      if (!value) continue;
      const list = (this.properties[property] ??= []);
      if (!list.includes(value)) list.push(value);
    }
    return this;
  }

  has(property: string): boolean {
    return (this.properties[property]?.length ?? 0) > 0;
  }

  first(property: string): string | undefined {
    return this.properties[property]?.[0];
  }

  designate(designation: Omit<Designation, 'dataset'>): this {
    const clean: Designation = { dataset: this.dataset, authority: designation.authority };
    for (const [key, value] of Object.entries(designation)) {
      if (key === 'authority' || value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        const values = value.map(cleanValue).filter(Boolean);
        if (values.length) (clean as unknown as Record<string, unknown>)[key] = values;
      } else {
        const text = cleanValue(String(value));
        if (text) (clean as unknown as Record<string, unknown>)[key] = text;
      }
    }
    this.designations.push(clean);
    return this;
  }

  build(): Entity {
    // An alias equal to the name carries no information.
    const names = new Set(this.properties.name ?? []);
    for (const prop of ['alias', 'weakAlias', 'previousName']) {
      const list = this.properties[prop];
      if (!list) continue;
      const kept = list.filter((v) => !names.has(v));
      if (kept.length) this.properties[prop] = kept;
      else delete this.properties[prop];
    }
    if (this.designations.length) this.add('topics', 'sanction');
    return {
      id: this.id,
      schema: this.schema,
      caption: pickCaption(this.properties) ?? this.id,
      properties: this.properties,
      datasets: [this.dataset],
      designations: this.designations,
    };
  }
}

/** The label shown for an entity: its first name, else an alias, else nothing. */
export function pickCaption(properties: Properties): string | undefined {
  for (const prop of ['name', 'alias', 'previousName', 'weakAlias', 'lastName']) {
    const value = properties[prop]?.[0];
    if (value) return value;
  }
  return undefined;
}

export function isTargetSchema(schema: string): schema is TargetSchema {
  return (TARGET_SCHEMATA as readonly string[]).includes(schema);
}

/** Join `<dataset>-<record id>`, the stable id scheme for official lists. */
export function makeEntityId(dataset: string, recordId: string): string {
  return `${dataset}-${cleanValue(recordId)}`;
}
