import { importConcurrency } from './reconciliation.processor';

describe('importConcurrency', () => {
  it('keeps what the pool serves, three connections an import and one spare', () => {
    const warnings: string[] = [];
    expect(importConcurrency(4, 13, (m) => warnings.push(m))).toBe(4);
    expect(warnings).toEqual([]);
  });

  it('lowers it to what the pool serves, and says so', () => {
    const warnings: string[] = [];
    expect(importConcurrency(4, 10, (m) => warnings.push(m))).toBe(3);
    expect(importConcurrency(32, 2, (m) => warnings.push(m))).toBe(1);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('DATABASE_POOL_SIZE=10 serves 3');
  });
});
