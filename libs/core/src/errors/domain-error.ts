/**
 * Domain errors: use cases throw these (never HttpException). One HTTP filter maps `kind` to a status:
 * not_found 404, conflict / invalid_state 409, rule_violation 422, bad_input 400, forbidden 403,
 * unauthenticated 401, rate_limited 429, unavailable 503 (a dependency such as the database or Redis did not answer in
 * time; the client may retry). Each module declares its own code enum and passes its values as `code`.
 */
export type DomainErrorKind =
  | 'bad_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'rule_violation'
  | 'rate_limited'
  | 'unavailable';

export type ErrorDetails = Record<string, unknown> | ReadonlyArray<unknown>;

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('bad_input', code, message, details);
  }
}
export class UnauthenticatedError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('unauthenticated', code, message, details);
  }
}
export class ForbiddenError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('forbidden', code, message, details);
  }
}
export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('not_found', code, message, details);
  }
}
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('conflict', code, message, details);
  }
}
export class InvalidStateError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('invalid_state', code, message, details);
  }
}
export class RuleViolationError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('rule_violation', code, message, details);
  }
}
export class RateLimitedError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('rate_limited', code, message, details);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super('unavailable', code, message, details);
  }
}

/** Codes shared by every module (each module adds its own enum). */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  RATE_LIMITED = 'RATE_LIMITED',
  CONFLICT = 'CONFLICT',
  INTERNAL = 'INTERNAL',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',

  // Values the core types refuse (money, decimals, instants, validators), whichever context passed them.
  INVALID_MONEY = 'INVALID_MONEY',
  MONEY_OVERFLOW = 'MONEY_OVERFLOW',
  INVALID_ALLOCATION = 'INVALID_ALLOCATION',
  INVALID_DAYS = 'INVALID_DAYS',
  INVALID_DAY_BASIS = 'INVALID_DAY_BASIS',
  INVALID_DECIMAL = 'INVALID_DECIMAL',
  INVALID_SCALE = 'INVALID_SCALE',
  INVALID_ROUNDING_MODE = 'INVALID_ROUNDING_MODE',
  DIVISION_BY_ZERO = 'DIVISION_BY_ZERO',
  INVALID_DURATION = 'INVALID_DURATION',
  INVALID_INSTANT = 'INVALID_INSTANT',
  INVALID_CURSOR = 'INVALID_CURSOR',
  INVALID_KEY = 'INVALID_KEY',
  UNREADABLE_CIPHERTEXT = 'UNREADABLE_CIPHERTEXT',
  INVALID_RESIDENT_ID = 'INVALID_RESIDENT_ID',
  INVALID_CREDIT_CODE = 'INVALID_CREDIT_CODE',
  INVALID_MOBILE = 'INVALID_MOBILE',
  INVALID_BANK_ACCOUNT = 'INVALID_BANK_ACCOUNT',
  INVALID_REGION_CODE = 'INVALID_REGION_CODE',
}
