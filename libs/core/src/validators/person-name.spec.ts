import { maskPersonName } from './person-name';

describe('maskPersonName', () => {
  it.each([
    ['王小梅', '王*梅'],
    ['王梅', '王*'],
    ['欧阳小华', '欧**华'],
    ['梅', '梅*'],
    ['  李娜  ', '李*'],
    ['', ''],
    ['𠀀小梅', '𠀀*梅'],
  ])('%s → %s', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });
});
