import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditEntry } from '@mla/auth';
import { APP_ROLE } from '@mla/database';
import { startApi, type ApiHarness } from './support/api-harness';

describe('auth, scopes and the audit log (e2e)', () => {
  let h: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    h = await startApi();
    admin = await h.login('admin');
  });

  afterAll(async () => {
    await h?.close();
  });

  const auditRowsFor = (requestId: string) =>
    h.app.get(DataSource).manager.find(AuditEntry, { where: { requestId }, order: { id: 'ASC' } });

  describe('health and documentation', () => {
    it('answers /health with both dependencies up', async () => {
      const res = await h.http.get('/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
    });

    it('serves the OpenAPI document', async () => {
      const res = await h.http.get('/docs-json').expect(200);
      expect(res.body.paths).toHaveProperty('/auth/login');
      expect(res.body.paths).toHaveProperty('/audit-log');
    });
  });

  describe('login', () => {
    it('issues a token for good credentials, and the token identifies the user', async () => {
      const res = await h.http
        .post('/auth/login')
        .send({ username: 'OFFICER', password: 'Demo-2026-pass' })
        .expect(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { username: 'officer', roles: ['LOAN_OFFICER'] } });
      expect(res.body.user).not.toHaveProperty('passwordHash');
      const me = await h.http.get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({
        username: 'officer',
        regionCode: '150221',
        organisationKind: 'WOMENS_FEDERATION',
      });
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const wrongPassword = await h.http
        .post('/auth/login')
        .send({ username: 'finance', password: 'not-the-password-1' })
        .expect(401);
      const unknownUser = await h.http
        .post('/auth/login')
        .send({ username: 'nobody-here', password: 'Demo-2026-pass' })
        .expect(401);
      for (const res of [wrongPassword, unknownUser]) {
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
        expect(res.body.message).toBe('用户名或密码错误');
      }
      expect(wrongPassword.body.message).toBe(unknownUser.body.message);
    });

    it('audits failed logins without the password', async () => {
      const res = await h.http
        .post('/auth/login')
        .send({ username: 'employment', password: 'wrong-password-9' })
        .expect(401);
      const rows = await auditRowsFor(res.headers['x-request-id']);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'auth.login.failed', entityType: 'user' });
      expect(JSON.stringify(rows[0])).not.toContain('wrong-password-9');
    });

    it('rate-limits repeated failures, even when the right password finally comes', async () => {
      for (let i = 0; i < 5; i += 1) {
        await h.http
          .post('/auth/login')
          .send({ username: 'guarantee', password: `guess-number-${i}` })
          .expect(401);
      }
      const blocked = await h.http
        .post('/auth/login')
        .send({ username: 'guarantee', password: 'Demo-2026-pass' })
        .expect(429);
      expect(blocked.body.code).toBe('LOGIN_RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('checks at most the limit of passwords when 30 wrong ones arrive at once', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          h.http.post('/auth/login').send({ username: 'bank2', password: `parallel-guess-${i}` }),
        ),
      );
      const statuses = attempts.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(25);
      for (const res of attempts.filter((r) => r.status === 429)) {
        expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      // Only the attempts that were let through had their password checked (and audited).
      const checked = await h.app
        .get(DataSource)
        .manager.count(AuditEntry, { where: { action: 'auth.login.failed', entityId: h.demo.users.bank2.id } });
      expect(checked).toBe(5);
      await h.http.post('/auth/login').send({ username: 'bank2', password: 'Demo-2026-pass' }).expect(429);
    });

    it('refuses requests without a token or with a forged one', async () => {
      await h.http.get('/organisations').expect(401);
      const forged = await h.http
        .get('/organisations')
        .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.bad')
        .expect(401);
      expect(forged.body.code).toBe('TOKEN_INVALID');
    });
  });

  describe('scopes', () => {
    it("does not let a bank officer read another bank's record", async () => {
      const bank = await h.login('bank');
      const own = h.demo.organisations.rcc.id;
      const other = h.demo.organisations.psbc.id;
      await h.http.get(`/organisations/${own}`).set('Authorization', bank).expect(200);
      const res = await h.http.get(`/organisations/${other}`).set('Authorization', bank).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const otherBanksUser = h.demo.users.bank2.id;
      await h.http.get(`/users/${otherBanksUser}`).set('Authorization', bank).expect(404);
      const list = await h.http.get('/organisations').set('Authorization', bank).expect(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([own]);
    });

    it('limits a loan officer to the region of her federation', async () => {
      const officer2 = await h.login('officer2');
      const list = await h.http.get('/organisations').set('Authorization', officer2).expect(200);
      expect(list.body.items.map((o: { regionCode: string }) => o.regionCode)).toEqual(['150222']);
      await h.http
        .get(`/organisations/${h.demo.organisations.federation.id}`)
        .set('Authorization', officer2)
        .expect(404);
    });

    it('lets a finance reviewer see every organisation of their county and none elsewhere', async () => {
      const finance = await h.login('finance');
      const list = await h.http.get('/organisations?limit=200').set('Authorization', finance).expect(200);
      const regions = new Set(list.body.items.map((o: { regionCode: string }) => o.regionCode));
      expect([...regions]).toEqual(['150221']);
      expect(list.body.items).toHaveLength(6);
    });

    it('refuses a write to a role without the permission (403) and says which permission', async () => {
      const officer = await h.login('officer');
      const res = await h.http
        .post('/regions')
        .set('Authorization', officer)
        .send({ code: '150223', name: '达尔罕茂明安联合旗' })
        .expect(403);
      expect(res.body).toMatchObject({ code: 'PERMISSION_DENIED', details: { permission: 'region:manage' } });
    });
  });

  describe('validation and errors', () => {
    it('rejects an unknown body field with a 400 that names it', async () => {
      const res = await h.http
        .post('/regions')
        .set('Authorization', admin)
        .send({ code: '150223', name: '达茂旗', population: 100000 })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toContain('population');
      expect(res.body.details).toEqual([
        { field: 'population', problems: ['不能提交字段「population」'], rules: ['whitelistValidation'] },
      ]);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('names each bad field', async () => {
      const res = await h.http
        .post('/organisations')
        .set('Authorization', admin)
        .send({ name: '', kind: 'BANK', regionCode: '15' })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'name', 'regionCode']);
    });

    it('answers an unexpected failure with a 500 that carries the request id and nothing internal', async () => {
      const res = await h.http.get('/test-only/boom').set('X-Request-Id', 'req-boom-0001').expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL',
        message: '系统内部错误，请联系系统管理员并提供请求编号',
        requestId: 'req-boom-0001',
      });
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|s3cret|Pool|stack/);
    });

    it('maps a rule violation to 422 and a duplicate to 409', async () => {
      const noRegion = await h.http
        .post('/organisations')
        .set('Authorization', admin)
        .send({ name: '某银行', kind: 'BANK_BRANCH', regionCode: '990101' })
        .expect(422);
      expect(noRegion.body.code).toBe('REGION_NOT_FOUND');
      const duplicate = await h.http
        .post('/organisations')
        .set('Authorization', admin)
        .send({ name: '土默特右旗财政局', kind: 'FINANCE_BUREAU', regionCode: '150221' })
        .expect(409);
      expect(duplicate.body.code).toBe('ORGANISATION_NAME_TAKEN');
    });
  });

  describe('audit log', () => {
    it('leaves an audit row for every write, with actor, before and after', async () => {
      const writes: {
        res: { headers: Record<string, string>; body: { id?: string; code?: string } };
        action: string;
      }[] = [];
      const region = await h.http
        .post('/regions')
        .set('Authorization', admin)
        .send({ code: '150223', name: '达茂旗' })
        .expect(201);
      writes.push({ res: region, action: 'region.created' });
      const org = await h.http
        .post('/organisations')
        .set('Authorization', admin)
        .send({ name: '达茂旗妇女联合会', kind: 'WOMENS_FEDERATION', regionCode: '150223' })
        .expect(201);
      writes.push({ res: org, action: 'organisation.created' });
      const renamed = await h.http
        .patch(`/organisations/${org.body.id}`)
        .set('Authorization', admin)
        .send({ name: '达尔罕茂明安联合旗妇女联合会' })
        .expect(200);
      writes.push({ res: renamed, action: 'organisation.updated' });
      const user = await h.http
        .post('/users')
        .set('Authorization', admin)
        .send({
          username: 'damao.officer',
          displayName: '高娟',
          password: 'first-pass-123',
          organisationId: org.body.id,
          roles: ['LOAN_OFFICER'],
        })
        .expect(201);
      writes.push({ res: user, action: 'user.created' });
      const updated = await h.http
        .patch(`/users/${user.body.id}`)
        .set('Authorization', admin)
        .send({ roles: ['LOAN_OFFICER', 'FEDERATION_ADMIN'] })
        .expect(200);
      writes.push({ res: updated, action: 'user.updated' });
      const reset = await h.http
        .post(`/users/${user.body.id}/password-reset`)
        .set('Authorization', admin)
        .send({ newPassword: 'second-pass-456' })
        .expect(204);
      writes.push({ res: reset, action: 'user.password_reset' });
      const own = await h.login('damao.officer', 'second-pass-456');
      const changed = await h.http
        .post('/auth/password')
        .set('Authorization', own)
        .send({ currentPassword: 'second-pass-456', newPassword: 'third-pass-789' })
        .expect(204);
      writes.push({ res: changed, action: 'user.password_changed' });

      for (const { res, action } of writes) {
        const rows = await auditRowsFor(res.headers['x-request-id']);
        expect(rows.map((r) => r.action)).toEqual([action]);
        expect(rows[0].actorUsername).toBe(action === 'user.password_changed' ? 'damao.officer' : 'admin');
        expect(JSON.stringify(rows[0])).not.toMatch(/pass-\d{3}|argon2/);
      }
      const [orgUpdate] = await auditRowsFor(renamed.headers['x-request-id']);
      expect(orgUpdate.before).toMatchObject({ name: '达茂旗妇女联合会' });
      expect(orgUpdate.after).toMatchObject({ name: '达尔罕茂明安联合旗妇女联合会' });

      // The old token stops working once the password changed.
      await h.http.get('/auth/me').set('Authorization', own).expect(401);
    });

    it('lets auditors read the log with filters and pagination, and nobody else', async () => {
      const auditor = await h.login('auditor');
      const page1 = await h.http.get('/audit-log?entityType=user&limit=2').set('Authorization', auditor).expect(200);
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await h.http
        .get(`/audit-log?entityType=user&limit=2&cursor=${page1.body.nextCursor}`)
        .set('Authorization', auditor)
        .expect(200);
      const ids = [...page1.body.items, ...page2.body.items].map((e: { id: string }) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(ids.length);
      await h.http
        .get('/audit-log')
        .set('Authorization', await h.login('officer'))
        .expect(403);
    });

    it("cannot be rewritten through the application's database role", async () => {
      const ds = h.app.get(DataSource);
      const [{ rolname, rolsuper }] = (await ds.query(
        `SELECT rolname, rolsuper FROM pg_roles WHERE rolname = current_user`,
      )) as { rolname: string; rolsuper: boolean }[];
      expect(rolname).toBe(APP_ROLE);
      expect(rolsuper).toBe(false);
      const before = (await ds.query(`SELECT count(*)::int AS n FROM audit_log`)) as { n: number }[];
      expect(before[0].n).toBeGreaterThan(0);
      await expect(ds.query(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      await expect(ds.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`)).rejects.toThrow(
        /must be owner/,
      );
      await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
      await expect(ds.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/permission denied/);
      await expect(ds.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
      await expect(ds.query(`DROP TABLE audit_log`)).rejects.toThrow(/must be owner/);
      // Appending is what the application does.
      await ds.query(`INSERT INTO audit_log (action, entity_type) VALUES ('test.appended', 'test')`);
      const after = (await ds.query(`SELECT count(*)::int AS n FROM audit_log`)) as { n: number }[];
      expect(after[0].n).toBe(before[0].n + 1);
    });

    it('cannot be rewritten by the owner either while its triggers stand', async () => {
      const owner = new Client({ connectionString: h.env.databaseUrl });
      await owner.connect();
      try {
        await expect(owner.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
        await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
        await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      } finally {
        await owner.end();
      }
    });
  });

  describe('account state', () => {
    it('refuses a disabled user, and the user cannot disable themselves', async () => {
      const res = await h.http
        .patch(`/users/${h.demo.users.admin.id}`)
        .set('Authorization', admin)
        .send({ status: 'DISABLED' })
        .expect(403);
      expect(res.body.code).toBe('CANNOT_CHANGE_OWN_ACCESS');
      const token = await h.login('fedadmin');
      await h.http
        .patch(`/users/${h.demo.users.fedadmin.id}`)
        .set('Authorization', admin)
        .send({ status: 'DISABLED' })
        .expect(200);
      await h.http.get('/auth/me').set('Authorization', token).expect(401);
      await h.http.post('/auth/login').send({ username: 'fedadmin', password: 'Demo-2026-pass' }).expect(401);
    });

    it('refuses a role that does not fit the organisation', async () => {
      const res = await h.http
        .post('/users')
        .set('Authorization', admin)
        .send({
          username: 'x.bank',
          displayName: 'X',
          password: 'some-pass-123',
          organisationId: h.demo.organisations.rcc.id,
          roles: ['FINANCE_REVIEWER'],
        })
        .expect(422);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED_FOR_ORGANISATION');
    });
  });
});
