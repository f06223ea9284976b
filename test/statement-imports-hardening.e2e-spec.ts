import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { StatementImportRunner, StatementRerunService, StatementUploadService, importJobId } from '@mla/reconciliation';
import { startApi, type ApiHarness } from './support/api-harness';

const TODAY = '2026-12-01';
const HEADER = '交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,流水号,附言';

/** A rural credit cooperative's export (GBK, two title lines), rows given as CSV text. */
function rcc(rows: string[]): Buffer {
  return iconv.encode(['某农信社 账户交易明细', '账号: 150221012000000009', HEADER, ...rows].join('\r\n'), 'gb18030');
}

describe('statement imports: files at rest, bad files, re-runs (e2e)', () => {
  let h: ApiHarness;
  let ds: DataSource;
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });
  let accountId: string;

  const upload = (file: Buffer, fileName: string) =>
    h.http
      .post(`/bank-accounts/${accountId}/statements?fileName=${encodeURIComponent(fileName)}`)
      .set(as('bank'))
      .set('Content-Type', 'application/octet-stream')
      .send(file);
  const runImport = async (importId: string) => (await h.app.get(StatementImportRunner).run(importId))!;
  const status = async (importId: string) =>
    (await h.http.get(`/statement-imports/${importId}`).set(as('bank')).expect(200)).body as Record<string, unknown>;

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`));
    ds = h.app.get(DataSource);
    for (const user of ['bank', 'bank2', 'auditor', 'admin']) token[user] = await h.login(user);
    const created = await h.http
      .post('/bank-accounts')
      .set(as('bank'))
      .send({ accountNumber: '150221012000000009', name: '结算户', format: 'CSV', mappingPreset: 'RCC' })
      .expect(201);
    accountId = created.body.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('stores the raw file encrypted, and deletes it after the retention period (plaintext ones at once)', async () => {
    const file = rcc(['20261110,090000,转账,,88.00,,王某,6228480000000077771,R001,货款']);
    const res = await upload(file, 'enc.csv').expect(202);
    const chunks = (await ds.query(
      `SELECT encrypted, encode(data, 'escape') AS text FROM statement_file_chunks WHERE import_id = $1`,
      [res.body.id],
    )) as { encrypted: boolean; text: string }[];
    expect(chunks.length).toBeGreaterThan(0);
    for (const c of chunks) {
      expect(c.encrypted).toBe(true);
      expect(c.text).not.toContain('6228480000000077771');
    }
    expect(await runImport(res.body.id)).toMatchObject({ status: 'IMPORTED', linesStored: 1 });

    const uploads = h.app.get(StatementUploadService);
    expect(await uploads.purgeFiles()).toBe(0); // kept for 30 days
    await ds.query(`UPDATE statement_imports SET finished_at = now() - interval '31 days' WHERE id = $1`, [
      res.body.id,
    ]);
    expect(await uploads.purgeFiles()).toBe(1);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM statement_file_chunks WHERE import_id = $1`, [
      res.body.id,
    ])) as { n: number }[];
    expect(n).toBe(0);
    expect((await status(res.body.id)).filePurgedAt).toEqual(expect.any(String));

    // A file stored in clear before chunks were encrypted goes as soon as its import is finished.
    const legacy = await upload(rcc(['20261111,090000,转账,,89.00,,王某,6228480000000077772,R002,货款']), 'old.csv');
    await runImport(legacy.body.id);
    await ds.query(`UPDATE statement_file_chunks SET encrypted = false WHERE import_id = $1`, [legacy.body.id]);
    expect(await uploads.purgeFiles()).toBe(1);
  });

  it('refuses a file with a NUL byte once, naming the line and the column, never in the database words', async () => {
    const res = await upload(rcc(['20261112,090000,转账,,90.00,,王\u0000某,6228480000000077773,R003,货款']), 'nul.csv');
    const outcome = await runImport(res.body.id);
    expect(outcome.status).toBe('FAILED');
    const body = await status(res.body.id);
    expect(body).toMatchObject({ status: 'FAILED', errorLine: 4, errorField: '对方户名' });
    expect(body.errorMessage).toBe('银行流水文件第4行「对方户名」含有空字节或无效字符');
    expect(body.errorMessage).not.toMatch(/invalid byte sequence|UTF8/);
  });

  it('refuses an amount no bigint holds, naming the line and the column', async () => {
    const res = await upload(
      rcc(['20261113,090000,转账,,"99,999,999,999,999,999,999.00",,王某,6228480000000077774,R004,货款']),
      'huge.csv',
    );
    expect((await runImport(res.body.id)).status).toBe('FAILED');
    const body = await status(res.body.id);
    expect(body).toMatchObject({ status: 'FAILED', errorLine: 4, errorField: '贷方发生额' });
    expect(body.errorMessage).toBe('银行流水文件第4行「贷方发生额」的金额超出允许范围');
    expect(body.errorMessage).not.toContain('out of range for type bigint');
  });

  it('re-runs a stopped import for its bank and admins (audited), and the housekeeping job resumes one whose job is gone', async () => {
    const res = await upload(
      rcc([
        '20261114,090000,转账,,91.00,,王某,6228480000000077775,R005,货款',
        '20261114,100000,转账,,92.00,,王某,6228480000000077776,R006,货款',
      ]),
      'stopped.csv',
    );
    const id = res.body.id as string;
    // Finished: nothing to re-run.
    await runImport(id);
    const finished = await h.http.post(`/statement-imports/${id}/rerun`).set(as('bank')).expect(409);
    expect(finished.body.code).toBe('IMPORT_NOT_STOPPED');
    // Matching stopped midway (a worker lost), quiet for long.
    await ds.query(
      `UPDATE statement_lines SET outcome = 'PENDING', match_tier = NULL, match_rule = NULL WHERE import_id = $1`,
      [id],
    );
    await ds.query(
      `UPDATE statement_imports SET finished_at = NULL, progress_at = now() - interval '1 hour' WHERE id = $1`,
      [id],
    );
    await h.http.post(`/statement-imports/${id}/rerun`).set(as('auditor')).expect(403);
    await h.http.post(`/statement-imports/${id}/rerun`).set(as('bank2')).expect(404);
    const rerun = await h.http.post(`/statement-imports/${id}/rerun`).set(as('bank')).expect(202);
    expect(rerun.body).toMatchObject({ id, runs: 2, status: 'IMPORTED', finishedAt: null });
    const jobs = (await ds.query(`SELECT job_id AS "jobId" FROM outbox_messages WHERE payload->>'importId' = $1`, [
      id,
    ])) as { jobId: string }[];
    expect(jobs.map((j) => j.jobId).sort()).toEqual([importJobId(id, 1), importJobId(id, 2)].sort());
    const [audit] = (await ds.query(
      `SELECT actor_username AS "actor" FROM audit_log WHERE action = 'statement.import_rerun' AND entity_id = $1`,
      [id],
    )) as { actor: string }[];
    expect(audit).toEqual({ actor: 'bank' });
    // Running (progress in the last two minutes): refused.
    const running = await h.http.post(`/statement-imports/${id}/rerun`).set(as('admin')).expect(409);
    expect(running.body.code).toBe('IMPORT_RUNNING');

    // Its job is gone: the housekeeping job queues run 3; with the job alive, nothing.
    await ds.query(`UPDATE statement_imports SET progress_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const reruns = h.app.get(StatementRerunService);
    expect(await reruns.resumeStopped(15, async () => true)).toBe(0);
    expect(await reruns.resumeStopped(15, async (jobId) => jobId !== importJobId(id, 2))).toBe(1);
    // The run continues the matching: the lines are decided again and the import is finished.
    const outcome = await runImport(id);
    expect(outcome.status).toBe('IMPORTED');
    const after = await status(id);
    expect(after).toMatchObject({ runs: 3, finishedAt: expect.any(String), errorMessage: null });
    const [{ pending }] = (await ds.query(
      `SELECT count(*) FILTER (WHERE outcome = 'PENDING')::int AS pending FROM statement_lines WHERE import_id = $1`,
      [id],
    )) as { pending: number }[];
    expect(pending).toBe(0);
  });
});
