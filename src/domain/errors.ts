/** A field-level explanation attached to an error; `path` uses dots, e.g. `lines.0.quantity`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export type ErrorCode = 'invalid_request' | 'not_found' | 'conflict';

/** Base of every error the domain and use cases throw on purpose; http maps `code` to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request itself is wrong: bad values, or references to things that do not exist. */
export class Invalid extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('invalid_request', message, details);
  }
  static at(path: string, message: string): Invalid {
    return new Invalid(`${path}: ${message}`, [{ path, message }]);
  }
}

/** The resource named in the path does not exist. */
export class NotFound extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** The request is valid but contradicts the current state. */
export class Conflict extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('conflict', message, details);
  }
  static at(path: string, message: string): Conflict {
    return new Conflict(`${path}: ${message}`, [{ path, message }]);
  }
}

/** Not enough stock of a lot at a location for the requested movement. */
export class InsufficientStock extends Conflict {}

/** The lot is on hold, recalled or expired and may not be shipped or consumed. */
export class LotUnavailable extends Conflict {}
