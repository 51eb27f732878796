import { InputError } from '../errors.js';
import type { ErrorCode } from '../error-codes.js';
import { countryCode } from '../match/countries.js';
import { isValidDate } from '../query/dates.js';

/**
 * Reading the fields of a traveller or an exemption: each error names the record (its id or
 * reference, and its line or item) and the field.
 */
export class FieldReader {
  constructor(
    private readonly code: ErrorCode,
    private readonly record: Record<string, unknown>,
    private readonly where: string,
  ) {}

  fail(field: string, message: string): never {
    throw new InputError(this.code, `${this.where}: ${field}: ${message}`);
  }

  /** Refuse fields the record does not take. */
  only(fields: readonly string[], what: string): void {
    for (const key of Object.keys(this.record)) if (!fields.includes(key)) throw new InputError(this.code, `${this.where}: "${key}" is not a field ${what} takes (${fields.join(', ')})`);
  }

  text(field: string, required: true): string;
  text(field: string, required?: false): string | undefined;
  text(field: string, required = false): string | undefined {
    const value = this.record[field];
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') this.fail(field, `${JSON.stringify(value)} is not text`);
    const text = value.trim();
    if (!text && required) this.fail(field, 'is required');
    if (text.length > 1000) this.fail(field, `is ${text.length} characters long; at most 1000`);
    return text || undefined;
  }

  /** A calendar date YYYY-MM-DD (with `partial`, also YYYY or YYYY-MM: a birth date as lists give it). */
  date(field: string, required: true, partial?: boolean): string;
  date(field: string, required?: false, partial?: boolean): string | undefined;
  date(field: string, required = false, partial = false): string | undefined {
    const text = required ? this.text(field, true) : this.text(field);
    if (text === undefined) return undefined;
    const shape = partial ? /^\d{4}(-\d{2}(-\d{2})?)?$/ : /^\d{4}-\d{2}-\d{2}$/;
    if (!shape.test(text) || !isValidDate(text)) this.fail(field, `"${text}" is not a date ${partial ? 'YYYY-MM-DD, YYYY-MM or YYYY' : 'YYYY-MM-DD'}`);
    return text;
  }

  /** A country as an ISO 3166-1 alpha-2 code (KP, CN), upper case. */
  country(field: string, value: unknown): string {
    if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value.trim())) this.fail(field, `${JSON.stringify(value)} is not a country code (ISO 3166-1 alpha-2, such as KP or CN)`);
    const code = value.trim().toUpperCase();
    if (countryCode(code) !== code) this.fail(field, `"${value}" is not a known country code (ISO 3166-1 alpha-2, such as KP or CN)`);
    return code;
  }

  /** A list of country codes (one code also taken as a list of one). */
  countries(field: string, required: boolean): string[] {
    const value = this.record[field];
    if (value === undefined || value === null) {
      if (required) this.fail(field, 'is required: a list of country codes, such as ["CN", "RU"]');
      return [];
    }
    const values = Array.isArray(value) ? value : [value];
    if (required && !values.length) this.fail(field, 'is empty: give at least one country code');
    return [...new Set(values.map((v, i) => this.country(`${field}[${i}]`, v)))];
  }

  /** A list of texts (one text also taken as a list of one). */
  texts(field: string): string[] {
    const value = this.record[field];
    if (value === undefined || value === null) return [];
    const values = Array.isArray(value) ? value : [value];
    return [...new Set(values.map((v, i) => {
      if (typeof v !== 'string' || !v.trim()) this.fail(`${field}[${i}]`, `${JSON.stringify(v)} is not a non-empty text`);
      return (v as string).trim();
    }))];
  }
}

/** A record as an object, or an error naming where it is. */
export function recordOf(value: unknown, code: ErrorCode, where: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(code, `${where}: ${what} is a JSON object, not ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}
