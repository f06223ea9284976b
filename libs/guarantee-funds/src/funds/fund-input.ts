import { BadInputError, Decimal } from '@mla/core';
import { GuaranteeErrorCode } from '../errors';
import { CompensationBasis } from './fund-status';
import type { GuaranteeFund } from './guarantee-fund.entity';

/** A fund's rules as people state them: multiples and percentages. Every one is configuration. */
export interface FundRulesInput {
  /** e.g. '5'. */
  baseLeverage?: string;
  /** e.g. '10'; null: never raised. */
  raisedLeverage?: string | null;
  /** Last year's repayment rate at maturity that raises the leverage, percent (e.g. '90'). */
  raiseThresholdPercent?: string;
  /** The fund's share of a loss, percent (e.g. '80'). */
  fundSharePercent?: string;
  compensationBasis?: CompensationBasis;
  compensationTriggerDays?: number;
  /** Yearly compensation ceiling, percent of the year's capital (e.g. '20'); null: none. */
  yearlyCompensationCapPercent?: string | null;
  leverageAlertPercent?: string;
  compensationAlertPercent?: string;
}

export const DEFAULT_RULES: Required<FundRulesInput> = {
  baseLeverage: '5',
  raisedLeverage: '10',
  raiseThresholdPercent: '90',
  fundSharePercent: '80',
  compensationBasis: CompensationBasis.PRINCIPAL_AND_INTEREST,
  compensationTriggerDays: 90,
  yearlyCompensationCapPercent: null,
  leverageAlertPercent: '90',
  compensationAlertPercent: '5',
};

export type FundRuleColumns = Pick<
  GuaranteeFund,
  | 'baseLeverage'
  | 'raisedLeverage'
  | 'raiseThresholdRate'
  | 'fundShare'
  | 'compensationBasis'
  | 'compensationTriggerDays'
  | 'yearlyCompensationCapRate'
  | 'leverageAlertRate'
  | 'compensationAlertRate'
>;

const bad = (field: string, message: string) =>
  new BadInputError(GuaranteeErrorCode.INVALID_FUND_RULE, `${field} ${message}`, { field });

function decimalIn(field: string, value: string, min: string, max: string, scale: number): Decimal {
  let d: Decimal;
  try {
    d = Decimal.of(value);
  } catch {
    throw bad(field, `must be a number such as ${min === '0' ? '80' : min}`);
  }
  if (d.lte(min) || d.gt(max)) throw bad(field, `must be more than ${min} and at most ${max}`);
  if (!d.round(scale).eq(d)) throw bad(field, `has more than ${scale} decimals`);
  return d;
}

const percentToRate = (field: string, value: string) => decimalIn(field, value, '0', '100', 2).div(100, 4).toFixed(4);

/** The columns for a set of rules (defaults filled in), validated; names the field of each problem. */
export function ruleColumns(input: FundRulesInput, base: FundRuleColumns | null = null): FundRuleColumns {
  const asInput: Required<FundRulesInput> = base
    ? {
        baseLeverage: base.baseLeverage,
        raisedLeverage: base.raisedLeverage,
        raiseThresholdPercent: Decimal.of(base.raiseThresholdRate).mul(100).toString(),
        fundSharePercent: Decimal.of(base.fundShare).mul(100).toString(),
        compensationBasis: base.compensationBasis,
        compensationTriggerDays: base.compensationTriggerDays,
        yearlyCompensationCapPercent:
          base.yearlyCompensationCapRate === null
            ? null
            : Decimal.of(base.yearlyCompensationCapRate).mul(100).toString(),
        leverageAlertPercent: Decimal.of(base.leverageAlertRate).mul(100).toString(),
        compensationAlertPercent: Decimal.of(base.compensationAlertRate).mul(100).toString(),
      }
    : DEFAULT_RULES;
  const r = { ...asInput, ...stripUndefined(input) };
  const baseLeverage = decimalIn('baseLeverage', r.baseLeverage, '0', '100', 2);
  const raised = r.raisedLeverage === null ? null : decimalIn('raisedLeverage', r.raisedLeverage, '0', '100', 2);
  if (raised && raised.lt(baseLeverage)) throw bad('raisedLeverage', 'must not be below baseLeverage');
  if (!Object.values(CompensationBasis).includes(r.compensationBasis)) {
    throw bad('compensationBasis', `must be one of ${Object.values(CompensationBasis).join(', ')}`);
  }
  if (
    !Number.isInteger(r.compensationTriggerDays) ||
    r.compensationTriggerDays < 1 ||
    r.compensationTriggerDays > 3650
  ) {
    throw bad('compensationTriggerDays', 'must be a whole number of days from 1 to 3650');
  }
  return {
    baseLeverage: baseLeverage.toFixed(2),
    raisedLeverage: raised ? raised.toFixed(2) : null,
    raiseThresholdRate: percentToRate('raiseThresholdPercent', r.raiseThresholdPercent),
    fundShare: percentToRate('fundSharePercent', r.fundSharePercent),
    compensationBasis: r.compensationBasis,
    compensationTriggerDays: r.compensationTriggerDays,
    yearlyCompensationCapRate:
      r.yearlyCompensationCapPercent === null
        ? null
        : percentToRate('yearlyCompensationCapPercent', r.yearlyCompensationCapPercent),
    leverageAlertRate: percentToRate('leverageAlertPercent', r.leverageAlertPercent),
    compensationAlertRate: percentToRate('compensationAlertPercent', r.compensationAlertPercent),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
