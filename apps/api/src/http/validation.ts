import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputError, CommonErrorCode } from '@mla/core';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Whitelists DTO fields, refuses unknown ones, and converts types. Errors name each field and what is wrong
 * with it: `{ code: 'VALIDATION_FAILED', details: [{ field, problems }] }`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => d.problems.join(', ')).join('; ');
      return new BadInputError(CommonErrorCode.VALIDATION_FAILED, message || 'Request is invalid', details);
    },
  });
}
