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
});
