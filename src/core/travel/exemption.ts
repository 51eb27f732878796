import { normalizeName } from '../names/normalize.js';
import { FieldReader, recordOf } from './fields.js';
import type { Traveller } from './traveller.js';

/**
 * An exemption from a travel ban: one of the 1718 Committee's (1718 (2006) para 10, 2094 (2013)
 * para 10, the Committee's guidelines section 12) or a national licence, for a person or a
 * group, a purpose, dates, and the countries of transit and destination it names.
 *
 * @example { reference: '1718-EX-2019-03', persons: ['un_sc-KPi.037'], names: [], purpose: 'IAEA meeting', from: '2019-05-01', to: '2019-05-12', transit: ['CN'], destination: ['RU'], conditions: 'escorted', source: 'Committee letter of 2019-04-20', authority: '1718 Committee' }
 */
export interface Exemption {
  reference: string;
  /** The listed records it exempts (entity ids, one per list that lists the person). */
  persons: string[];
  /** The people it exempts by name (a group's members, or a person not named by id). */
  names: string[];
  purpose: string;
  /** Its first and last day (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Countries it allows the travel through and to (ISO 3166-1 alpha-2). */
  transit: string[];
  destination: string[];
  conditions?: string;
  /** Where it is written: a Committee letter, a notice, a national licence. */
  source: string;
  /** Who granted it: `1718 Committee`, or a national authority. */
  authority: string;
}

export const EXEMPTION_FIELDS = ['reference', 'persons', 'names', 'purpose', 'from', 'to', 'transit', 'destination', 'conditions', 'source', 'authority'] as const;

/** An exemption read from a JSON value, validated: an `INVALID_EXEMPTION` error names it (reference, line or item) and the field. */
export function readExemption(value: unknown, where: string): Exemption {
  const record = recordOf(value, 'INVALID_EXEMPTION', where, 'an exemption');
  const reference = typeof record.reference === 'string' && record.reference.trim() ? record.reference.trim() : undefined;
  const fields = new FieldReader('INVALID_EXEMPTION', record, reference ? `exemption ${reference} (${where})` : where);
  fields.only(EXEMPTION_FIELDS, 'an exemption');
  if (!reference) return fields.fail('reference', record.reference === undefined ? 'is required' : `${JSON.stringify(record.reference)} is not a non-empty text`);
  const exemption: Exemption = {
    reference,
    persons: fields.texts('persons'),
    names: fields.texts('names'),
    purpose: fields.text('purpose', true),
    from: fields.date('from', true),
    to: fields.date('to', true),
    transit: fields.countries('transit', false),
    destination: fields.countries('destination', true),
    source: fields.text('source', true),
    authority: fields.text('authority', true),
  };
  if (!exemption.persons.length && !exemption.names.length) fields.fail('persons', 'an exemption names its person or group: give persons (listed records\' ids), names, or both');
  if (exemption.to < exemption.from) fields.fail('to', `${exemption.to} is before from ${exemption.from}`);
  const conditions = fields.text('conditions');
  if (conditions) exemption.conditions = conditions;
  return exemption;
}

/** Whether an exemption names a person: by a listed record's id, or by one of the names given (the traveller's or the record's). */
export function exemptionNames(exemption: Pick<Exemption, 'persons' | 'names'>, entityId: string, names: string[]): boolean {
  if (exemption.persons.includes(entityId)) return true;
  if (!exemption.names.length) return false;
  const wanted = new Set(exemption.names.map(normalizeName).filter(Boolean));
  return names.some((n) => wanted.has(normalizeName(n)));
}

/**
 * Why an exemption naming the traveller does not cover the trip: the trip's days outside its
 * dates, a country of the itinerary outside its transit and destination countries. Empty when
 * it applies.
 */
export function exemptionGaps(exemption: Exemption, traveller: Pick<Traveller, 'from' | 'to' | 'itinerary'>): string[] {
  const gaps: string[] = [];
  if (traveller.from < exemption.from || traveller.to > exemption.to) gaps.push(`out of dates: the trip ${traveller.from} to ${traveller.to}, the exemption ${exemption.from} to ${exemption.to}`);
  const covered = new Set([...exemption.transit, ...exemption.destination]);
  for (const country of traveller.itinerary) if (!covered.has(country)) gaps.push(`country ${country} not covered (transit ${exemption.transit.join(', ') || 'none'}; destination ${exemption.destination.join(', ')})`);
  return gaps;
}
