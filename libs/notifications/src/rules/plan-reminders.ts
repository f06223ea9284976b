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
  /** Days before (negative) or after (positive) the due date. */
  offsetDays: number;
}

/** The due dates any rule looks at today: today + each day before, today − each day after. */
export function dueDatesToLookAt(today: LocalDate, rules: PlanRule[]): string[] {
  const dates = new Set<string>();
  for (const rule of rules) {
    for (const d of rule.daysBefore) dates.add(today.plusDays(d).toString());
    for (const d of rule.daysAfter) dates.add(today.plusDays(-d).toString());
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

/** Which of the due installments get a reminder today, under which rule, and how far from the due date. */
export function planReminders<R extends PlanRule, D extends PlanDue>(
  today: LocalDate,
  rules: R[],
  dues: D[],
): PlannedReminder<R, D>[] {
  const planned: PlannedReminder<R, D>[] = [];
  for (const due of dues) {
    const rule = ruleFor(due.regionCode, rules);
    if (!rule) continue;
    const days = today.daysUntil(LocalDate.parse(due.dueDate));
    if (days >= 0 && rule.daysBefore.includes(days)) {
      planned.push({ rule, due, kind: MessageKind.DUE_SOON, offsetDays: -days });
    } else if (days < 0 && rule.daysAfter.includes(-days)) {
      planned.push({ rule, due, kind: MessageKind.OVERDUE, offsetDays: -days });
    }
  }
  return planned;
}
