import { cleanValue } from '../entity.js';
import { readDate, type DateOrder } from './dates.js';
import { fitSchema } from './schema-fit.js';

export { DATE_ORDERS, isValidDate, readDate, type DateOrder, type DateReading } from './dates.js';
export { fitSchema, type SchemaFit } from './schema-fit.js';
export { readSchema, unknownSchema } from './schemata.js';

/** Query properties holding dates: read into FtM dates, or dropped with a warning. */
export const DATE_PROPERTIES = new Set(['birthDate', 'deathDate', 'incorporationDate', 'dissolutionDate', 'buildDate']);

export interface ReadQueryOptions {
  /** The order of day and month in numeric dates, when the caller knows it. */
  dateOrder?: DateOrder;
  /** The schema was stated (a column, an option), not a default: the row's data is checked against it. */
  schemaStated?: boolean;
}

/**
 * A query as read from a customer's row or a request: values cleaned (control characters,
 * spaces; empty ones dropped), dates read (or dropped), the schema checked against the data.
 * Everything dropped or changed is said in `warnings`.
 *
 * @example readQuery('Person', { name: ['Kim Jong Un'], birthDate: ['08/01/1984'] }) // { schema: 'Person', properties: { name: [...], birthDate: ['1984'] }, warnings: ['birthDate "08/01/1984" could be ...'] }
 */
export function readQuery(schema: string, properties: Record<string, string[]>, options: ReadQueryOptions = {}): { schema: string; properties: Record<string, string[]>; warnings: string[] } {
  const clean: Record<string, string[]> = {};
  const warnings: string[] = [];
  for (const [property, values] of Object.entries(properties)) {
    const kept: string[] = [];
    for (const value of values.map(cleanValue).filter(Boolean)) {
      if (!DATE_PROPERTIES.has(property)) {
        kept.push(value);
        continue;
      }
      const reading = readDate(value, options.dateOrder);
      if (reading.warning) warnings.push(`${property} ${reading.warning}${reading.date ? '' : '; dropped'}`);
      if (reading.date) kept.push(reading.date);
    }
    if (kept.length) clean[property] = [...new Set(kept)];
  }
  if (!options.schemaStated) return { schema, properties: clean, warnings };
  const fit = fitSchema(schema, clean);
  if (fit.warning) warnings.push(fit.warning);
  return { schema: fit.schema, properties: clean, warnings };
}
