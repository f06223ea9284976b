import { BadInputError, Decimal, LocalDate, Money } from '@mla/core';
import { FUNDING_SHARE_LEVELS, resolveSubsidyRule } from '@mla/loan-policies';
import { SubsidyErrorCode } from '../errors';
import { shareOf, type InstallmentShare } from './installment-share';
import { Ratio } from './ratio';
import { inclusiveDays, yearBasisDays } from './settlement-periods';
import type { SubsidyLineInput } from './subsidy-facts';
import { lineChecks } from './subsidy-line-checks';
import { SubsidyCheckReason, type FundingSplitFen, type SubsidyLine, type SubsidySegment } from './subsidy-line';
import { percentText, subsidyRates } from './subsidy-rates';

// The rates' rule is published with the line's calculation.
export { subsidyRates } from './subsidy-rates';

/** Decimals of the exact figures the line shows (interest of a segment, the exact subsidy). */
const EXACT_SCALE = 6;

function fail(field: string, message: string): never {
  throw new BadInputError(SubsidyErrorCode.INVALID_SUBSIDY_INPUT, message, { field });
}

function parseDate(field: string, value: string): LocalDate {
  try {
    return LocalDate.parse(value);
  } catch {
    return fail(field, `${field} must be a date YYYY-MM-DD, got ${value}`);
  }
}

interface DayClass {
  reason: SubsidyCheckReason | null;
  loanYear: number;
  byException: boolean;
}

/**
 * One loan's subsidy for one period (see SubsidyLine). The rules where the policy texts are silent:
 * - interest is attributed to days pro rata within each installment, so periods and installments need not align;
 * - an installment counts only for the share of its interest received by its due date + onTimeGraceDays
 *   (and by asOf); the rest is overdue (or not yet due) and earns nothing, even if paid later;
 * - days on or after the payoff date or the day the business stopped, from value date + termCapMonths, and of
 *   extension rows (outside the dated exception) earn nothing; the taper follows the loan year of each day
 *   (years from the value date; past the listed years the last entry applies);
 * - the amount cap and the leverage fraction scale the whole line; the result is capped at the interest received
 *   for the period and rounded half-up to the fen once; the budgets' split is by largest remainder.
 */
