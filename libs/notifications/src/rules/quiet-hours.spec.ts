import { nextDayOpening, quietUntil } from './quiet-hours';

const night = { start: '21:00', end: '08:00' };

describe('quiet hours (Asia/Shanghai)', () => {
  it('holds a message sent at 21:00 or later until 08:00 the next morning', () => {
    // 2026-03-02 21:00 in Shanghai is 13:00Z.
    expect(quietUntil(new Date('2026-03-02T13:00:00Z'), night)?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(quietUntil(new Date('2026-03-02T15:59:00Z'), night)?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('holds a message in the small hours until 08:00 the same day', () => {
    // 2026-03-03 03:30 Shanghai.
    expect(quietUntil(new Date('2026-03-02T19:30:00Z'), night)?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('lets a message go from 08:00 to 20:59', () => {
    expect(quietUntil(new Date('2026-03-03T00:00:00Z'), night)).toBeNull();
    expect(quietUntil(new Date('2026-03-03T12:59:00Z'), night)).toBeNull();
  });

  it('handles a window within one day and no window at all', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietUntil(new Date('2026-03-03T04:30:00Z'), lunch)?.toISOString()).toBe('2026-03-03T06:00:00.000Z');
    expect(quietUntil(new Date('2026-03-03T06:00:00Z'), lunch)).toBeNull();
    expect(quietUntil(new Date('2026-03-03T04:30:00Z'), null)).toBeNull();
    expect(quietUntil(new Date('2026-03-03T04:30:00Z'), { start: '09:00', end: '09:00' })).toBeNull();
  });

  it('opens the next business day at the end of the night window, or at midnight without one', () => {
    expect(nextDayOpening(new Date('2026-03-03T02:00:00Z'), night).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(nextDayOpening(new Date('2026-03-03T02:00:00Z'), null).toISOString()).toBe('2026-03-03T16:00:00.000Z');
  });
});
