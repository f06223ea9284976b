import { BadInputError } from '@mla/core';

import { ReconciliationErrorCode } from '../errors';

/** Where in the source file a problem was found: the file line (1-based) and the field (header text, XML path or tag). */
export interface StatementLocation {
  line?: number;
  field?: string;
}

/**
 * A statement file that cannot be read as it stands. The message starts with the location, so a clerk can find the
 * spot in the bank's file: "line 7, field 交易金额: '12,34x' is not an amount".
 */
export class StatementParseError extends BadInputError {
  readonly line?: number;
  readonly field?: string;

  constructor(
    message: string,
    location: StatementLocation = {},
    code: ReconciliationErrorCode = ReconciliationErrorCode.STATEMENT_INVALID,
    extraDetails: Record<string, unknown> = {},
  ) {
    const where = [
      location.line !== undefined ? `line ${location.line}` : null,
      location.field !== undefined ? `field ${location.field}` : null,
    ].filter((part) => part !== null);
    const details: Record<string, unknown> = { ...extraDetails };
    if (location.line !== undefined) details.line = location.line;
    if (location.field !== undefined) details.field = location.field;
    super(code, where.length > 0 ? `${where.join(', ')}: ${message}` : message, details);
    this.line = location.line;
    this.field = location.field;
  }
}
