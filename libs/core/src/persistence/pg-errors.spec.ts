import { isDatabaseUnavailable, isUniqueViolation } from './pg-errors';

const wrapped = (driverError: object) => Object.assign(new Error('query failed'), { driverError });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['no free pool connection in time', new Error('timeout exceeded when trying to connect')],
    ['statement timeout', wrapped({ code: '57014', message: 'canceling statement due to statement timeout' })],
    ['idle in transaction', Object.assign(new Error('terminating connection'), { code: '25P03' })],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['server shutting down', wrapped({ code: '57P01' })],
    ['too many connections', wrapped({ code: '53300' })],
    ['connection failure', wrapped({ code: '08006' })],
    ['server not listening', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ])('%s is unavailability (503)', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', wrapped({ code: '23505' })],
    ['a syntax error', wrapped({ code: '42601' })],
    ['a plain error mentioning a connection string', new Error('connect ECONNREFUSED postgres://app@db')],
    ['nothing', undefined],
    ['a string', 'timeout'],
  ])('%s is not', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('leaves unique violations to the use cases', () => {
    expect(
      isUniqueViolation(wrapped({ code: '23505', constraint: 'ix_loans_contract_number' }), 'ix_loans_contract_number'),
    ).toBe(true);
  });
});
