import { DomainError, NotFoundError } from '@mla/core';

describe('DomainError', () => {
  it('keeps kind, code and details and names the subclass', () => {
    const e = new NotFoundError('USER_NOT_FOUND', 'No user 7', { id: 7 });
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toBeInstanceOf(Error);
    expect(e.kind).toBe('not_found');
    expect(e.code).toBe('USER_NOT_FOUND');
    expect(e.details).toEqual({ id: 7 });
    expect(e.name).toBe('NotFoundError');
  });
});
