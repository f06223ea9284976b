/** Error codes of the auth context (organisations, users, sessions, audit). */
export enum AuthErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  LOGIN_RATE_LIMITED = 'LOGIN_RATE_LIMITED',
  TOKEN_INVALID = 'TOKEN_INVALID',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
  ORGANISATION_NAME_TAKEN = 'ORGANISATION_NAME_TAKEN',
  ORGANISATION_INACTIVE = 'ORGANISATION_INACTIVE',
  REGION_NOT_FOUND = 'REGION_NOT_FOUND',
  REGION_EXISTS = 'REGION_EXISTS',
  REGION_PARENT_MISMATCH = 'REGION_PARENT_MISMATCH',
  ROLE_NOT_ALLOWED_FOR_ORGANISATION = 'ROLE_NOT_ALLOWED_FOR_ORGANISATION',
  CURRENT_PASSWORD_WRONG = 'CURRENT_PASSWORD_WRONG',
  CANNOT_CHANGE_OWN_ACCESS = 'CANNOT_CHANGE_OWN_ACCESS',
  NO_CHANGE = 'NO_CHANGE',
}

/** PostgreSQL unique_violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
