import { LocalDate, isAncestorOrSelf, regionPrefix } from '@mla/core';
import { MessageKind } from '../notification-enums';

/** The part of a rule the plan reads. */
export interface PlanRule {
  id: string;
  regionCode: string;
  daysBefore: number[];
  daysAfter: number[];
}

/** The part of a due installment the plan reads. */
export interface PlanDue {
  regionCode: string;
  dueDate: string;
}

export interface PlannedReminder<R extends PlanRule, D extends PlanDue> {
  rule: R;
  due: D;
  kind: MessageKind.DUE_SOON | MessageKind.OVERDUE;
  /** The rule's offset this reminder stands for: days before (negative) or after (positive) the due date. */
  offsetDays: number;
  /** How far today is from the due date (what the message says; differs from the offset on a catch-up). */
  daysFromDue: number;
}

/** A rule's offsets, signed: before the due date negative, after it positive. */
function offsetsOf(rule: PlanRule): number[] {
  return [...rule.daysBefore.map((d) => -d), ...rule.daysAfter];
}

/**
 * The due dates any rule looks at today: for each offset, the due date it names today and on each of the
 * `catchUpDays` days before (so a reminder whose day fell on a morning that did not run is still found).
 */
export function dueDatesToLookAt(today: LocalDate, rules: PlanRule[], catchUpDays = 0): string[] {
  const dates = new Set<string>();
  for (const rule of rules) {
    for (const offset of offsetsOf(rule)) {
      for (let k = 0; k <= catchUpDays; k++) dates.add(today.plusDays(-k - offset).toString());
    }
  }
  return [...dates].sort();
}

/** The rule of the deepest region containing `regionCode` (a village's rule wins over its county's). */
export function ruleFor<R extends PlanRule>(regionCode: string, rules: R[]): R | null {
  let best: R | null = null;
  for (const rule of rules) {
    if (!isAncestorOrSelf(rule.regionCode, regionCode)) continue;
    if (!best || regionPrefix(rule.regionCode).length > regionPrefix(best.regionCode).length) best = rule;
  }
  return best;
}

/**
 * Which of the due installments get a reminder today, under which rule. A reminder is due when its offset is
 * reached: today, or within the last `catchUpDays` days (a missed morning). Only the latest reached offset of an
 * installment is planned (after three missed mornings the borrower gets today's reminder, not three old ones), and a
 * "due soon" offset is never caught up once the due date has passed. The message's key (installment, offset) makes
 * one already written for that offset count as sent: nothing is written twice and nothing old is sent late.
 */
export function planReminders<R extends PlanRule, D extends PlanDue>(
  today: LocalDate,
  rules: R[],
  dues: D[],
  catchUpDays = 0,
): PlannedReminder<R, D>[] {
  const planned: PlannedReminder<R, D>[] = [];
  for (const due of dues) {
    const rule = ruleFor(due.regionCode, rules);
    if (!rule) continue;
    // Days since the due date: negative before it.
    const since = LocalDate.parse(due.dueDate).daysUntil(today);
    const reached = offsetsOf(rule).filter((o) => o <= since && o >= since - catchUpDays && (o > 0 || since <= 0));
    if (reached.length === 0) continue;
    const offsetDays = Math.max(...reached);
    planned.push({
      rule,
      due,
      kind: offsetDays > 0 ? MessageKind.OVERDUE : MessageKind.DUE_SOON,
      offsetDays,
      daysFromDue: since,
    });
  }
  return planned;
}
