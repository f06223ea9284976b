import { startApi, type ApiHarness } from './support/api-harness';
import { approvedApplication, eligibleApplication } from './support/workflow';

/**
 * Hostile input against every operation of the OpenAPI document: NUL, lone surrogates, deep JSON, numbers JSON
 * cannot hold, dates that do not exist, nulls, wrong types, empty and very long strings, arrays for objects, in
 * every body property, query parameter and path parameter, as an administrator and as a bank officer. Nothing
 * may answer 500. Fixed seed and a bounded number of cases per operation, so a failure reproduces.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  bodySchema?: Schema;
}

interface Case {
  who: string;
  op: Operation;
  what: string;
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Raw JSON text (so numbers like 1e309 can be sent as they are), or undefined for no body. */
  body?: string;
}

/** A value that is sent as raw JSON text rather than serialised (1e309, deep nesting). */
class Raw {
  constructor(readonly text: string) {}
}

const DEEP = new Raw(`${'['.repeat(5000)}${']'.repeat(5000)}`);
const HOSTILE_VALUES: unknown[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  DEEP,
  new Raw('1e309'),
  new Raw('-1e309'),
  new Raw('99999999999999999999'),
  -1,
  0,
  1.5,
  '2024-02-30',
  '0000-00-00',
  '9999-12-31',
  '99999-01-01',
  '1e309',
  '99999999999999999999',
  'NaN',
  null,
  true,
  'string',
  12345,
  '',
  ' ',
  'x'.repeat(20_000),
  [],
  [1, 'a', null],
  {},
  { nested: { deeper: '\u0000' } },
  "' OR 1=1 --",
];

/** Query and path values are text: what hostile text looks like there (already URL-encoded). */
const HOSTILE_TEXT: string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%uD800',
  '%',
  '2024-02-30',
  '0000-00-00',
  '99999-01-01',
  '1e309',
  '99999999999999999999',
  '-1',
  '0',
  '1.5',
  'NaN',
  'null',
  'true',
  '',
  'x'.repeat(8_000),
  '%5B%5D',
  "'%20OR%201%3D1",
  '..%2F..%2Fetc',
];

