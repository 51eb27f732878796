import { FieldReader, recordOf } from './fields.js';

/**
 * A person about to travel, as a travel check takes it.
 *
 * @example { id: 't1', name: 'Jang Chang Ha', birthDate: '1964-01-10', nationality: 'KP', from: '2019-05-01', to: '2019-05-10', itinerary: ['CN', 'RU'], purpose: 'conference' }
 */
export interface Traveller {
  id: string;
  name: string;
  birthDate?: string;
  nationality?: string;
  passport?: string;
  /** The first and last day of the trip (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Every country the trip enters or transits (ISO 3166-1 alpha-2), in order. */
  itinerary: string[];
  purpose?: string;
}

export const TRAVELLER_FIELDS = ['id', 'name', 'birthDate', 'nationality', 'passport', 'from', 'to', 'itinerary', 'purpose'] as const;

/**
 * A traveller read from a JSON value, validated: an `INVALID_TRAVELLER` error names the
 * traveller (its id and `where`: a line or an item) and the field at fault.
 */
export function readTraveller(value: unknown, where: string): Traveller {
  const record = recordOf(value, 'INVALID_TRAVELLER', where, 'a traveller');
  const id = typeof record.id === 'string' && record.id.trim() ? record.id.trim() : undefined;
  const fields = new FieldReader('INVALID_TRAVELLER', record, id ? `traveller ${id} (${where})` : where);
  fields.only(TRAVELLER_FIELDS, 'a traveller');
  if (!id) return fields.fail('id', record.id === undefined ? 'is required' : `${JSON.stringify(record.id)} is not a non-empty text`);
  const traveller: Traveller = {
    id,
    name: fields.text('name', true),
    from: fields.date('from', true),
    to: fields.date('to', true),
    itinerary: fields.countries('itinerary', true),
  };
  if (traveller.to < traveller.from) fields.fail('to', `${traveller.to} is before from ${traveller.from}`);
  const birthDate = fields.date('birthDate', false, true);
  if (birthDate) traveller.birthDate = birthDate;
  if (record.nationality !== undefined && record.nationality !== null && record.nationality !== '') traveller.nationality = fields.country('nationality', record.nationality);
  const passport = fields.text('passport');
  if (passport) traveller.passport = passport;
  const purpose = fields.text('purpose');
  if (purpose) traveller.purpose = purpose;
  return traveller;
}
