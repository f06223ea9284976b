import { LocalDate } from '@mla/core';
import { needsBackdateApproval, oldestDatePostedAtOnce } from './backdating';

describe('back-dated repayments', () => {
  const today = LocalDate.parse('2026-06-15');

  it('posts at once up to N days back, inclusive', () => {
    expect(oldestDatePostedAtOnce(today, 30).toString()).toBe('2026-05-16');
    expect(needsBackdateApproval(LocalDate.parse('2026-05-16'), today, 30)).toBe(false);
    expect(needsBackdateApproval(today, today, 30)).toBe(false);
  });

  it('needs approval from N + 1 days back', () => {
    expect(needsBackdateApproval(LocalDate.parse('2026-05-15'), today, 30)).toBe(true);
    expect(needsBackdateApproval(LocalDate.parse('2025-01-01'), today, 30)).toBe(true);
  });

  it('with 0 days, anything before today needs approval', () => {
    expect(needsBackdateApproval(LocalDate.parse('2026-06-14'), today, 0)).toBe(true);
    expect(needsBackdateApproval(today, today, 0)).toBe(false);
  });
});
