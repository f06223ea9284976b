import type { LocalDate } from '@mla/core';
import type { ResolvedSubsidyRule } from '@mla/loan-policies';
import type { InstallmentShare } from './installment-share';
import type { Ratio } from './ratio';
import type { SubsidyLoanFacts } from './subsidy-facts';
import { SubsidyCheck, SubsidyCheckReason, type SubsidyCheckResult } from './subsidy-line';
import { percentText, type LineRates } from './subsidy-rates';

/** Decimals of a check's factor. */
const FACTOR_SCALE = 10;
/** Decimals of the exact figures a check shows. */
const EXACT_SCALE = 6;

/** What the line's checks are read from, once the days and the exact subsidy are known. */
export interface LineCheckFacts {
  rule: ResolvedSubsidyRule;
  loan: SubsidyLoanFacts;
  rates: LineRates;
  amountFactor: Ratio;
  leverage: Ratio;
  leverageText: string;
  termEnd: LocalDate | null;
  excludedDays: ReadonlyMap<SubsidyCheckReason, number>;
  exceptionDays: number;
  lateShares: readonly InstallmentShare[];
  penaltyCollectedFen: bigint;
  capped: boolean;
  collected: Ratio;
  stoppedOn: LocalDate | null;
  payoffDays: number;
  paidOffOn: LocalDate | null;
}

/** One result per check, each with its reason and the figures behind it. */
export function lineChecks(f: LineCheckFacts): SubsidyCheckResult[] {
  const {
    rule,
    loan,
    rates,
    amountFactor,
    leverage,
    leverageText,
    termEnd,
    excludedDays,
    exceptionDays,
    lateShares,
    capped,
    collected,
    stoppedOn,
    payoffDays,
    paidOffOn,
  } = f;
  return [
    {
      check: SubsidyCheck.WITHIN_AMOUNT_CAP,
      passed: amountFactor.isOne(),
      reason: amountFactor.isOne() ? null : SubsidyCheckReason.AMOUNT_ABOVE_CAP,
      factor: amountFactor.round(FACTOR_SCALE).toString(),
      detail: { principalFen: loan.principalFen.toString(), amountCapFen: rule.amountCapFen?.toString() ?? null },
    },
    {
      check: SubsidyCheck.WITHIN_RATE_CAP,
      passed: rates.eligible.eq(rates.contract),
      reason: rates.eligible.eq(rates.contract) ? null : SubsidyCheckReason.RATE_ABOVE_CAP,
      detail: {
        contractRatePercent: percentText(rates.contract),
        rateCapPercent: rates.cap ? percentText(rates.cap) : null,
      },
    },
    dayCheck(SubsidyCheck.WITHIN_TERM_CAP, SubsidyCheckReason.DAYS_BEYOND_TERM_CAP, excludedDays, {
      termCapMonths: rule.termCapMonths,
      subsidisedUntilBefore: termEnd?.toString() ?? null,
    }),
    {
      ...dayCheck(SubsidyCheck.NOT_EXTENSION_PERIOD, SubsidyCheckReason.EXTENSION_DAYS_EXCLUDED, excludedDays, {
        extensionSubsidisedFrom: rule.extensionSubsidisedFrom,
        extensionSubsidisedUntil: rule.extensionSubsidisedUntil,
        daysSubsidisedByException: exceptionDays,
      }),
      ...(exceptionDays > 0 && !excludedDays.has(SubsidyCheckReason.EXTENSION_DAYS_EXCLUDED)
        ? { reason: SubsidyCheckReason.EXTENSION_DAYS_SUBSIDISED_BY_EXCEPTION }
        : {}),
    },
    {
      check: SubsidyCheck.PAID_ON_TIME,
      passed: lateShares.length === 0,
      reason:
        lateShares.length === 0
          ? null
          : lateShares.some((sh) => !sh.notYetDue)
            ? SubsidyCheckReason.INTEREST_PAID_LATE_OR_UNPAID
            : SubsidyCheckReason.INTEREST_NOT_YET_DUE,
      detail: {
        onTimeGraceDays: rule.onTimeGraceDays,
        installments:
          lateShares
            .map(
              (sh) =>
                `${sh.facts.number}:${sh.onTimeFen}/${sh.facts.interestDueFen}${sh.notYetDue ? ':NOT_YET_DUE' : ''}`,
            )
            .join(',') || null,
      },
    },
    {
      check: SubsidyCheck.PENALTY_NOT_SUBSIDISED,
      passed: true,
      reason: f.penaltyCollectedFen > 0n ? SubsidyCheckReason.PENALTY_EXCLUDED : null,
      detail: { penaltyCollectedFen: f.penaltyCollectedFen.toString() },
    },
    {
      check: SubsidyCheck.WITHIN_INTEREST_COLLECTED,
      passed: !capped,
      reason: capped ? SubsidyCheckReason.CAPPED_AT_INTEREST_COLLECTED : null,
      detail: { interestCollectedFen: collected.round(EXACT_SCALE).toString() },
    },
    dayCheck(
      SubsidyCheck.BORROWER_STILL_SELF_EMPLOYED,
      SubsidyCheckReason.BORROWER_STOPPED_SELF_EMPLOYMENT,
      excludedDays,
      { businessStoppedOn: stoppedOn?.toString() ?? null },
    ),
    {
      check: SubsidyCheck.WITHIN_FUND_LEVERAGE,
      passed: leverage.isOne(),
      reason: leverage.isOne() ? null : SubsidyCheckReason.LIABILITY_ABOVE_LEVERAGE,
      factor: leverageText,
    },
    {
      check: SubsidyCheck.LOAN_RAN_WHOLE_PERIOD,
      passed: payoffDays === 0,
      reason: payoffDays === 0 ? null : SubsidyCheckReason.PAID_OFF_IN_PERIOD,
      excludedDays: payoffDays,
      detail: { paidOffOn: paidOffOn?.toString() ?? null },
    },
  ];
}

function dayCheck(
  check: SubsidyCheck,
  reason: SubsidyCheckReason,
  excluded: ReadonlyMap<SubsidyCheckReason, number>,
  detail: Record<string, string | number | null>,
): SubsidyCheckResult {
  const days = excluded.get(reason) ?? 0;
  return { check, passed: days === 0, reason: days === 0 ? null : reason, excludedDays: days, detail };
}