/** FUZZ_SCALE=10 (and FUZZ_SEED) for a longer local run; CI runs the bounded default. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED_OFFSET = Number(process.env.FUZZ_SEED ?? 0);

/** Mulberry32: a tiny seeded generator, so the sampled cases are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `@@raw${raws.length - 1}@@`;
    }
    return v;
  });
  return text.replace(/"@@raw(\d+)@@"/g, (_m, i: string) => raws[Number(i)]);
}

function describeValue(value: unknown): string {
  if (value instanceof Raw)
    return value.text.length > 40 ? `raw ${value.text.slice(0, 20)}… (${value.text.length})` : `raw ${value.text}`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
}

describe('hostile input on every operation (e2e fuzz)', () => {
  let h: ApiHarness;
  let doc: {
    paths: Record<
      string,
      Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
    >;
    components: { schemas: Record<string, Schema> };
  };
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApi();
    // Real records, so that hostile values also reach the code behind the lookups.
    const loanApplicationId = await approvedApplication(h);
    ids.applicationId = await eligibleApplication(h);
    const bank = await h.login('bank');
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({
        applicationId: loanApplicationId,
        contractNumber: 'FUZZ-2026-0001',
        signingDate: '2026-01-05',
        annualRatePercent: '4.35',
      })
      .expect(201);
    ids.loanId = signed.body.id;
    await h.http
      .post(`/loans/${ids.loanId}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-01-10', amountYuan: '80000.00', reference: 'FUZZ-D-1' })
      .expect(200);
    const account = await h.http
      .post('/bank-accounts')
      .set('Authorization', bank)
      .send({ accountNumber: '150221012000000099', name: 'fuzz settlement', mappingPreset: 'RCC' });
    if (account.status === 201) ids.bankAccountId = account.body.id;
    tokens.admin = await h.login('admin');
    tokens.bank = bank;
    doc = (await h.http.get('/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    await h?.close();
  });

  const resolve = (schema: Schema | undefined): Schema => {
    let s = schema ?? {};
    for (let i = 0; i < 10 && s.$ref; i += 1) s = doc.components.schemas[s.$ref.split('/').pop() as string] ?? {};
    if (s.allOf?.length) return resolve(s.allOf[0]);
    return s;
  };

  const UUID_FIELDS: Record<string, () => string | undefined> = {
    applicationId: () => ids.applicationId,
    loanId: () => ids.loanId,
    organisationId: () => h.demo.organisations.federation.id,
    bankOrganisationId: () => h.demo.organisations.rcc.id,
    fundId: () => h.demo.fund.id,
  };

  /** A plausible value for a schema (its example, an enum value, or a typed default). */
  const sample = (name: string, schema: Schema | undefined, depth = 0): unknown => {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.enum?.length) return s.enum[0];
    if (s.oneOf?.length) return sample(name, s.oneOf[0], depth);
    switch (s.type) {
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 4 ? [] : [sample(name, s.items, depth + 1)];
      case 'string':
        if (s.format === 'uuid' || /Id$/.test(name))
          return UUID_FIELDS[name]?.() ?? '00000000-0000-4000-8000-000000000001';
        if (s.format === 'date' || /Date$|On$/.test(name)) return '2026-03-01';
        return 'text';
      default:
        if (s.properties && depth <= 4) {
          return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, sample(k, v, depth + 1)]));
        }
        return 'text';
    }
  };

  const operations = (): Operation[] =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => {
          const json = op.requestBody?.content['application/json'];
          return {
            method: method as Operation['method'],
            path,
            parameters: op.parameters ?? [],
            ...(json ? { bodySchema: json.schema } : {}),
          };
        }),
    );

  const pathValue = (op: Operation, p: Parameter): string => {
    const s = resolve(p.schema);
    if (s.enum?.length) return String(s.enum[0]);
    if (p.name === 'code') return '150221';
    if (p.name === 'repaymentId' || p.name === 'entryId') return '00000000-0000-4000-8000-000000000002';
    if (op.path.startsWith('/loans/')) return ids.loanId;
    if (op.path.startsWith('/applications/')) return ids.applicationId;
    if (op.path.startsWith('/guarantee-funds/')) return h.demo.fund.id;
    if (op.path.startsWith('/organisations/')) return h.demo.organisations.rcc.id;
    if (op.path.startsWith('/users/')) return h.demo.users.bank2.id;
    if (op.path.startsWith('/bank-accounts/') && ids.bankAccountId) return ids.bankAccountId;
    return '00000000-0000-4000-8000-000000000003';
  };

  const casesFor = (who: string, op: Operation, random: () => number, perOp: number, exhaustive: boolean): Case[] => {
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const basePath = Object.fromEntries(pathParams.map((p) => [p.name, pathValue(op, p)]));
    const baseQuery = Object.fromEntries(
      queryParams
        .filter((p) => (p as { required?: boolean }).required)
        .map((p) => [p.name, String(sample(p.name, p.schema))]),
    );
    const body = op.bodySchema ? (sample('body', op.bodySchema) as Record<string, unknown>) : undefined;
    const bodyProps = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
    const base = { who, op, path: basePath, query: baseQuery, body: body === undefined ? undefined : toJson(body) };
    const cases: Case[] = [{ ...base, what: 'plausible input' }];
    if (body !== undefined && exhaustive) {
      for (const raw of ['[]', '[{}]', 'null', '"text"', '{"\\u0000":1}', toJson(DEEP), `{"a":${toJson(DEEP)}}`]) {
        cases.push({ ...base, what: `body = ${raw.length > 40 ? `${raw.slice(0, 20)}…` : raw}`, body: raw });
      }
    }
    const targets: (() => Case)[] = [];
    for (const prop of bodyProps) {
      targets.push(() => {
        const value = pick(HOSTILE_VALUES);
        // Half the time inside an array item or a nested object, when the property holds one.
        const inner = body?.[prop];
        const item: unknown = Array.isArray(inner) ? inner[0] : inner;
        if (random() < 0.5 && item && typeof item === 'object' && Object.keys(item).length) {
          const key = pick(Object.keys(item));
          const changed = { ...item, [key]: value };
          return {
            ...base,
            what: `body.${prop}${Array.isArray(inner) ? '[0]' : ''}.${key} = ${describeValue(value)}`,
            body: toJson({ ...body, [prop]: Array.isArray(inner) ? [changed] : changed }),
          };
        }
        return { ...base, what: `body.${prop} = ${describeValue(value)}`, body: toJson({ ...body, [prop]: value }) };
      });
    }
    for (const p of queryParams) {
      targets.push(() => {
        const value = pick(HOSTILE_TEXT);
        const repeated = random() < 0.15;
        return {
          ...base,
          what: `query ${p.name} = ${repeated ? `[${value}, ${value}]` : value.slice(0, 40)}`,
          query: { ...base.query, [p.name]: repeated ? [value, value] : value },
        };
      });
    }
    for (const p of pathParams) {
      targets.push(() => {
        const value = pick(HOSTILE_TEXT.filter((t) => t !== ''));
        return { ...base, what: `path ${p.name} = ${value.slice(0, 40)}`, path: { ...base.path, [p.name]: value } };
      });
    }
    if (targets.length) {
      // Every target at least once, then random ones up to the bound.
      if (exhaustive) for (const target of targets) cases.push(target());
      while (cases.length < perOp) cases.push(pick(targets)());
    }
    return cases;
  };

  const send = async (c: Case) => {
    const path = c.op.path.replace(/\{(\w+)\}/g, (_m, name: string) => c.path[name] ?? 'x');
    const query = Object.entries(c.query)
      .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${x}`))
      .join('&');
    let req = h.http[c.op.method](query ? `${path}?${query}` : path).set('Authorization', tokens[c.who]);
    if (c.body !== undefined) req = req.set('Content-Type', 'application/json').send(c.body);
    const res = await req;
    return { status: res.status, path, query, body: res.body as unknown };
  };

  const run = async (who: string, seed: number, casesPerOp: number, exhaustive: boolean) => {
    const random = seeded(seed + SEED_OFFSET);
    const perOp = casesPerOp * SCALE;
    const skip = (op: Operation) => op.path.startsWith('/test-only') || op.path === '/health';
    const cases = operations()
      .filter((op) => !skip(op))
      .flatMap((op) => casesFor(who, op, random, perOp, exhaustive));
    const failures: string[] = [];
    // A few at a time: the api handles requests concurrently in production too.
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const res = await send(c);
          if (res.status >= 500) {
            const body =
              c.body === undefined ? '' : ` body=${c.body.length > 300 ? `${c.body.slice(0, 300)}…` : c.body}`;
            failures.push(
              `${res.status} ${c.op.method.toUpperCase()} ${c.op.path} as ${who}: ${c.what} (${res.path}${res.query ? `?${res.query.slice(0, 200)}` : ''}${body})`,
            );
          }
        }
      }),
    );
    return { count: cases.length, failures };
  };

  it(
    'never answers 500 to a bank officer',
    async () => {
      const { count, failures } = await run('bank', 20261202, 4, false);
      expect(count).toBeGreaterThan(300);
      expect(failures).toEqual([]);
    },
    60_000 * SCALE,
  );

  it(
    'never answers 500 to an administrator',
    async () => {
      const { count, failures } = await run('admin', 20261203, 9, true);
      expect(count).toBeGreaterThan(900);
      expect(failures).toEqual([]);
    },
    60_000 * SCALE,
  );
});
