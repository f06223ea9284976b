import { BadInputError, type Language, type LocalisedDetails } from '@mla/core';

export interface FieldProblem {
  field: string;
  problems: string[];
}

type Problem = Record<Language, string>;

/** Bad fields of an input; `details` in English, and in the client's language through `detailsIn`. */
export class FieldProblemsError extends BadInputError implements LocalisedDetails {
  constructor(
    code: string,
    message: string,
    private readonly problems: ReadonlyMap<string, readonly Problem[]>,
  ) {
    super(code, message, listIn(problems, 'en'));
  }

  detailsIn(language: Language): FieldProblem[] {
    return listIn(this.problems, language);
  }
}

function listIn(byField: ReadonlyMap<string, readonly Problem[]>, language: Language): FieldProblem[] {
  return [...byField].map(([field, problems]) => ({ field, problems: problems.map((p) => p[language]) }));
}

/**
 * Collects every problem of an input before failing, so one answer names all bad fields, in the same shape as
 * the HTTP validation pipe: `details: [{ field, problems }]`. Each problem is said in English and in Chinese.
 */
export class FieldProblems {
  private readonly byField = new Map<string, Problem[]>();

  add(field: string, en: string, zh: string): void {
    const list = this.byField.get(field) ?? [];
    list.push({ en, 'zh-CN': zh });
    this.byField.set(field, list);
  }

  get isEmpty(): boolean {
    return this.byField.size === 0;
  }

  list(): FieldProblem[] {
    return listIn(this.byField, 'en');
  }

  throwIfAny(code: string, what: string): void {
    if (this.isEmpty) return;
    const details = this.list();
    const message = `${what} is invalid: ${details.map((d) => `${d.field} ${d.problems.join(', ')}`).join('; ')}`;
    throw new FieldProblemsError(code, message, new Map(this.byField));
  }
}
