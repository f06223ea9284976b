import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '@mla/core';
import { AccountCheck } from '../imports/account-check';
import { BANK_PRESETS, isMappingPreset } from './bank-presets';
import { parseStatement } from './parse-statement';
import { type ColumnMapping, type ParsedLine, type StatementFormat, type StatementSummary } from './statement-types';

const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/bank-statements/corpus');

interface ExpectedLine {
  line: number;
  date: string;
  amountFen: string;
  currency: string;
  reference: string | null;
  counterparty: string | null;
  bankTransactionId?: string | null;
}

interface Case {
  source: string;
  format: StatementFormat;
  file?: string;
  preset?: string;
  mapping?: ColumnMapping;
  account?: string;
  lines?: ExpectedLine[];
  description?: string;
  openingBalanceFen?: string;
  closingBalanceFen?: string;
  error?: { code: string } & Record<string, unknown>;
}

const names = readdirSync(CORPUS);
const cases = names
  .filter((name) => name.endsWith('.expected.json'))
  .map((name) => {
    const base = name.slice(0, -'.expected.json'.length);
    const expected = JSON.parse(readFileSync(path.join(CORPUS, name), 'utf8')) as Case;
    const file = expected.file ?? names.find((n) => n.startsWith(`${base}.`) && !n.endsWith('.expected.json'));
    return { base, file, expected };
  });

async function run(file: string, c: Case): Promise<{ lines: ParsedLine[]; summary: StatementSummary | null }> {
  const mapping = c.mapping ?? (isMappingPreset(c.preset) ? BANK_PRESETS[c.preset] : undefined);
  const check = c.account ? new AccountCheck(c.account) : null;
  const lines: ParsedLine[] = [];
  let summary: StatementSummary | null = null;
  for await (const event of parseStatement(createReadStream(path.join(CORPUS, file)), c.format, mapping)) {
    if (event.kind === 'summary') summary = event.summary;
    else if (!check || check.keeps(event.line)) lines.push(event.line);
  }
  check?.finish(summary);
  return { lines, summary };
}

describe('bank statement corpus (test/fixtures/bank-statements/corpus)', () => {
  it('has cases, each with a file, a source and either lines or an error', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const { base, file, expected } of cases) {
      expect({ base, file: typeof file, source: expected.source.length > 20 }).toEqual({
        base,
        file: 'string',
        source: true,
      });
      expect({ base, outcome: (expected.lines === undefined) !== (expected.error === undefined) }).toEqual({
        base,
        outcome: true,
      });
    }
  });

  it.each(cases.map((c) => [c.base, c] as const))('%s', async (_base, { file, expected }) => {
    if (expected.error) {
      const error = await run(file as string, expected).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      const { code, ...details } = expected.error;
      expect((error as DomainError).code).toBe(code);
      expect((error as DomainError).details).toMatchObject(details);
      return;
    }
    const { lines, summary } = await run(file as string, expected);
    expect(
      lines.map((l) => ({
        line: l.lineNumber,
        date: l.bookingDate,
        amountFen: l.amountFen.toString(),
        currency: l.currency,
        reference: l.reference,
        counterparty: l.counterpartyName,
        ...(expected.lines?.some((e) => 'bankTransactionId' in e) ? { bankTransactionId: l.bankTransactionId } : {}),
      })),
    ).toEqual(expected.lines);
    if (expected.description) expect(lines[0].description).toBe(expected.description);
    if (expected.openingBalanceFen) expect(summary?.openingBalanceFen?.toString()).toBe(expected.openingBalanceFen);
    if (expected.closingBalanceFen) expect(summary?.closingBalanceFen?.toString()).toBe(expected.closingBalanceFen);
  });
});
