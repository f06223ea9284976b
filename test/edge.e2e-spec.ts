import { createHmac, randomUUID } from 'node:crypto';
import { startApi, type ApiHarness } from './support/api-harness';
import { freePort } from './support/free-port';
import { residentId } from './support/workflow';

/** A token signed with the api's own secret, with whatever claims a test wants (an attacker who has the key). */
function signToken(secret: string, claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('the edge of the api: hostile input, tokens, headers, logs (e2e)', () => {
  let h: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    h = await startApi(undefined, { captureLogs: true });
    admin = await h.login('admin');
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('text that is not text', () => {
    it('refuses NUL in a login field before anything looks it up', async () => {
      const res = await h.http.post('/auth/login').send({ username: 'ad\u0000min', password: 'x' }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'username' }] });
    });

    it('refuses a lone surrogate anywhere in a JSON body, naming the field', async () => {
      const res = await h.http
        .post('/regions')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send('{"code":"150299","name":"x\\ud800"}')
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name' }] });
      const nested = await h.http
        .post('/applicants')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send('{"otherLoans":[{"kind":"\\udc00"}]}')
        .expect(400);
      expect(nested.body.details).toEqual([expect.objectContaining({ field: 'otherLoans[0].kind' })]);
    });

    it('refuses NUL in a query value and in a route parameter', async () => {
      const query = await h.http.get('/applicants?idNumber=a%00b').set('Authorization', admin).expect(400);
      expect(query.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'idNumber' }] });
      const param = await h.http.get('/regions/15%0021').set('Authorization', admin).expect(400);
      expect(param.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'code' }] });
    });
  });

  describe('bodies', () => {
    it('refuses JSON nested 5,000 levels with a 400, on the login too', async () => {
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const path of ['/auth/login', '/regions']) {
        const res = await h.http
          .post(path)
          .set('Authorization', admin)
          .set('Content-Type', 'application/json')
          .send(`{"username":${deep}}`)
          .expect(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          message: '请求内容的嵌套层级不能超过32层',
          details: [{ field: 'body', rules: ['jsonDepth'] }],
        });
      }
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const res = await h.http
        .post('/regions')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ code: '150299', name: 'x'.repeat(1_100_000) }))
        .expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses null for a field that may be left out but not cleared', async () => {
      const res = await h.http
        .patch(`/users/${h.demo.users.bank2.id}`)
        .set('Authorization', admin)
        .send({ roles: null })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'roles' }] });
    });

    it('refuses a loan policy without its subsidy rule', async () => {
      const res = await h.http.post('/loan-policies').set('Authorization', admin).send({}).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('subsidyRule');
    });

    it('refuses dates that do not exist, naming the field', async () => {
      for (const date of ['2024-02-30', '0000-00-00']) {
        const res = await h.http.get(`/loan-policies?effectiveOn=${date}`).set('Authorization', admin).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'effectiveOn' }] });
      }
      await h.http.get('/loan-policies?effectiveOn=2024-02-29').set('Authorization', admin).expect(200);
    });
  });

  describe('tokens', () => {
    const secret = () => h.env.config.env.JWT_SECRET;
    const now = () => Math.floor(Date.now() / 1000);

    it('refuses a validly signed token without an expiry', async () => {
      const token = signToken(secret(), { sub: h.demo.users.admin.id, ver: h.demo.users.admin.tokenVersion });
      const res = await h.http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).toBe('TOKEN_INVALID');
      const withExpiry = signToken(secret(), {
        sub: h.demo.users.admin.id,
        ver: h.demo.users.admin.tokenVersion,
        exp: now() + 60,
      });
      await h.http.get('/auth/me').set('Authorization', `Bearer ${withExpiry}`).expect(200);
    });

    it('refuses a validly signed token whose subject is not a user id', async () => {
      for (const sub of ['admin', "1' OR '1'='1", 42, null]) {
        const token = signToken(secret(), { sub, ver: 0, exp: now() + 60 });
        const res = await h.http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
        expect(res.body.code).toBe('TOKEN_INVALID');
      }
    });
  });

  describe('login throttling', () => {
    const attempt = (username: string, password: string) => h.http.post('/auth/login').send({ username, password });

    it('forgets the failures of a username once it logs in, as before', async () => {
      for (let i = 0; i < 4; i += 1) expect((await attempt('finance', `wrong-${i}`)).status).toBe(401);
      expect((await attempt('finance', 'Demo-2026-pass')).status).toBe(200);
      for (let i = 0; i < 5; i += 1) expect((await attempt('finance', `wrong-again-${i}`)).status).toBe(401);
      expect((await attempt('finance', 'Demo-2026-pass')).status).toBe(429);
    });

    it('does not count successful logins against the address', async () => {
      for (let i = 0; i < 25; i += 1) expect((await attempt('auditor', 'Demo-2026-pass')).status).toBe(200);
    });
  });

  describe('not found', () => {
    it('answers a missing record and one outside the scope alike', async () => {
      const bank = await h.login('bank');
      const unknown = randomUUID();
      const other = h.demo.organisations.psbc.id;
      const missing = await h.http.get(`/organisations/${unknown}`).set('Authorization', bank).expect(404);
      const hidden = await h.http.get(`/organisations/${other}`).set('Authorization', bank).expect(404);
      for (const res of [missing, hidden]) {
        expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect(missing.body.message.replace(unknown, '<id>')).toBe(hidden.body.message.replace(other, '<id>'));
      // The reason stays in the access log for the operators.
      const line = h.logs.find((l) => l.includes(hidden.body.requestId) && l.includes('errorCode'));
      expect(JSON.parse(line as string)).toMatchObject({ errorCode: 'NOT_FOUND_IN_SCOPE' });
    });
  });

  describe('headers', () => {
    it('sends security headers with every answer', async () => {
      const res = await h.http.get('/auth/me').set('Authorization', admin).expect(200);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers).not.toHaveProperty('x-powered-by');
    });

    it('lets the OpenAPI page run its inline scripts, and only that page', async () => {
      const page = await h.http.get('/docs').redirects(1).expect(200);
      expect(page.text).toContain('swagger');
      expect(page.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    });
  });

  describe('logs', () => {
    it('never carry the personal data of requests, of their URLs or of database errors', async () => {
      const officer = await h.login('officer');
      const idNumber = residentId('19870707', '108');
      const spouseIdNumber = residentId('19850505', '111');
      const mobile = '13912345678';
      const bankAccount = '6228480402564891234';
      const name = '李秀兰';
      const created = await h.http.post('/applicants').set('Authorization', officer).send({
        name,
        idNumber,
        mobile,
        bankAccount,
        spouseIdNumber,
        regionCode: '150221100201',
        householdType: 'RURAL',
        category: 'RURAL_SELF_EMPLOYED',
        businessKind: 'LIVESTOCK',
        employmentStatus: 'FARMER',
      });
      expect(created.status).toBe(201);
      await h.http.get(`/applicants?idNumber=${idNumber}`).set('Authorization', officer).expect(200);
      await h.http.get(`/applicants?mobile=${mobile}&limit=5`).set('Authorization', officer).expect(200);
      await h.http.get(`/applicants/${idNumber}`).set('Authorization', officer);
      await h.http.get(`/applicants?bankAccount=${bankAccount}`).set('Authorization', officer).expect(400);
      await h.http.post('/auth/login').send({ username: mobile, password: idNumber }).expect(401);
      // A database error whose message, detail and parameters all hold the values.
      const failed = await h.http
        .post('/test-only/db-error')
        .send({ values: [idNumber, mobile, bankAccount, name, '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'] });
      expect(failed.status).toBe(500);
      const typed = await h.http.post('/test-only/db-error').send({ values: [idNumber], cast: 'uuid' });
      expect(typed.status).toBe(500);

      const errorLines = h.logs.filter((l) => l.includes('"level":50'));
      expect(errorLines.length).toBeGreaterThanOrEqual(2);
      expect(errorLines.join('\n')).toContain('23502');
      expect(h.logs.some((l) => l.includes('/applicants?idNumber=*'))).toBe(true);
      for (const secret of [idNumber, spouseIdNumber, mobile, bankAccount, name, '6228 4804', 'argon2']) {
        const leaks = h.logs.filter((l) => l.includes(secret));
        expect({ secret, leaks }).toEqual({ secret, leaks: [] });
      }
      // Every line is JSON.
      for (const line of h.logs) expect(() => JSON.parse(line) as unknown).not.toThrow();
    });
  });
});

