import { Money } from '@mla/core';
import { METHOD_BUILDERS } from './methods';
import type { Schedule, ScheduleInput } from './schedule-types';
import { validateScheduleInput } from './validate-input';

/**
 * A loan's repayment schedule: a pure function of the loan terms and conventions. Validates the input
 * (BadInputError naming the field), then builds rows with the method's builder. Totals are sums of the rows.
 */
export function buildSchedule(input: ScheduleInput): Schedule {
  const valid = validateScheduleInput(input);
  const rows = METHOD_BUILDERS[valid.method](valid);
  return {
    rows,
    totalPrincipal: Money.sum(rows.map((r) => r.principal)),
    totalInterest: Money.sum(rows.map((r) => r.interest)),
    maturityDate: rows[rows.length - 1].dueDate,
    conventions: valid.conventions,
  };
}
