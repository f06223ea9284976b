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
    if (metadata.type === 'body' && isDto(metadata.metatype)) {
      if (!isPlainObject(value)) {
        throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'The request body must be a JSON object', [
          { field: 'body', problems: ['The request body must be a JSON object'] },
        ]);
      }
      const nulls = nullFields(value, metadata.metatype as DtoClass);
      if (nulls.length) {
        const details = nulls.map((field) => ({ field, problems: [`${field} must not be null`] }));
        throw new BadInputError(
          CommonErrorCode.VALIDATION_FAILED,
          details.map((d) => d.problems[0]).join('; '),
          details,
        );
      }
    }
    return super.transform(value, metadata);
  }
}

type DtoClass = abstract new (...args: never[]) => unknown;
interface DocumentedProperty {
  nullable?: boolean;
  type?: unknown;
}

const PROPERTIES = 'swagger/apiModelPropertiesArray';
const PROPERTY = 'swagger/apiModelProperties';

function documentedClass(type: unknown): DtoClass | undefined {
  if (typeof type !== 'function') return undefined;
  if (Reflect.getMetadata(PROPERTIES, (type as DtoClass).prototype)) return type as DtoClass;
  try {
    // A lazy type: `type: () => SubsidyRuleRequest`.
    const resolved: unknown = (type as () => unknown)();
    return typeof resolved === 'function' && Reflect.getMetadata(PROPERTIES, (resolved as DtoClass).prototype)
      ? (resolved as DtoClass)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fields sent as null that the API document does not declare nullable. `@IsOptional()` lets null through to
 * the use case, where a required column or a method call on it fails as a server error; an optional field
 * may be left out, and only a nullable one may be cleared with null.
 */
function nullFields(value: unknown, type: DtoClass, path = '', depth = 0): string[] {
  if (depth > 8 || !isPlainObject(value)) return [];
  const names = ((Reflect.getMetadata(PROPERTIES, type.prototype) as string[] | undefined) ?? []).map((n) =>
    n.replace(/^:/, ''),
  );
  return names.flatMap((name) => {
    const field = path ? `${path}.${name}` : name;
    const documented = Reflect.getMetadata(PROPERTY, type.prototype, name) as DocumentedProperty | undefined;
    const item = (value as Record<string, unknown>)[name];
    if (item === null) return documented?.nullable ? [] : [field];
    const nested = documentedClass(documented?.type);
    if (!nested) return [];
    if (Array.isArray(item)) return item.flatMap((x, i) => nullFields(x, nested, `${field}[${i}]`, depth + 1));
    return nullFields(item, nested, field, depth + 1);
  });
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
