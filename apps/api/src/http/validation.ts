import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputError, CommonErrorCode } from '@mla/core';
import { uncleanFields } from './text-hygiene';

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

const UNCLEAN = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * Whitelists DTO fields, refuses unknown ones, and converts types. Errors name each field and what is wrong
 * with it: `{ code: 'VALIDATION_FAILED', details: [{ field, problems }] }`. Before any of that, every string of
 * a body, a query and a route parameter (keys too) is refused when it holds NUL or a lone surrogate: no use
 * case ever sees one.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = uncleanFields(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length) {
        const details = fields.map((field) => ({ field, problems: [`${field} ${UNCLEAN}`] }));
        throw new BadInputError(
          CommonErrorCode.VALIDATION_FAILED,
          details.map((d) => d.problems[0]).join('; '),
          details,
        );
      }
    }
    if (metadata.type === 'body' && isDto(metadata.metatype) && !isPlainObject(value)) {
      throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'The request body must be a JSON object', [
        { field: 'body', problems: ['The request body must be a JSON object'] },
      ]);
    }
    return super.transform(value, metadata);
  }
}

function isDto(metatype: unknown): boolean {
  return typeof metatype === 'function' && ![String, Number, Boolean, Array, Object].includes(metatype as never);
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
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
