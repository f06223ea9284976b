import { maskPersonName } from '@mla/core';

describe('maskPersonName', () => {
  it.each([
    ['王秀英', '王**'],
    ['张红', '张*'],
    ['欧阳娜娜', '欧***'],
    ['王', '王*'],
    ['  李梅 ', '李*'],
    ['', ''],
  ])('masks %p as %p', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });
});
