import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';

// The lint rule that keeps domain error codes in their enums (eslint-rules/error-code-from-catalogue.js).
const root = join(__dirname, '../../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule = require(join(root, 'eslint-rules/error-code-from-catalogue.js')) as Rule.RuleModule;

function problems(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser as Linter.Parser },
          plugins: { mla: { rules: { 'error-code-from-catalogue': rule } } },
          rules: { 'mla/error-code-from-catalogue': 'error' },
        },
      ],
      'fixture.ts',
    )
    .map((m) => `${m.line}:${m.ruleId ?? m.message}`);
}

describe('mla/error-code-from-catalogue', () => {
  it('refuses a code written as a string, a template or inside an expression', () => {
    const fixture = [
      "throw new NotFoundError('LOAN_NOT_FOUND', 'no loan');",
      'throw new BadInputError(`INVALID_${field}`, "bad");',
      "throw new RuleViolationError(late ? 'TOO_LATE' : Code.X, 'late');",
      "throw new DomainError('conflict', 'CLAIM_EXISTS', 'twice');",
      "throw new core.ConflictError('TAKEN' as Code, 'taken');",
      "class Parse extends BadInputError { constructor() { super('STATEMENT_INVALID', 'bad file'); } }",
    ].join('\n');
    expect(problems(fixture)).toEqual([1, 2, 3, 4, 5, 6].map((line) => `${line}:mla/error-code-from-catalogue`));
  });

  it('accepts an enum member, a variable, the kind of a DomainError, and other classes', () => {
    const fixture = [
      "throw new NotFoundError(LoanErrorCode.LOAN_NOT_FOUND, 'no loan');",
      "throw new BadInputError(code, 'bad', { field: 'x' });",
      "throw new DomainError('conflict', CommonErrorCode.CONFLICT, 'twice');",
      "throw new Error('plain');",
      "throw new StatementParseError('line 7: not an amount');",
    ].join('\n');
    expect(problems(fixture)).toEqual([]);
  });

  it('is on for the foundation libs and the apps, off for tests and the contexts still converting', () => {
    const severity = (file: string): unknown => {
      const config = JSON.parse(
        execFileSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--print-config', file], {
          cwd: root,
          encoding: 'utf8',
        }),
      ) as { rules: Record<string, unknown[] | undefined> };
      return config.rules['mla/error-code-from-catalogue']?.[0] ?? 'off';
    };
    expect(severity('libs/core/src/money/money.ts')).toBe(2);
    expect(severity('apps/worker/src/main.ts')).toBe(2);
    expect(severity('apps/api/src/http/validation.ts')).toBe(2);
    expect(severity('libs/core/src/errors/domain-error.spec.ts')).toBe('off');
  });
});
