import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/**
 * Errors with a stable code and the HTTP status they map to. Every failure a user can cause
 * (a bad file, an unknown id) is one of these; anything else is a bug.
 *
 * @example throw new InputError('PARSE_ERROR', 'sdn.csv line 12: expected 12 fields, found 3')
 */
export class InterdictError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  /** `code` is one of the catalog's (src/core/error-codes.ts); `status` defaults to the catalog's. */
  constructor(code: ErrorCode, message: string, status: number = ERROR_CODES[code].status, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InterdictError';
    this.code = code;
    this.status = status;
  }
}

/** Bad input from the user: a malformed file, a wrong argument. */
export class InputError extends InterdictError {
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, 400, options);
    this.name = 'InputError';
  }
}

/** A list file that cannot be read: names the file and where it broke. */
export class ParseError extends InputError {
  readonly file: string;
  readonly location: string | undefined;

  constructor(file: string, location: string | undefined, detail: string, options?: ErrorOptions) {
    super('PARSE_ERROR', `${file}${location ? ` (${location})` : ''}: ${detail}`, options);
    this.name = 'ParseError';
    this.file = file;
    this.location = location;
  }
}

export class NotFoundError extends InterdictError {
  constructor(what: string, detail = '') {
    super('NOT_FOUND', `${what} not found${detail}`, 404);
    this.name = 'NotFoundError';
  }
}
