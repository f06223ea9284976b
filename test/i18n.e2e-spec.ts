import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '../apps/api/src/http/error-codes';
import { startApi, type ApiHarness } from './support/api-harness';

const HAN = /[\u4e00-\u9fff]/;

describe('messages in zh-CN by default, English on request (e2e)', () => {
  let h: ApiHarness;
  let admin: string;
  let bank: string;

  beforeAll(async () => {
    h = await startApi();
    admin = await h.login('admin');
    bank = await h.login('bank');
  });

  afterAll(async () => {
    await h.close();
  });

  describe('errors', () => {
    it('answers an unknown route in Chinese, and in English when asked', async () => {
      const zh = await h.http.get('/no-such-route').expect(404);
      expect(zh.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '未找到请求的记录或页面' });
      expect(zh.headers['content-language']).toBe('zh-CN');
      const en = await h.http.get('/no-such-route').set('Accept-Language', 'en-US,en;q=0.9').expect(404);
      expect(en.body).toMatchObject({ code: 'NOT_FOUND', message: 'The requested record or page was not found' });
      expect(en.headers['content-language']).toBe('en');
      expect(en.headers.vary).toMatch(/Accept-Language/i);
    });

    it('weighs the languages by their q-values', async () => {
      const pick = async (header: string) =>
        (await h.http.get('/no-such-route').set('Accept-Language', header).expect(404)).headers['content-language'];
      expect(await pick('en;q=0.9,zh;q=0.8')).toBe('en');
      expect(await pick('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
      expect(await pick('fr-FR,fr;q=0.9')).toBe('zh-CN');
      expect(await pick('en;q=0')).toBe('zh-CN');
    });

    it('names each field of a refused request in Chinese, with the rule it breaks', async () => {
      const send = (language?: string) => {
        const req = h.http.post('/regions').set('Authorization', admin);
        if (language) void req.set('Accept-Language', language);
        return req.send({ code: 150299, name: '', population: 3 }).expect(400);
      };
      const zh = await send();
      expect(zh.body.code).toBe('VALIDATION_FAILED');
      expect(zh.body.message).toMatch(HAN);
      const byField = (body: { details: { field: string; problems: string[]; rules: string[] }[] }, field: string) =>
        body.details.find((d) => d.field === field);
      expect(byField(zh.body, 'population')).toEqual({
        field: 'population',
        problems: ['不能提交字段「population」'],
        rules: ['whitelistValidation'],
      });
      expect(byField(zh.body, 'name')?.problems).toContain('「name」不能为空');
      for (const d of zh.body.details as { problems: string[] }[]) {
        for (const problem of d.problems) expect(problem).toMatch(HAN);
      }
      const en = await send('en');
      expect(byField(en.body, 'population')).toEqual({
        field: 'population',
        problems: ['property population should not exist'],
        rules: ['whitelistValidation'],
      });
      // The same fields and rules in both languages: clients key on them.
      expect(en.body.details.map((d: { rules: string[] }) => d.rules)).toEqual(
        zh.body.details.map((d: { rules: string[] }) => d.rules),
      );
    });

    it('says a domain refusal in Chinese, with the same code and details in both languages', async () => {
      const zh = await h.http.post('/regions').set('Authorization', bank).send({ code: '150299', name: '测试区' });
      expect(zh.status).toBe(403);
      expect(zh.body).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: '您的角色无权执行此操作（需要“管理行政区划”权限）',
        details: { permission: 'region:manage' },
      });
      const en = await h.http
        .post('/regions')
        .set('Authorization', bank)
        .set('Accept-Language', 'en')
        .send({ code: '150299', name: '测试区' })
        .expect(403);
      expect(en.body).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: 'Your role does not allow this (it needs "Manage regions")',
        details: zh.body.details,
      });
    });

    it('answers a wrong password, a missing record, a broken body, a large body and a defect in Chinese', async () => {
      const login = await h.http
        .post('/auth/login')
        .send({ username: 'nobody', password: 'Wrong-pass-123' })
        .expect(401);
      expect(login.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });

      const missing = await h.http.get(`/organisations/${randomUUID()}`).set('Authorization', admin).expect(404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: '未找到请求的记录或页面' });

      const broken = await h.http
        .post('/regions')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send('{"code":')
        .expect(400);
      expect(broken.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '请求内容不是有效的 JSON',
        details: [{ field: 'body', problems: ['请求内容不是有效的 JSON'], rules: ['jsonSyntax'] }],
      });

      const large = await h.http
        .post('/regions')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ code: '150299', name: 'x'.repeat(1_100_000) }))
        .expect(413);
      expect(large.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' });

      const boom = await h.http.get('/test-only/boom').expect(500);
      expect(boom.body).toMatchObject({ code: 'INTERNAL', message: '系统内部错误，请联系系统管理员并提供请求编号' });
      const boomEn = await h.http.get('/test-only/boom').set('Accept-Language', 'en').expect(500);
      expect(boomEn.body.message).toBe('Internal server error; quote the request id when reporting it');
    });
  });

  describe('reference data', () => {
    it('needs a signed-in user, and says so in Chinese', async () => {
      const res = await h.http.get('/reference/enums').expect(401);
      expect(res.body).toMatchObject({ code: 'TOKEN_INVALID', message: '登录已失效或尚未登录，请重新登录' });
    });

    it('serves the labels of every fixed list in the negotiated language', async () => {
      const zh = await h.http.get('/reference/enums').set('Authorization', bank).expect(200);
      const names = (zh.body as { name: string }[]).map((l) => l.name);
      for (const name of ['LoanStatus', 'InstallmentStatus', 'RepaymentMethod', 'RepaymentChannel', 'RepaymentKind']) {
        expect(names).toContain(name);
      }
      for (const name of ['ApplicationStatus', 'ReviewStep', 'GuaranteeStatus', 'ClaimStatus']) {
        expect(names).toContain(name);
      }
      for (const name of ['StatementImportStatus', 'OrganisationKind', 'Role', 'Permission']) {
        expect(names).toContain(name);
      }
      for (const list of zh.body as { values: { value: string; label: string }[] }[]) {
        for (const v of list.values) expect(v.label).toMatch(HAN);
      }
      const loanStatus = (zh.body as { name: string; values: unknown[] }[]).find((l) => l.name === 'LoanStatus');
      expect(loanStatus?.values).toContainEqual({ value: 'OVERDUE', label: '逾期' });

      const one = await h.http
        .get('/reference/enums/LoanStatus')
        .set('Authorization', bank)
        .set('Accept-Language', 'en')
        .expect(200);
      expect(one.headers['content-language']).toBe('en');
      expect(one.body.name).toBe('LoanStatus');
      expect(one.body.values).toContainEqual({ value: 'OVERDUE', label: 'Overdue' });
      expect(one.body.values.map((v: { value: string }) => v.value)).toEqual(
        loanStatus?.values.map((v) => (v as { value: string }).value),
      );
    });

    it('answers an unknown list with 404', async () => {
      const res = await h.http.get('/reference/enums/NoSuchList').set('Authorization', bank).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', details: { field: 'name' } });
      expect(res.body.message).toMatch(HAN);
    });

    it('serves the template of every error code', async () => {
      const zh = await h.http.get('/reference/error-codes').set('Authorization', bank).expect(200);
      const codes = (zh.body as { code: string }[]).map((e) => e.code);
      expect(codes).toEqual(ERROR_CODES);
      expect(zh.body).toContainEqual({
        code: 'CONTRACT_NUMBER_TAKEN',
        template: '合同编号{contractNumber}已被使用',
        fallbacks: ['合同编号已被使用'],
      });
      const en = await h.http
        .get('/reference/error-codes')
        .set('Authorization', bank)
        .set('Accept-Language', 'en')
        .expect(200);
      expect(en.body).toContainEqual({
        code: 'CONTRACT_NUMBER_TAKEN',
        template: 'Contract number {contractNumber} is already used',
        fallbacks: ['The contract number is already used'],
      });
    });

    it('is documented', async () => {
      const res = await h.http.get('/docs-json').expect(200);
      const paths = res.body.paths as Record<string, { get?: { summary?: string; responses: object } }>;
      for (const path of ['/reference/enums', '/reference/enums/{name}', '/reference/error-codes']) {
        expect(paths[path]?.get?.summary).toEqual(expect.any(String));
        expect(Object.keys(paths[path]?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401']));
      }
      expect(Object.keys(paths['/reference/enums/{name}'].get?.responses ?? {})).toContain('404');
    });
  });
});
