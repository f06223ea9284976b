import type { LocalDate } from '@mla/core';
import { SUBSIDY_RULE_DEFAULTS, type SubsidyCalendarUse } from '@mla/loan-policies';
import { settlementDateBefore, settlementDateOnOrAfter } from '../calculation/settlement-periods';

/**
 * A settlement date and what closes on it: the earliest start of the periods of the calendars that have this date
 * (a batch's period: each line keeps its own) and the policy versions settling on those calendars (null: any).
 */
export interface SettlementOn {
  settlementDate: string;
  periodStart: string;
  policyIds: string[] | null;
}

/** Without any policy yet, the default calendar (20th of Mar/Jun/Sep/Dec) for every loan. */
function orDefault(calendars: readonly SubsidyCalendarUse[]): readonly (Omit<SubsidyCalendarUse, 'policyIds'> & {
  policyIds: string[] | null;
})[] {
  if (calendars.length > 0) return calendars;
  const { settlementMonths, settlementDay } = SUBSIDY_RULE_DEFAULTS;
  return [{ settlementMonths, settlementDay, policyIds: null }];
}

/** Merges the calendars' dates: one entry per date, the earliest period start, the policies of every calendar. */
function merge(entries: SettlementOn[]): SettlementOn[] {
  const byDate = new Map<string, SettlementOn>();
  for (const entry of entries) {
    const seen = byDate.get(entry.settlementDate);
    if (!seen) {
      byDate.set(entry.settlementDate, { ...entry, policyIds: entry.policyIds && [...entry.policyIds] });
      continue;
    }
    if (entry.periodStart < seen.periodStart) seen.periodStart = entry.periodStart;
    seen.policyIds = seen.policyIds && entry.policyIds ? [...seen.policyIds, ...entry.policyIds] : null;
  }
  return [...byDate.values()].sort((a, b) => a.settlementDate.localeCompare(b.settlementDate));
}

/** The last settlement date strictly before `today` of every calendar (the daily tick's dates), merged by date. */
export function latestSettlements(calendars: readonly SubsidyCalendarUse[], today: LocalDate): SettlementOn[] {
  return merge(
    orDefault(calendars).map((calendar) => {
      const date = settlementDateBefore(today, calendar);
      return {
        settlementDate: date.toString(),
        periodStart: settlementDateBefore(date, calendar).plusDays(1).toString(),
        policyIds: calendar.policyIds,
      };
    }),
  );
}

/** What settles on `date` (null when no calendar has it), and the next date of any calendar on or after it. */
export function settlementOn(
  calendars: readonly SubsidyCalendarUse[],
  date: LocalDate,
): { on: SettlementOn | null; next: LocalDate } {
  const entries: SettlementOn[] = [];
  let next: LocalDate | null = null;
  for (const calendar of orDefault(calendars)) {
    const candidate = settlementDateOnOrAfter(date, calendar);
    if (!next || candidate.isBefore(next)) next = candidate;
    if (!candidate.equals(date)) continue;
    entries.push({
      settlementDate: date.toString(),
      periodStart: settlementDateBefore(date, calendar).plusDays(1).toString(),
      policyIds: calendar.policyIds,
    });
  }
  return { on: merge(entries)[0] ?? null, next: next! };
}