export function calculateSubsidyLine(input: SubsidyLineInput): SubsidyLine {
  const { loan } = input;
  const rule = resolveSubsidyRule(input.policy.subsidyRule);
  const start = parseDate('period.start', input.period.start);
  const end = parseDate('period.end', input.period.end);
  const valueDate = parseDate('loan.valueDate', loan.valueDate);
  const asOf = parseDate('asOf', input.asOf);
  if (end.isBefore(start)) fail('period', `The period ends ${end.toString()} before it starts ${start.toString()}`);
  if (start.isBefore(valueDate))
    fail('period.start', `The period starts ${start.toString()} before the value date ${valueDate.toString()}`);
  if (loan.principalFen <= 0n) fail('loan.principalFen', 'The principal must be above zero');
  const paidOffOn = loan.paidOffOn ? parseDate('loan.paidOffOn', loan.paidOffOn) : null;
  const stoppedOn = input.businessStoppedOn ? parseDate('businessStoppedOn', input.businessStoppedOn) : null;
  const leverageText = input.withinLeverageFraction ?? '1';
  if (!/^\d+(\.\d+)?$/.test(leverageText) || Decimal.of(leverageText).gt(1))
    fail('withinLeverageFraction', `withinLeverageFraction must be a decimal from 0 to 1, got ${leverageText}`);
  const leverage = Ratio.dec(leverageText);

  const contractPercent = Decimal.of(loan.annualRate).mul(100);
  const lprPercent = Decimal.of(loan.lprPercent);
  const rates = subsidyRates(rule, contractPercent, lprPercent);
  const rateRatio = rates.contract.isPositive() ? Ratio.dec(rates.subsidy).div(Ratio.dec(rates.contract)) : Ratio.ZERO;
  const amountFactor =
    rule.amountCapFen !== null && loan.principalFen > rule.amountCapFen
      ? Ratio.of(rule.amountCapFen, loan.principalFen)
      : Ratio.ONE;

  const termEnd = rule.termCapMonths !== null ? valueDate.plusMonths(rule.termCapMonths) : null;
  const exceptionFrom = rule.extensionSubsidisedFrom ? LocalDate.parse(rule.extensionSubsidisedFrom) : null;
  const exceptionUntil = rule.extensionSubsidisedUntil ? LocalDate.parse(rule.extensionSubsidisedUntil) : null;
  const taperOf = (year: number): string =>
    rule.taper && rule.taper.length ? rule.taper[Math.min(year, rule.taper.length) - 1] : '1';

  const classify = (day: LocalDate, subsidisable: boolean): DayClass => {
    const loanYear = valueDate.age(day) + 1;
    const inException =
      !subsidisable &&
      exceptionFrom !== null &&
      !day.isBefore(exceptionFrom) &&
      (exceptionUntil === null || !day.isAfter(exceptionUntil));
    let reason: SubsidyCheckReason | null = null;
    if (termEnd && !day.isBefore(termEnd)) reason = SubsidyCheckReason.DAYS_BEYOND_TERM_CAP;
    else if (!subsidisable && !inException) reason = SubsidyCheckReason.EXTENSION_DAYS_EXCLUDED;
    else if (stoppedOn && !day.isBefore(stoppedOn)) reason = SubsidyCheckReason.BORROWER_STOPPED_SELF_EMPLOYMENT;
    return { reason, loanYear, byException: inException && reason === null };
  };

  const lastAccrualDay = paidOffOn ? paidOffOn.plusDays(-1) : null;
  const segments: (SubsidySegment & { share: InstallmentShare; interest: Ratio; byException: boolean })[] = [];
  const installments = [...input.installments].sort((a, b) => a.number - b.number);
  for (const facts of installments) {
    const from = LocalDate.max(parseDate('installments.periodStart', facts.periodStart), start);
    const clippedEnd =
      lastAccrualDay && lastAccrualDay.isBefore(LocalDate.parse(facts.periodEnd))
        ? lastAccrualDay
        : parseDate('installments.periodEnd', facts.periodEnd);
    const to = LocalDate.min(clippedEnd, end);
    if (to.isBefore(from)) continue;
    const denominatorDays =
      clippedEnd.toString() === facts.periodEnd
        ? facts.days
        : inclusiveDays(LocalDate.parse(facts.periodStart), clippedEnd, loan.dayCount);
    if (denominatorDays <= 0) fail('installments.days', `Installment ${facts.number} has no days`);
    const share = shareOf(facts, denominatorDays, rule.onTimeGraceDays, asOf);
    // Runs of days that the checks treat alike.
    let runStart = from;
    let runClass = classify(from, facts.subsidisable);
    const flush = (runEnd: LocalDate) => {
      const days = inclusiveDays(runStart, runEnd, loan.dayCount);
      const interest = Ratio.of(facts.interestDueFen * BigInt(days), BigInt(denominatorDays));
      segments.push({
        installmentNumber: facts.number,
        from: runStart.toString(),
        to: runEnd.toString(),
        days,
        installmentDays: denominatorDays,
        principalBasisFen: facts.principalBasisFen,
        interestFen: interest.round(EXACT_SCALE).toString(),
        loanYear: runClass.loanYear,
        taperFactor: taperOf(runClass.loanYear),
        excludedBecause: runClass.reason,
        share,
        interest,
        byException: runClass.byException,
      });
    };
    for (let day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      const c = classify(day, facts.subsidisable);
      if (c.reason !== runClass.reason || c.loanYear !== runClass.loanYear || c.byException !== runClass.byException) {
        flush(day.plusDays(-1));
        runStart = day;
        runClass = c;
      }
    }
    flush(to);
  }

  // The exact subsidy: interest of counted days × on-time share × taper × rate ratio × amount cap × leverage.
  let interestDue = Ratio.ZERO;
  let collected = Ratio.ZERO;
  let collectedOnTime = Ratio.ZERO;
  let beforeCollectionCap = Ratio.ZERO;
  const excludedDays = new Map<SubsidyCheckReason, number>();
  let exceptionDays = 0;
  for (const s of segments) {
    interestDue = interestDue.add(s.interest);
    collected = collected.add(s.interest.mul(s.share.collected));
    collectedOnTime = collectedOnTime.add(s.interest.mul(s.share.onTime));
    if (s.byException) exceptionDays += s.days;
    if (s.excludedBecause) {
      excludedDays.set(s.excludedBecause, (excludedDays.get(s.excludedBecause) ?? 0) + s.days);
      continue;
    }
    beforeCollectionCap = beforeCollectionCap.add(s.interest.mul(s.share.onTime).mul(Ratio.dec(s.taperFactor)));
  }
  beforeCollectionCap = beforeCollectionCap.mul(rateRatio).mul(amountFactor).mul(leverage);
  const capped = collected.lt(beforeCollectionCap);
  const exact = capped ? collected : beforeCollectionCap;
  const subsidyFen = exact.round(0).mantissa;
  const interestDueFen = interestDue.round(0).mantissa;

  const sharesInOrder = FUNDING_SHARE_LEVELS.map((level) => rule.fundingShares[level]);
  const parts = Money.ofFen(subsidyFen).allocate(sharesInOrder);
  const fundingSplitFen = Object.fromEntries(
    FUNDING_SHARE_LEVELS.map((level, i) => [level, parts[i].fen]),
  ) as FundingSplitFen;

  const counted = segments.filter((s) => s.excludedBecause === null);
  const payoffDays =
    paidOffOn && !paidOffOn.isAfter(end) ? inclusiveDays(LocalDate.max(paidOffOn, start), end, loan.dayCount) : 0;
  const lateShares = [...new Set(counted.map((s) => s.share))].filter((sh) => !sh.onTime.isOne());
  const checks = lineChecks({
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
    penaltyCollectedFen: input.penaltyCollectedFen ?? 0n,
    capped,
    collected,
    stoppedOn,
    payoffDays,
    paidOffOn,
  });

  const years = [...new Set(counted.map((s) => s.loanYear))];
  return {
    loanId: loan.loanId,
    policyId: input.policy.id,
    policyVersion: input.policy.version,
    formula: rule.kind,
    rule: input.policy.subsidyRule,
    periodStart: start.toString(),
    periodEnd: end.toString(),
    settlementDate: input.period.settlementDate ?? null,
    periodDays: segments.reduce((sum, s) => sum + s.days, 0),
    subsidisedDays: counted.reduce((sum, s) => sum + s.days, 0),
    dayCount: loan.dayCount,
    yearBasisDays: yearBasisDays(loan.dayCount),
    valueDate: loan.valueDate,
    signingDate: loan.signingDate,
    principalFen: loan.principalFen,
    amountCapFen: rule.amountCapFen,
    subsidisedPrincipalFen:
      rule.amountCapFen !== null && rule.amountCapFen < loan.principalFen ? rule.amountCapFen : loan.principalFen,
    contractRatePercent: percentText(rates.contract),
    lprPercent: percentText(lprPercent),
    lprEffectiveDate: loan.lprEffectiveDate,
    rateCapPercent: rates.cap ? percentText(rates.cap) : null,
    eligibleRatePercent: percentText(rates.eligible),
    subsidyRatePercent: percentText(rates.subsidy),
    borrowerRatePercent: percentText(rates.contract.sub(rates.subsidy)),
    loanYears: years,
    taperFactors: years.map(taperOf),
    leverageFraction: leverageText,
    businessStoppedOn: stoppedOn?.toString() ?? null,
    paidOffOn: paidOffOn?.toString() ?? null,
    interestDueFen,
    interestCollectedFen: collected.round(0).mantissa,
    interestCollectedOnTimeFen: collectedOnTime.round(0).mantissa,
    penaltyCollectedFen: input.penaltyCollectedFen ?? 0n,
    exactSubsidyFen: exact.round(EXACT_SCALE).toString(),
    subsidyFen,
    borrowerBearsFen: interestDueFen - subsidyFen,
    fundingShares: { ...rule.fundingShares },
    fundingSplitFen,
    checks,
    segments: segments.map(({ share: _share, interest: _interest, byException: _byException, ...s }) => s),
    computedAsOf: asOf.toString(),
  };
}
