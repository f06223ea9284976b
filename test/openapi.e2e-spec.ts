import { CONVENTION_KEYS } from '@mla/loans';
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

  it('documents every schedule convention on the loan and preview DTOs, with its meaning and allowed values', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    type Schema = {
      $ref?: string;
      allOf?: Schema[];
      properties?: Record<string, Schema>;
      required?: string[];
      description?: string;
      enum?: unknown[];
      type?: string;
      minimum?: number;
      maximum?: number;
      items?: Schema;
    };
    const schemas = res.body.components.schemas as Record<string, Schema>;
    const resolve = (s: Schema): Schema => {
      const ref = s.$ref ?? s.allOf?.[0]?.$ref;
      return ref ? schemas[ref.replace('#/components/schemas/', '')] : s;
    };
    for (const dto of ['SchedulePreviewRequest', 'SignContractRequest', 'SchedulePreviewResponse', 'LoanResponse']) {
      const conventions = resolve(schemas[dto].properties?.conventions ?? {});
      expect(Object.keys(conventions.properties ?? {}).sort()).toEqual([...CONVENTION_KEYS].sort());
      for (const key of CONVENTION_KEYS) {
        const property = conventions.properties?.[key] ?? {};
        expect({ dto, key, described: (property.description ?? '').length > 20 }).toEqual({
          dto,
          key,
          described: true,
        });
        // Each one says what it accepts: an enum, a range, or a boolean.
        const allowed = property.enum ?? property.items?.maximum ?? property.maximum ?? property.type === 'boolean';
        expect({ dto, key, allowed: Boolean(allowed) }).toEqual({ dto, key, allowed: true });
      }
    }
    const multiple = resolve(schemas.SignContractRequest.properties?.conventions ?? {}).properties
      ?.installmentMultipleFen as Schema & { default?: number };
    expect(multiple).toMatchObject({ type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 });
    for (const dto of ['SchedulePreviewRequest', 'SignContractRequest']) {
      expect(schemas[dto].properties?.firstDueDate?.description).toContain('Monthly methods only');
    }
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

  it('documents the follow-up, call list and queue operations: summary, description and every status', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { summary?: string; description?: string; responses: Record<string, unknown> }>
    >;
    const expected: [string, string, string[]][] = [
      ['/loans/{id}/contacts', 'post', ['201', '400', '401', '403', '404', '422']],
      ['/loans/{id}/contacts', 'get', ['200', '400', '401', '403', '404']],
      ['/collections/call-list', 'get', ['200', '400', '401', '403']],
      ['/admin/jobs/failed', 'get', ['200', '400', '401', '403', '503']],
      ['/admin/jobs/{queue}/{id}/retry', 'post', ['200', '400', '401', '403', '404', '409', '503']],
      ['/admin/queue-dashboard/session', 'post', ['200', '401', '403']],
      ['/admin/queue-dashboard/session', 'delete', ['204', '401']],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = paths[path]?.[method];
      expect({
        path,
        method,
        summary: Boolean(operation?.summary),
        description: Boolean(operation?.description),
      }).toEqual({ path, method, summary: true, description: true });
      expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(statuses);
    }
    const schemas = res.body.components.schemas as Record<string, { properties: Record<string, { enum?: string[] }> }>;
    expect(schemas.RecordContactRequest.properties.kind.enum).toEqual(['PHONE_CALL', 'VISIT', 'SMS', 'OTHER']);
  });
});
