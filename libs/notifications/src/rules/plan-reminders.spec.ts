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
});
