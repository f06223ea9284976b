import { withinLeverageFraction } from './leverage-coverage.port';

describe('the part of a fund’s liability within its leverage', () => {
  it('is whole while leverage × deposit covers the liability', () => {
    // 5 × 500,000.00 = 2,500,000.00 ≥ 2,500,000.00
    expect(withinLeverageFraction(50_000_000n, 250_000_000n, '5.00')).toBe('1');
    expect(withinLeverageFraction(50_000_000n, 100_000_000n, '5.00')).toBe('1');
  });

  it('is capacity ÷ liability beyond it, rounded down to 10 decimals', () => {
    // 2,500,000.00 of 3,000,000.00 guaranteed: 5/6
    expect(withinLeverageFraction(50_000_000n, 300_000_000n, '5.00')).toBe('0.8333333333');
    // 2,500,000.00 of 4,000,000.00: exactly 0.625
    expect(withinLeverageFraction(50_000_000n, 400_000_000n, '5.00')).toBe('0.625');
  });

  it('is nothing when the deposit is gone, and whole when nothing is guaranteed', () => {
    expect(withinLeverageFraction(0n, 100_000n, '5.00')).toBe('0');
    expect(withinLeverageFraction(-10n, 100_000n, '5.00')).toBe('0');
    expect(withinLeverageFraction(50_000_000n, 0n, '5.00')).toBe('1');
  });
});
