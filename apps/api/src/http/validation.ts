import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputError, CommonErrorCode, renderMessage, type Language } from '@mla/core';
import { fieldLabel } from './field-labels';
import { uncleanFields } from './text-hygiene';
import { VALIDATION_RULE_MESSAGES, isKnownRule, type ValidationRule } from './validation-messages';

/**
 * One thing wrong with one field: the rule it breaks (a class-validator constraint name or one of ours), the
 * rule's limits as far as they are known, and the English sentence that said it until now.
 */
export interface FieldProblem {
  field: string;
  rule: string;
  limits?: Record<string, string>;
  english: string;
}

/** What the response carries for each field: its problems in the client's language, and the rules broken. */
export interface FieldProblems {
  field: string;
  problems: string[];
  rules: string[];
}

/**
 * A request that fails validation. Carries its problems without a language: the HTTP filter renders them in the
 * language the client asked for (class-validator knows nothing of the request).
 */
export class RequestValidationError extends BadInputError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super(
      CommonErrorCode.VALIDATION_FAILED,
      problems.map((p) => p.english).join('; ') || 'Request is invalid',
      groupProblems(problems, 'en'),
    );
  }

  /** The details in a language: per field, what is wrong with it (in that language) and which rules it breaks. */
  detailsIn(language: Language): FieldProblems[] {
    return groupProblems(this.problems, language);
  }

  /** The message in a language: every field's problems, one after another. */
  messageIn(language: Language): string {
    const separator = language === 'zh-CN' ? '；' : '; ';
    return this.problems.map((p) => renderProblem(p, language)).join(separator);
  }
}

/** A problem in a language. English keeps class-validator's own sentence (it names the exact limit). */
export function renderProblem(problem: FieldProblem, language: Language): string {
  if (language === 'en' && problem.english) return problem.english;
  const rule: ValidationRule = isKnownRule(problem.rule) ? problem.rule : 'unknown';
  return renderMessage(VALIDATION_RULE_MESSAGES[rule], language, {
    ...problem.limits,
    field: fieldLabel(problem.field, language),
  });
}

function groupProblems(problems: readonly FieldProblem[], language: Language): FieldProblems[] {
  const byField = new Map<string, FieldProblems>();
  for (const p of problems) {
    const entry = byField.get(p.field) ?? { field: p.field, problems: [], rules: [] };
    entry.problems.push(renderProblem(p, language));
    entry.rules.push(p.rule);
    byField.set(p.field, entry);
  }
  return [...byField.values()];
}

/** Limits read back from class-validator's default sentences (a custom message has none: the template without). */
const LIMITS: Partial<Record<string, { name: string; pattern: RegExp }>> = {
  min: { name: 'min', pattern: /must not be less than (-?[0-9.]+)$/ },
  max: { name: 'max', pattern: /must not be greater than (-?[0-9.]+)$/ },
  minLength: { name: 'min', pattern: /longer than or equal to ([0-9]+) characters$/ },
  maxLength: { name: 'max', pattern: /shorter than or equal to ([0-9]+) characters$/ },
  arrayMinSize: { name: 'min', pattern: /at least ([0-9]+) elements$/ },
  arrayMaxSize: { name: 'max', pattern: /no more than ([0-9]+) elements$/ },
  isIn: { name: 'values', pattern: /one of the following values: (.+)$/ },
  isEnum: { name: 'values', pattern: /one of the following values: (.+)$/ },
};

function limitsOf(rule: string, english: string): Record<string, string> | undefined {
  const limit = LIMITS[rule];
  const m = limit?.pattern.exec(english);
  return limit && m ? { [limit.name]: m[1] } : undefined;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, english]) => {
      const limits = limitsOf(rule, english);
      return { field, rule, english, ...(limits ? { limits } : {}) };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const UNCLEAN = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * Whitelists DTO fields, refuses unknown ones, and converts types. Errors name each field and what is wrong
 * with it: `{ code: 'VALIDATION_FAILED', details: [{ field, problems, rules }] }`, the problems in the client's
 * language. Before any of that, every string of a body, a query and a route parameter (keys too) is refused when
 * it holds NUL or a lone surrogate: no use case ever sees one.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = uncleanFields(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length) {
        throw new RequestValidationError(
          fields.map((field) => ({ field, rule: 'cleanText', english: `${field} ${UNCLEAN}` })),
        );
      }
    }
    if (metadata.type === 'body' && isDto(metadata.metatype)) {
      if (!isPlainObject(value)) {
        throw new RequestValidationError([
          { field: 'body', rule: 'bodyObject', english: 'The request body must be a JSON object' },
        ]);
      }
      const nulls = nullFields(value, metadata.metatype as DtoClass);
      if (nulls.length) {
        throw new RequestValidationError(
          nulls.map((field) => ({ field, rule: 'notNull', english: `${field} must not be null` })),
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
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
