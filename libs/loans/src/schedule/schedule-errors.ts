import { BadInputError } from '@mla/core';

export enum ScheduleErrorCode {
  INVALID_SCHEDULE_INPUT = 'INVALID_SCHEDULE_INPUT',
  INVALID_PRINCIPAL_PLAN = 'INVALID_PRINCIPAL_PLAN',
  INVALID_SCHEDULE_CONVENTION = 'INVALID_SCHEDULE_CONVENTION',
}

/** Every schedule error names the offending field first, so an API can point at it (details.field too). */
export function invalidField(field: string, problem: string, code = ScheduleErrorCode.INVALID_SCHEDULE_INPUT) {
  return new BadInputError(code, `${field} ${problem}`, { field });
}
