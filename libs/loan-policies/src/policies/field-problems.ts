import { BadInputError } from '@mla/core';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * Collects every problem of an input before failing, so one answer names all bad fields, in the same shape as
 * the HTTP validation pipe: `details: [{ field, problems }]`.
 */
export class FieldProblems {
  private readonly byField = new Map<string, string[]>();

  add(field: string, problem: string): void {
    const list = this.byField.get(field) ?? [];
    list.push(problem);
    this.byField.set(field, list);
  }

  get isEmpty(): boolean {
    return this.byField.size === 0;
  }

  list(): FieldProblem[] {
    return [...this.byField].map(([field, problems]) => ({ field, problems }));
  }

  throwIfAny(code: string, what: string): void {
    if (this.isEmpty) return;
    const details = this.list();
    const message = `${what} is invalid: ${details.map((d) => `${d.field} ${d.problems.join(', ')}`).join('; ')}`;
    throw new BadInputError(code, message, details);
  }
}
