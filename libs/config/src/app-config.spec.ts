import { ConfigError, loadEnv } from '@mla/config';

const good = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(40),
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('loadEnv', () => {
  it('accepts a complete environment and applies defaults', () => {
    const env = loadEnv({ ...good, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.JWT_ACCESS_TTL_SECONDS).toBe(900);
    expect(env.DATABASE_MIGRATE_ON_BOOT).toBe(true);
    expect(env.LPR_EARLIEST_DATE).toBe('2019-08-20');
    expect(env.LPR_MAX_DAYS_AHEAD).toBe(31);
    expect(env.POLICY_MAX_YEARS_AHEAD).toBe(5);
    expect(env.BACKDATE_APPROVAL_DAYS).toBe(30);
  });

  it('refuses a date bound that does not exist', () => {
    expect(() => loadEnv({ ...good, LPR_EARLIEST_DATE: '2019-02-30' })).toThrow(/LPR_EARLIEST_DATE must be a date/);
  });

  it('names every missing or bad variable', () => {
    let error: unknown;
    try {
      loadEnv({ ...good, DATABASE_URL: undefined, REDIS_URL: 'http://x', PII_ENCRYPTION_KEY: 'short', PORT: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('DATABASE_URL is required but not set');
    expect(message).toMatch(/REDIS_URL must be a URL starting with redis:\/\//);
    expect(message).toMatch(/PII_ENCRYPTION_KEY must be 32 random bytes/);
    expect(message).toMatch(/PORT /);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('hashes passwords at the OWASP minimum by default and refuses less in production', () => {
    expect(loadEnv(good)).toMatchObject({ PASSWORD_HASH_MEMORY_KIB: 19_456, PASSWORD_HASH_ITERATIONS: 2 });
    expect(loadEnv({ ...good, PASSWORD_HASH_MEMORY_KIB: '1024' }).PASSWORD_HASH_MEMORY_KIB).toBe(1024);
    expect(() => loadEnv({ ...good, NODE_ENV: 'production', PASSWORD_HASH_ITERATIONS: '1' })).toThrow(
      /PASSWORD_HASH_MEMORY_KIB/,
    );
  });

  it('serves the OpenAPI page by default except in production', () => {
    expect(loadEnv(good).SWAGGER_ENABLED).toBe(true);
    expect(loadEnv({ ...good, NODE_ENV: 'production' }).SWAGGER_ENABLED).toBe(false);
    expect(loadEnv({ ...good, NODE_ENV: 'production', SWAGGER_ENABLED: 'true' }).SWAGGER_ENABLED).toBe(true);
  });

  it('treats an empty value as missing', () => {
    expect(() => loadEnv({ ...good, JWT_SECRET: '' })).toThrow('JWT_SECRET is required but not set');
  });

  it('rejects a short JWT secret', () => {
    expect(() => loadEnv({ ...good, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });
});
