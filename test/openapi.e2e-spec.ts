import { startApi, type ApiHarness } from './support/api-harness';

describe('OpenAPI document', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists every error code on the error shape', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    const schemas = res.body.components.schemas as Record<string, { enum?: string[]; properties?: object }>;
    const codes = schemas.ErrorCode?.enum ?? [];
    for (const code of ['NOT_FOUND', 'VALIDATION_FAILED', 'CAPACITY_EXCEEDED', 'PAYLOAD_TOO_LARGE', 'INVALID_MONEY']) {
      expect(codes).toContain(code);
    }
    expect([...codes].sort()).toEqual(codes);
    expect(JSON.stringify(schemas.ErrorResponse.properties)).toContain('"$ref":"#/components/schemas/ErrorCode"');
  });

  it('documents the back-dated posting operations: summary, description and every status', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { summary?: string; description?: string; responses: Record<string, unknown> }>
    >;
    const expected: [string, string, string[]][] = [
      ['/loans/{id}/repayments', 'post', ['200', '202', '400', '401', '403', '404', '409', '422']],
      ['/backdated-postings', 'get', ['200', '400', '401', '403']],
      ['/backdated-postings/{id}', 'get', ['200', '400', '401', '403', '404']],
      ['/backdated-postings/{id}/approval', 'post', ['200', '400', '401', '403', '404', '409', '422']],
      ['/backdated-postings/{id}/rejection', 'post', ['200', '400', '401', '403', '404', '409']],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = paths[path]?.[method];
      expect(operation?.summary).toBeTruthy();
      expect(operation?.description).toBeTruthy();
      expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(statuses);
    }
    expect(paths['/loans/{id}/repayments'].post.description).toContain('imported bank statement');
  });
});
