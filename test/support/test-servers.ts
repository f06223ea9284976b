/**
 * Tests run against real PostgreSQL and Redis: TEST_DATABASE_URL / TEST_REDIS_URL when set, else the local
 * servers on their standard ports (trust auth, as on the development machines and in CI).
 */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}
