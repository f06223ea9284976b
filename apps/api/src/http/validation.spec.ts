import { CommonErrorCode } from '@mla/core';
import { RequestValidationError, renderProblem } from './validation';

describe('validation problems', () => {
  const error = new RequestValidationError([
    { field: 'name', rule: 'isNotEmpty', english: 'name should not be empty' },
    {
      field: 'name',
      rule: 'maxLength',
      english: 'name must be shorter than or equal to 64 characters',
      limits: { max: '64' },
    },
    { field: 'termMonths', rule: 'min', english: 'termMonths must not be less than 1', limits: { min: '1' } },
    {
      field: 'status',
      rule: 'isIn',
      english: 'status must be one of the following values: A, B',
      limits: { values: 'A, B' },
    },
    { field: 'weird', rule: 'isFancy', english: 'weird must be fancy' },
  ]);

  it('speaks zh-CN by default, naming the field and the limit', () => {
    expect(error.detailsIn('zh-CN')).toEqual([
      { field: 'name', problems: ['「name」不能为空', '「name」不能超过64个字符'], rules: ['isNotEmpty', 'maxLength'] },
      { field: 'termMonths', problems: ['「贷款期限（月）」不能小于1'], rules: ['min'] },
      { field: 'status', problems: ['「status」须为以下值之一：A, B'], rules: ['isIn'] },
      { field: 'weird', problems: ['「weird」不符合要求'], rules: ['isFancy'] },
    ]);
    expect(error.messageIn('zh-CN')).toBe(
      '「name」不能为空；「name」不能超过64个字符；「贷款期限（月）」不能小于1；「status」须为以下值之一：A, B；「weird」不符合要求',
    );
  });

  it('keeps class-validator’s own sentence in English', () => {
    expect(error.detailsIn('en')[0]).toEqual({
      field: 'name',
      problems: ['name should not be empty', 'name must be shorter than or equal to 64 characters'],
      rules: ['isNotEmpty', 'maxLength'],
    });
    expect(error.code).toBe(CommonErrorCode.VALIDATION_FAILED);
    expect(error.message).toContain('name should not be empty');
  });

  it('says a limit it could not read back without it', () => {
    expect(renderProblem({ field: 'amountYuan', rule: 'max', english: 'custom text' }, 'zh-CN')).toBe(
      '「金额（元）」大于允许的最大值',
    );
    expect(renderProblem({ field: 'amountYuan', rule: 'matches', english: 'amountYuan must be yuan' }, 'zh-CN')).toBe(
      '「金额（元）」的格式不正确',
    );
  });
});
