import { redactUrl, serializeError } from '@mla/core';

describe('redactUrl', () => {
  it('keeps the path and the names of query parameters, never their values', () => {
    expect(redactUrl('/applicants?idNumber=15022219870707108X&limit=20')).toBe('/applicants?idNumber=*&limit=*');
    expect(redactUrl('/applicants?mobile=13800138000&&x')).toBe('/applicants?mobile=*&x=*');
    expect(redactUrl('/loans/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/repayments')).toBe(
      '/loans/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/repayments',
    );
  });

  it('hides path segments that look like an ID number, a mobile or an account, and odd query names', () => {
    expect(redactUrl('/applicants/15022219870707108X')).toBe('/applicants/[redacted]');
    expect(redactUrl('/x/%E0%A4%A')).toBe('/x/[redacted]');
    expect(redactUrl('/applicants?13800138000=1')).toBe('/applicants?[redacted]=*');
    expect(redactUrl('/regions/150221')).toBe('/regions/150221');
  });
});

describe('serializeError', () => {
  it('keeps what names a database problem and drops the row, the parameters and quoted values', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "15022219870707108X"'), {
      code: '22P02',
      severity: 'ERROR',
      detail: 'Failing row contains (15022219870707108X, $argon2id$v=19$…)',
      routine: 'string_to_uuid',
    });
    const error = Object.assign(new Error(driverError.message), {
      query: 'SELECT $1::uuid',
      parameters: ['15022219870707108X'],
      driverError,
      code: '22P02',
    });
    const text = JSON.stringify(serializeError(error));
    expect(text).not.toContain('15022219870707108X');
    expect(text).not.toContain('argon2');
    expect(serializeError(error)).toMatchObject({
      message: 'invalid input syntax for type uuid: [redacted]',
      code: '22P02',
      routine: 'string_to_uuid',
    });
  });

  it('redacts the key values of a unique violation', () => {
    const error = Object.assign(new Error('duplicate key (id_number_hash)=(abc123) violates'), {
      code: '23505',
      severity: 'ERROR',
    });
    expect((serializeError(error) as { message: string }).message).toBe(
      'duplicate key (id_number_hash)=([redacted]) violates',
    );
  });
});
