import { warningFigure } from './staff-notices.service';

describe('warningFigure', () => {
  it('shows a rate in per cent, an amount in yuan and a count whole', () => {
    expect(warningFigure('0.062000', 'RATE')).toBe('6.2%');
    expect(warningFigure('0.950000', 'RATE')).toBe('95%');
    expect(warningFigure('0.123456', 'RATE')).toBe('12.35%');
    expect(warningFigure('2000000000.000000', 'FEN')).toBe('20,000,000.00元');
    expect(warningFigure('12.000000', 'COUNT')).toBe('12');
  });
});