describe('the api without Redis (e2e)', () => {
  let h: ApiHarness;
  const stderr: string[] = [];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      stderr.push(args.map(String).join(' '));
    });
    const closed = await freePort();
    h = await startApi(undefined, { captureLogs: true, env: { REDIS_URL: `redis://127.0.0.1:${closed}` } });
  });

  afterAll(async () => {
    await h?.close();
    spy.mockRestore();
  });

  it('answers a login with 503 within a second', async () => {
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      const res = await h.http.post('/auth/login').send({ username: 'admin', password: 'Demo-2026-pass' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('says so in its health check, within its bounds, the queue figures unknown', async () => {
    const started = Date.now();
    const res = await h.http.get('/health').expect(503);
    expect(res.body.checks.redis.status).toBe('down');
    expect(res.body.queues).toBeNull();
    // The probes are bounded to 2 s, the queue figures to HEALTH_QUEUE_TIMEOUT_MS (500 ms), in parallel.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('logs Redis errors as JSON at a bounded rate, never raw on stderr', async () => {
    await new Promise((r) => setTimeout(r, 2500));
    const redisLines = h.logs.filter((l) => l.includes('Redis client error'));
    expect(redisLines.length).toBeGreaterThanOrEqual(1);
    expect(redisLines.length).toBeLessThanOrEqual(2);
    expect(JSON.parse(redisLines[0])).toMatchObject({ level: 50, code: 'ECONNREFUSED' });
    expect(stderr.filter((l) => l.includes('ioredis'))).toEqual([]);
  });
});
