import { pickMostSpecific } from './policy-resolution';

const p = (code: string, jurisdictionRegionCode: string) => ({ code, jurisdictionRegionCode });

describe('pickMostSpecific', () => {
  const province = p('CEGL-2024', '150000');
  const city = p('CEGL-BAOTOU', '150200');
  const county = p('CEGL-TUYOU', '150221');
  const elsewhere = p('CEGL-BJ', '110000');

  it('prefers the county over its city over its province', () => {
    expect(pickMostSpecific([province, city, county, elsewhere], '150221')).toEqual({ kind: 'found', policy: county });
    expect(pickMostSpecific([province, city, elsewhere], '150221')).toEqual({ kind: 'found', policy: city });
    expect(pickMostSpecific([province, elsewhere], '150221')).toEqual({ kind: 'found', policy: province });
  });

  it('applies a county policy to its townships and villages', () => {
    expect(pickMostSpecific([province, county], '150221100')).toEqual({ kind: 'found', policy: county });
    expect(pickMostSpecific([province, county], '150221100201')).toEqual({ kind: 'found', policy: county });
  });

  it('ignores policies of other regions, including a sibling county', () => {
    expect(pickMostSpecific([elsewhere, p('X', '150222')], '150221')).toEqual({ kind: 'none' });
  });

  it('reports two codes at the same, most specific level as ambiguous', () => {
    const other = p('WOMEN-2009', '150000');
    expect(pickMostSpecific([province, other], '150221')).toEqual({ kind: 'ambiguous', policies: [province, other] });
  });
});
