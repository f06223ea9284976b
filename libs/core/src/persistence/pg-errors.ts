/** PostgreSQL error codes the use cases turn into domain errors. The driver error may be wrapped (TypeORM). */
function pgError(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return { code: e?.driverError?.code ?? e?.code, constraint: e?.driverError?.constraint ?? e?.constraint };
}

/** unique_violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** foreign_key_violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error).code === '23503';
}
