import { hasLocalisedDetails } from '@mla/core';
import { FieldProblems, FieldProblemsError } from './field-problems';

describe('FieldProblems', () => {
  it('fails with every bad field, in English by default and in Chinese on request', () => {
    const p = new FieldProblems();
    p.add('minAge', 'must be an integer from 16 to 100', '须为16至100之间的整数');
    p.add('minAge', 'must not be below 16', '不能小于16');
    p.add('code', 'must be a non-empty string', '不能为空');
    let thrown: unknown;
    try {
      p.throwIfAny('INVALID_POLICY', 'Loan policy');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FieldProblemsError);
    const error = thrown as FieldProblemsError;
    expect(error.details).toEqual([
      { field: 'minAge', problems: ['must be an integer from 16 to 100', 'must not be below 16'] },
      { field: 'code', problems: ['must be a non-empty string'] },
    ]);
    expect(hasLocalisedDetails(error)).toBe(true);
    expect(error.detailsIn('zh-CN')).toEqual([
      { field: 'minAge', problems: ['须为16至100之间的整数', '不能小于16'] },
      { field: 'code', problems: ['不能为空'] },
    ]);
    expect(error.message).toBe(
      'Loan policy is invalid: minAge must be an integer from 16 to 100, must not be below 16; code must be a non-empty string',
    );
  });

  it('does not fail without problems', () => {
    expect(() => new FieldProblems().throwIfAny('INVALID_POLICY', 'Loan policy')).not.toThrow();
  });
});
