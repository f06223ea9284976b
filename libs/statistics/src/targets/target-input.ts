import { BadInputError } from '@mla/core';
import { StatisticsErrorCode } from '../errors';
import { FORMULA_CODES, FormulaCode } from '../formulas/formulas';
import { TARGET_KINDS, TARGET_RULES, TargetKind, type TargetUnit } from './target-kind';

export const MIN_STATISTICS_YEAR = 2000;
export const MAX_STATISTICS_YEAR = 2100;

const UNIT_TEXT: Record<TargetUnit, { zh: string; en: string; pattern: RegExp }> = {
  FEN: {
    zh: '金额（元，最多两位小数）',
    en: 'amount in yuan (at most two decimals)',
    pattern: /^\d{1,13}(\.\d{1,2})?$/,
  },
  RATE: {
    zh: '比率（0至10之间的小数，如0.95）',
    en: 'fraction from 0 to 10 (e.g. 0.95)',
    pattern: /^\d(\.\d{1,6})?$|^10(\.0{1,6})?$/,
  },
  COUNT: { zh: '件数（非负整数）', en: 'whole number', pattern: /^\d{1,12}$/ },
};

export interface TargetInput {
  regionCode: string;
  year: number;
  kind: string;
  /** Yuan for lending volume, a fraction for rates, a whole number for counts. */
  value: string;
  /** REPAYMENT_RATE only: COLLECTION_RATE (default) or REPAYMENT_RATE_AT_MATURITY. */
  formula?: string | null;
}

export interface ValidTarget {
  regionCode: string;
  year: number;
  kind: TargetKind;
  /** Stored: integer fen, a fraction, or a count. */
  value: string;
  formula: FormulaCode | null;
}

/** Checks a target as entered and converts it to what is stored; 400 with the field at fault. */
export function validTarget(input: TargetInput): ValidTarget {
  if (!TARGET_KINDS.includes(input.kind as TargetKind)) {
    throw new BadInputError(StatisticsErrorCode.INVALID_TARGET_KIND, `kind ${input.kind} is not a target kind`, {
      field: 'kind',
      value: input.kind,
    });
  }
  const kind = input.kind as TargetKind;
  if (!Number.isInteger(input.year) || input.year < MIN_STATISTICS_YEAR || input.year > MAX_STATISTICS_YEAR) {
    throw new BadInputError(
      StatisticsErrorCode.INVALID_STATISTICS_YEAR,
      `year must be ${MIN_STATISTICS_YEAR}–${MAX_STATISTICS_YEAR}`,
      {
        field: 'year',
        value: input.year,
        min: MIN_STATISTICS_YEAR,
        max: MAX_STATISTICS_YEAR,
      },
    );
  }
  const unit = TARGET_RULES[kind].unit;
  const text = UNIT_TEXT[unit];
  const raw = String(input.value ?? '').trim();
  if (!text.pattern.test(raw)) {
    throw new BadInputError(StatisticsErrorCode.INVALID_TARGET_VALUE, `value ${raw} is not a valid ${text.en}`, {
      field: 'value',
      value: raw,
      unitZh: text.zh,
      unitEn: text.en,
    });
  }
  let formula: FormulaCode | null = null;
  if (kind === TargetKind.REPAYMENT_RATE) {
    const f = input.formula ?? FormulaCode.COLLECTION_RATE;
    if (f !== FormulaCode.COLLECTION_RATE && f !== FormulaCode.REPAYMENT_RATE_AT_MATURITY) {
      throw new BadInputError(
        StatisticsErrorCode.INVALID_TARGET_VALUE,
        `formula must be COLLECTION_RATE or REPAYMENT_RATE_AT_MATURITY (one of ${FORMULA_CODES.join(', ')})`,
        { field: 'formula', value: f, unitZh: '还款率公式', unitEn: 'repayment rate formula' },
      );
    }
    formula = f;
  }
  return {
    regionCode: input.regionCode,
    year: input.year,
    kind,
    value: unit === 'FEN' ? yuanToFen(raw) : raw,
    formula,
  };
}

function yuanToFen(yuan: string): string {
  const [whole, frac = ''] = yuan.split('.');
  return (BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'))).toString();
}
