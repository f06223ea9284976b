import { LocalDate } from '@mla/core';
import { MessageKind } from '../notification-enums';
import { dueDatesToLookAt, planReminders, ruleFor } from './plan-reminders';

const county = { id: 'county', regionCode: '150121', daysBefore: [7, 3, 1], daysAfter: [1, 7, 30] };
const village = { id: 'village', regionCode: '150121101001', daysBefore: [1], daysAfter: [] };
const today = LocalDate.parse('2026-03-13');

describe('planning reminders', () => {
  it('looks at the due dates each rule names, before and after today', () => {
    expect(dueDatesToLookAt(today, [county])).toEqual([
      '2026-02-11',
      '2026-03-06',
      '2026-03-12',
      '2026-03-14',
      '2026-03-16',
      '2026-03-20',
    ]);
  });

  it('follows the deepest region whose rule contains the loan', () => {
    expect(ruleFor('150121101001', [county, village])?.id).toBe('village');
    expect(ruleFor('150121102003', [county, village])?.id).toBe('county');
    expect(ruleFor('150122000000', [county, village])).toBeNull();
  });

  it('plans a due-soon reminder 7 days before and an overdue one 1 day after, and nothing on other days', () => {
    const dues = [
      { regionCode: '150121102', dueDate: '2026-03-20' },
      { regionCode: '150121102', dueDate: '2026-03-12' },
      { regionCode: '150121102', dueDate: '2026-03-15' },
      { regionCode: '150121101001', dueDate: '2026-03-20' },
    ];
    expect(planReminders(today, [county, village], dues).map((p) => [p.rule.id, p.kind, p.offsetDays])).toEqual([
      ['county', MessageKind.DUE_SOON, -7],
      ['county', MessageKind.OVERDUE, 1],
    ]);
  });

  it('catches up the latest offset reached on missed mornings, never an old one, never a due-soon after the due date', () => {
    expect(dueDatesToLookAt(today, [village], 2)).toEqual(['2026-03-12', '2026-03-13', '2026-03-14']);
    const plan = (dueDate: string, catchUp: number) =>
      planReminders(today, [county], [{ regionCode: '150121102', dueDate }], catchUp).map((p) => [
        p.kind,
        p.offsetDays,
        p.daysFromDue,
      ]);
    // Due 03-15: the 3-days-before day was 03-12 (missed), today is 2 days before: caught up within 3 days.
    expect(plan('2026-03-15', 3)).toEqual([[MessageKind.DUE_SOON, -3, -2]]);
    expect(plan('2026-03-15', 0)).toEqual([]);
    // Due 03-14: both 3 and 1 days before were reached in the window; only the latest (1 before) is planned.
    expect(plan('2026-03-14', 3)).toEqual([[MessageKind.DUE_SOON, -1, -1]]);
    // Due 03-11: 1 day before (03-10) is within 3 days but the due date has passed; 1 day after (03-12) is planned.
    expect(plan('2026-03-11', 3)).toEqual([[MessageKind.OVERDUE, 1, 2]]);
    // Due 03-12 with no after-offset reached in the window and only before-offsets: nothing late.
    expect(
      planReminders(today, [village], [{ regionCode: '150121101001', dueDate: '2026-03-12' }], 3).map((p) => p.kind),
    ).toEqual([]);
  });
});
