import { chainPairs, regionChain, shortRegionCode } from './region-chain';

describe('region chain of a snapshot row', () => {
  it('counts a village in its township, county, city and province', () => {
    expect(regionChain('150221101001')).toEqual(['150000', '150200', '150221', '150221101', '150221101001']);
    expect(regionChain('150221')).toEqual(['150000', '150200', '150221']);
  });

  it('keys padded codes by their short form, and keeps an unknown code as it is', () => {
    expect(shortRegionCode('150221101000')).toBe('150221101');
    expect(regionChain('x')).toEqual(['x']);
    expect(chainPairs(['150221', '150221'])).toEqual([
      ['150221', '150221', '150221'],
      ['150000', '150200', '150221'],
    ]);
  });
});
