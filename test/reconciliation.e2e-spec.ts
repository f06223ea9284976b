import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { StatementImportRunner, StatementUploadService } from '@mla/reconciliation';
import { startApi, type ApiHarness } from './support/api-harness';
import { binaryBody } from './support/binary';
import { approvedApplication } from './support/workflow';

const TODAY = '2026-12-01';
const FIXTURES = resolve(__dirname, 'fixtures/bank-statements');

interface Line {
  outcome: string;
  matchTier: number | null;
  matchRule: string | null;
  matchedKind: string | null;
  matchedLoanId: string | null;
  amountYuan: string;
}

/** A rural credit cooperative's export: two title lines, GBK, YYYYMMDD dates, debit and credit columns. */
function rccStatement(rows: string[][]): Buffer {
  const text = [
    '土默特右旗农村信用合作联社 账户交易明细',
    '账号: 150221012000000001 币种: 人民币',
    '交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,流水号,附言',
    ...rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')),
  ].join('\r\n');
  return iconv.encode(text, 'gb18030');
}

describe('bank partners: disbursement and statement reconciliation (e2e)', () => {
  let h: ApiHarness;
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });
  let accountId: string;
  const loans: {
    id: string;
    contract: string;
    bankLoanNumber: string;
    reference: string;
    account: string;
    firstDueYuan: string;
  }[] = [];

  const upload = (file: Buffer, fileName: string, user = 'bank', account = accountId) =>
    h.http
      .post(`/bank-accounts/${account}/statements?fileName=${encodeURIComponent(fileName)}`)
      .set(as(user))
      .set('Content-Type', 'application/octet-stream')
      .send(file);
  const runImport = async (importId: string) => (await h.app.get(StatementImportRunner).run(importId))!;
  const report = async () =>
    (
      await h.http
        .get(`/bank-accounts/${accountId}/reconciliation?from=2026-11-01&to=2026-11-30`)
        .set(as('bank'))
        .expect(200)
    ).body as {
      openingBalanceYuan: string | null;
      closingBalanceYuan: string | null;
      byOutcome: Record<string, { count: number; creditsYuan: string; debitsYuan: string }>;
      openExceptions: (Line & { id: string })[];
      inSystemOnly: { disbursements: unknown[]; repayments: unknown[] };
    };

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`));
    for (const user of ['bank', 'bank2', 'officer', 'auditor']) token[user] = await h.login(user);
    const created = await h.http
      .post('/bank-accounts')
      .set(as('bank'))
      .send({ accountNumber: '150221012000000001', name: '贷款结算户', format: 'CSV', mappingPreset: 'RCC' })
      .expect(201);
    accountId = created.body.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('confirms disbursements from the queue, and refuses one not in the queue or of another amount', async () => {
    const specs = [
      { amount: '50000.00', date: '2026-11-02', account: '6228480000000000018' },
      { amount: '30000.00', date: '2026-11-03', account: '6228480000000000026' },
      { amount: '20000.00', date: '2026-11-04', account: '6228480000000000034' },
    ];
    for (const [i, spec] of specs.entries()) {
      const applicationId = await approvedApplication(h, spec.amount, 12, 'EQUAL_PRINCIPAL');
      const contract = `RCC-2026-${i + 1}`;
      await h.http
        .post('/loans')
        .set(as('bank'))
        .send({ applicationId, contractNumber: contract, signingDate: '2026-11-01', annualRatePercent: '4.35' })
        .expect(201);
      loans.push({
        id: '',
        contract,
        bankLoanNumber: `LN00${i + 1}`,
        reference: `FK2026110${i + 2}`,
        account: spec.account,
        firstDueYuan: '',
      });
    }
    const queue = await h.http.get('/disbursements/queue').set(as('bank')).expect(200);
    expect(queue.body.items.map((l: { contractNumber: string }) => l.contractNumber)).toEqual(
      expect.arrayContaining(loans.map((l) => l.contract)),
    );
    expect((await h.http.get('/disbursements/queue').set(as('bank2')).expect(200)).body.items).toEqual([]);

    const confirmations = specs.map((s, i) => ({
      contractNumber: loans[i].contract,
      amountYuan: s.amount,
      valueDate: s.date,
      borrowerAccount: s.account,
      bankLoanNumber: loans[i].bankLoanNumber,
      reference: loans[i].reference,
    }));
    // One wrong amount: nothing is confirmed, and the error names the confirmation.
    const wrong = await h.http
      .post('/disbursements')
      .set(as('bank'))
      .send({ confirmations: [confirmations[0], { ...confirmations[1], amountYuan: '30000.01' }] })
      .expect(422);
    expect(wrong.body).toMatchObject({ code: 'AMOUNT_DIFFERS', details: { index: 1, contractNumber: 'RCC-2026-2' } });
    expect((await h.http.get('/disbursements/queue').set(as('bank')).expect(200)).body.items).toHaveLength(3);
    const unknown = await h.http
      .post('/disbursements')
      .set(as('bank'))
      .send({ confirmations: [{ ...confirmations[0], contractNumber: 'NO-SUCH' }] })
      .expect(422);
    expect(unknown.body.code).toBe('NOT_IN_QUEUE');

    const done = await h.http.post('/disbursements').set(as('bank')).send({ confirmations }).expect(200);
    expect(done.body.map((l: { status: string }) => l.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    expect(done.body[1].borrowerAccount).toBe('6228 **** **** 0026');
    for (const [i, l] of done.body.entries()) {
      loans[i].id = l.id;
      const detail = await h.http.get(`/loans/${l.id}`).set(as('bank')).expect(200);
      loans[i].firstDueYuan = detail.body.schedule[0].totalYuan;
    }
    const again = await h.http
      .post('/disbursements')
      .set(as('bank'))
      .send({ confirmations: [confirmations[0]] })
      .expect(422);
    expect(again.body.code).toBe('NOT_IN_QUEUE');
    // The raw loan row keeps the borrower account encrypted.
    const [raw] = (await h.app
      .get(DataSource)
      .query(`SELECT row_to_json(l)::text AS j FROM loans l WHERE id = $1`, [loans[1].id])) as {
      j: string;
    }[];
    expect(raw.j).not.toContain('6228480000000000026');
  });

  let importId: string;
  let statement: Buffer;

  it('imports a GBK statement and matches it in tiers: disbursements, a repayment by reference, one by account and amount, an unknown credit and a duplicate', async () => {
    const [l1, l2, l3] = loans;
    const rows = [
      ['20261102', '093000', '贷款发放', '50,000.00', '', '950,000.00', '王秀英', l1.account, 'T001', l1.reference],
      ['20261103', '100000', '贷款发放', '30,000.00', '', '920,000.00', '张红', l2.account, 'T002', l2.reference],
      ['20261104', '101500', '贷款发放', '20,000.00', '', '900,000.00', '李梅', l3.account, 'T003', l3.reference],
      ['20261128', '150000', '还款', '', l2.firstDueYuan, '', '张红', l2.account, 'T004', '还款'],
      ['20261128', '150000', '还款', '', l2.firstDueYuan, '', '张红', l2.account, 'T004', '还款'],
      [
        '20261130',
        '110000',
        '转账',
        '',
        l1.firstDueYuan,
        '',
        '王秀英',
        '6228480000000009999',
        'T005',
        l1.bankLoanNumber,
      ],
      ['20261130', '160000', '转账', '', '1,234.56', '', '某公司', '6222000011112222333', 'T006', '货款'],
    ];
    statement = rccStatement(rows);
    const res = await upload(statement, 'rcc-2026-11.csv').expect(202);
    expect(res.body).toMatchObject({ status: 'QUEUED', format: 'CSV', sizeBytes: statement.length });
    importId = res.body.id;
    // The job is queued through the outbox, in the upload's transaction.
    const [queued] = (await h.app
      .get(DataSource)
      .query(`SELECT queue, job_name AS "jobName", job_id AS "jobId" FROM outbox_messages WHERE job_id = $1`, [
        `import-${importId}`,
      ])) as {
      queue: string;
      jobName: string;
    }[];
    expect(queued).toMatchObject({ queue: 'reconciliation', jobName: 'import-statement' });

    const outcome = await runImport(importId);
    expect(outcome).toMatchObject({ status: 'IMPORTED', linesRead: 7, linesStored: 7, linesAlreadyKnown: 0 });
    const status = await h.http.get(`/statement-imports/${importId}`).set(as('bank')).expect(200);
    expect(status.body).toMatchObject({
      status: 'IMPORTED',
      linesRead: 7,
      periodFrom: '2026-11-02',
      periodTo: '2026-11-30',
    });

    const r = await report();
    expect(r.byOutcome.MATCHED).toMatchObject({ count: 5, debitsYuan: '100000.00' });
    expect(r.byOutcome.BANK_ONLY).toMatchObject({ count: 1, creditsYuan: '1234.56' });
    expect(r.byOutcome.DUPLICATE.count).toBe(1);
    expect(r.byOutcome.AMOUNT_DIFFERS.count).toBe(0);
    expect(r.inSystemOnly).toEqual({ disbursements: [], repayments: [] });
    expect(r.openExceptions.map((l) => l.outcome).sort()).toEqual(['BANK_ONLY', 'DUPLICATE']);

    const lines = (await h.app.get(DataSource).query(
      `SELECT line_number AS "lineNumber", outcome, match_tier AS "matchTier", match_rule AS "matchRule",
                matched_kind AS "matchedKind", matched_loan_id AS "matchedLoanId"
           FROM statement_lines WHERE import_id = $1 ORDER BY line_number`,
      [importId],
    )) as (Line & { lineNumber: number })[];
    expect(
      lines.map((l) => [l.lineNumber, l.outcome, l.matchTier, l.matchRule, l.matchedKind, l.matchedLoanId]),
    ).toEqual([
      [4, 'MATCHED', 1, 'DISBURSEMENT_REFERENCE', 'DISBURSEMENT', l1.id],
      [5, 'MATCHED', 1, 'DISBURSEMENT_REFERENCE', 'DISBURSEMENT', l2.id],
      [6, 'MATCHED', 1, 'DISBURSEMENT_REFERENCE', 'DISBURSEMENT', l3.id],
      [7, 'MATCHED', 2, 'BORROWER_ACCOUNT_AMOUNT', 'REPAYMENT', l2.id],
      [8, 'DUPLICATE', null, null, null, null],
      [9, 'MATCHED', 1, 'LOAN_REFERENCE', 'REPAYMENT', l1.id],
      [10, 'BANK_ONLY', null, null, null, null],
    ]);
    // The two repayments are posted once each, through loan servicing.
    for (const loan of [l1, l2]) {
      const repayments = await h.http.get(`/loans/${loan.id}/repayments`).set(as('bank')).expect(200);
      expect(repayments.body.map((x: { amountYuan: string; channel: string }) => [x.amountYuan, x.channel])).toEqual([
        [loan.firstDueYuan, 'STATEMENT_IMPORT'],
      ]);
    }
    // The counterparty accounts are stored encrypted and masked.
    const [rawLine] = (await h.app
      .get(DataSource)
      .query(`SELECT row_to_json(l)::text AS j FROM statement_lines l WHERE import_id = $1 AND line_number = 7`, [
        importId,
      ])) as {
      j: string;
    }[];
    expect(rawLine.j).not.toContain(l2.account);
    expect(rawLine.j).toContain('6228 **** **** 0026');
  });

  it('exports the reconciliation report as XLSX', async () => {
    const res = await h.http
      .get(`/bank-accounts/${accountId}/reconciliation?from=2026-11-01&to=2026-11-30&format=xlsx`)
      .set(as('bank'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    const summary = wb.getWorksheet('Summary 汇总')!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    const matched = rows.find((r) => r[1] === 'MATCHED') as unknown[];
    expect(matched[2]).toBe(5);
    expect(wb.getWorksheet('Exceptions 待处理')!.rowCount).toBe(3); // header, BANK_ONLY, DUPLICATE
  });

  it('re-importing the same file changes nothing, and an overlapping statement stores only its new lines', async () => {
    const same = await upload(statement, 'rcc-2026-11-again.csv').expect(409);
    expect(same.body).toMatchObject({ code: 'ALREADY_IMPORTED', details: { importId } });
    // Running the job again is harmless.
    expect(await runImport(importId)).toMatchObject({ status: 'IMPORTED', linesStored: 7 });
    const overlap = rccStatement([
      ['20261130', '160000', '转账', '', '1,234.56', '', '某公司', '6222000011112222333', 'T006', '货款'],
      ['20261201', '090000', '转账', '', '88.00', '', '某人', '6222000011112222444', 'T007', '其他'],
    ]);
    const second = await upload(overlap, 'rcc-2026-11-30-to-12-01.csv').expect(202);
    expect(await runImport(second.body.id)).toMatchObject({
      status: 'IMPORTED',
      linesRead: 2,
      linesStored: 1,
      linesAlreadyKnown: 1,
    });
    const r = await report();
    expect(r.byOutcome.MATCHED.count).toBe(5);
    expect(r.byOutcome.BANK_ONLY.count).toBe(1);
    for (const loan of loans.slice(0, 2)) {
      const repayments = await h.http.get(`/loans/${loan.id}/repayments`).set(as('bank')).expect(200);
      expect(repayments.body).toHaveLength(1);
    }
  });

  it('a malformed file fails with the line and field, and keeps nothing', async () => {
    const bad = rccStatement([
      ['20261105', '090000', '转账', '', '10.00', '', '甲', '6222000011112222555', 'T100', 'x'],
      ['20261106', '090000', '转账', '', '12,3x', '', '乙', '6222000011112222666', 'T101', 'y'],
    ]);
    const res = await upload(bad, 'bad.csv').expect(202);
    const outcome = await runImport(res.body.id);
    expect(outcome.status).toBe('FAILED');
    const status = await h.http.get(`/statement-imports/${res.body.id}`).set(as('bank')).expect(200);
    expect(status.body).toMatchObject({ status: 'FAILED', errorLine: 5, errorField: '贷方发生额' });
    expect(status.body.errorMessage).toBe(
      '银行流水文件第5行「贷方发生额」的金额“12,3x”无法识别（须为数字，人民币最多两位小数）',
    );
    const [{ n }] = (await h.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM statement_lines WHERE import_id = $1`, [res.body.id])) as { n: number }[];
    expect(n).toBe(0);
    const empty = await upload(Buffer.alloc(0), 'empty.csv').expect(400);
    expect(empty.body.code).toBe('FILE_EMPTY');
    // A refused upload keeps no chunk of itself, only the row that says why.
    const imports = (await h.http.get(`/bank-accounts/${accountId}/statements`).set(as('bank')).expect(200)).body as {
      fileName: string;
      status: string;
      errorMessage: string;
      id: string;
    }[];
    const refused = imports.find((i) => i.fileName === 'empty.csv') as {
      id: string;
      status: string;
      errorMessage: string;
    };
    expect(refused).toMatchObject({ status: 'FAILED', errorMessage: '上传未被接受：上传的文件是空文件' });
    const [{ chunks }] = (await h.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS chunks FROM statement_file_chunks WHERE import_id = $1`, [refused.id])) as {
      chunks: number;
    }[];
    expect(chunks).toBe(0);
    // An upload that stopped arriving (a crash mid-transfer) is given up by the hourly housekeeping job.
    const ds = h.app.get(DataSource);
    const [stale] = (await ds.query(
      `INSERT INTO statement_imports (bank_account_id, bank_organisation_id, region_code, file_name, format, content_sha256,
                                      size_bytes, status, uploaded_by_user_id, uploaded_at)
       SELECT id, bank_organisation_id, region_code, 'cut-off.csv', 'CSV', repeat('0', 64), 0, 'UPLOADING',
              created_by_user_id, now() - interval '3 hours'
         FROM bank_statement_accounts WHERE id = $1 RETURNING id`,
      [accountId],
    )) as { id: string }[];
    await ds.query(`INSERT INTO statement_file_chunks (import_id, seq, data) VALUES ($1, 0, '\\x00')`, [stale.id]);
    expect(await h.app.get(StatementUploadService).discardStaleUploads(120)).toBe(1);
    const cutOff = await h.http.get(`/statement-imports/${stale.id}`).set(as('bank')).expect(200);
    expect(cutOff.body).toMatchObject({
      status: 'FAILED',
      errorMessage: '上传未被接受：文件未传完（上传中断），请重新上传',
    });
  });

  it('imports a camt.053 statement for an account that receives them', async () => {
    const camt = await h.http
      .post('/bank-accounts')
      .set(as('bank'))
      .send({ accountNumber: 'NL08INGB0000001234', name: 'ING camt', format: 'CAMT053', currency: 'EUR' })
      .expect(201);
    const file = readFileSync(resolve(FIXTURES, 'camt053/ing-example_camt.xml'));
    const res = await upload(file, 'ing.xml', 'bank', camt.body.id).expect(202);
    const outcome = await runImport(res.body.id);
    expect(outcome.status).toBe('IMPORTED');
    expect(outcome.linesStored).toBeGreaterThan(0);
    const status = await h.http.get(`/statement-imports/${res.body.id}`).set(as('bank')).expect(200);
    expect(status.body).toMatchObject({ openingBalanceYuan: '1000.00', closingBalanceYuan: '1605.00' });
  });

  it('exceptions are resolved with a reason, and a bank officer cannot reach another bank’s account', async () => {
    const r = await report();
    const unknown = r.openExceptions.find((l) => l.outcome === 'BANK_ONLY') as { id: string };
    await h.http.get(`/bank-accounts/${accountId}`).set(as('bank2')).expect(404);
    await h.http.get(`/bank-accounts/${accountId}/exceptions`).set(as('bank2')).expect(404);
    await upload(statement, 'x.csv', 'bank2').expect(404);
    await h.http
      .post(`/statement-lines/${unknown.id}/resolution`)
      .set(as('bank2'))
      .send({ action: 'NOT_OURS', reason: 'x' })
      .expect(404);
    expect((await h.http.get('/bank-accounts').set(as('bank2')).expect(200)).body.items).toEqual([]);
    await h.http
      .post(`/statement-lines/${unknown.id}/resolution`)
      .set(as('auditor'))
      .send({ action: 'NOT_OURS', reason: 'x' })
      .expect(403);

    const noLoan = await h.http
      .post(`/statement-lines/${unknown.id}/resolution`)
      .set(as('officer'))
      .send({ action: 'LINK', reason: 'x' })
      .expect(400);
    expect(noLoan.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'loanId' })]));
    const otherLoan = await h.http
      .post(`/statement-lines/${unknown.id}/resolution`)
      .set(as('officer'))
      .send({ action: 'LINK', reason: 'x', loanId: '00000000-0000-4000-8000-000000000009' })
      .expect(404);
    expect(otherLoan.body.code).toBe('NOT_FOUND');
    const resolved = await h.http
      .post(`/statement-lines/${unknown.id}/resolution`)
      .set(as('officer'))
      .send({ action: 'NOT_OURS', reason: '非本项目款项' })
      .expect(200);
    expect(resolved.body).toMatchObject({ outcome: 'NOT_OURS', note: '非本项目款项' });
    const exceptions = await h.http.get(`/bank-accounts/${accountId}/exceptions`).set(as('bank')).expect(200);
    expect(exceptions.body.map((l: { outcome: string }) => l.outcome)).not.toContain('NOT_OURS');
    const [audit] = (await h.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'statement_line.not_ours' AND entity_id = $1`, [
        unknown.id,
      ])) as {
      n: number;
    }[];
    expect(audit.n).toBe(1);
  });

  it('suggests a credit from a known borrower account of another amount, and a person splits it over two loans', async () => {
    const [l1, , l3] = loans;
    const file = rccStatement([
      ['20261201', '100000', '还款', '', '1,000.00', '', '李梅', l3.account, 'T200', '部分还款'],
    ]);
    const res = await upload(file, 'rcc-2026-12-01.csv').expect(202);
    await runImport(res.body.id);
    const exceptions = await h.http
      .get(`/bank-accounts/${accountId}/exceptions?from=2026-12-01&to=2026-12-01`)
      .set(as('bank'))
      .expect(200);
    const suggested = exceptions.body.find((l: { bankTransactionId: string }) => l.bankTransactionId === 'T200');
    expect(suggested).toMatchObject({
      outcome: 'SUGGESTED',
      matchTier: 3,
      matchRule: 'BORROWER_ACCOUNT',
      matchedLoanId: l3.id,
    });
    const short = await h.http
      .post(`/statement-lines/${suggested.id}/resolution`)
      .set(as('bank'))
      .send({
        action: 'SPLIT',
        reason: '夫妻共同还款',
        parts: [
          { loanId: l3.id, amountYuan: '600.00' },
          { loanId: l1.id, amountYuan: '300.00' },
        ],
      })
      .expect(400);
    expect(short.body).toMatchObject({
      code: 'INVALID_RESOLUTION',
      details: { field: 'parts', lineYuan: '1000.00', partsYuan: '900.00' },
    });
    const split = await h.http
      .post(`/statement-lines/${suggested.id}/resolution`)
      .set(as('bank'))
      .send({
        action: 'SPLIT',
        reason: '夫妻共同还款',
        parts: [
          { loanId: l3.id, amountYuan: '600.00' },
          { loanId: l1.id, amountYuan: '400.00' },
        ],
      })
      .expect(200);
    expect(split.body).toMatchObject({ outcome: 'MATCHED', matchRule: 'SPLIT_BY_HAND' });
    expect(split.body.splitRepaymentIds).toHaveLength(2);
    const l3Repayments = await h.http.get(`/loans/${l3.id}/repayments`).set(as('bank')).expect(200);
    expect(l3Repayments.body.map((r: { amountYuan: string }) => r.amountYuan)).toEqual(['600.00']);
    const again = await h.http
      .post(`/statement-lines/${suggested.id}/resolution`)
      .set(as('bank'))
      .send({ action: 'NOT_OURS', reason: 'x' })
      .expect(409);
    expect(again.body.code).toBe('INVALID_RESOLUTION');
  });

  it('suggests a credit whose payer is named as a borrower and pays about what the loan owes next', async () => {
    const l3 = loans[2];
    const detail = (await h.http.get(`/loans/${l3.id}`).set(as('bank')).expect(200)).body as {
      summary: { nextDueYuan: string };
    };
    const close = (Math.round(Number(detail.summary.nextDueYuan) * 100) - 300) / 100; // 3 yuan short
    const file = rccStatement([
      ['20261201', '120000', '转账', '', close.toFixed(2), '', '张红', '6222999900001111222', 'T400', ''],
    ]);
    await runImport((await upload(file, 'rcc-2026-12-01-c.csv').expect(202)).body.id);
    const exceptions = await h.http
      .get(`/bank-accounts/${accountId}/exceptions?from=2026-12-01&to=2026-12-01`)
      .set(as('bank'))
      .expect(200);
    const suggested = exceptions.body.find((l: { bankTransactionId: string }) => l.bankTransactionId === 'T400');
    expect(suggested).toMatchObject({ outcome: 'SUGGESTED', matchTier: 3, matchRule: 'BORROWER_NAME_AMOUNT_CLOSE' });
    expect(suggested.note).toContain('owes');
  });

  it('a repayment recorded with another amount than the bank’s is corrected: ours reversed, the bank’s posted', async () => {
    const l2 = loans[1];
    await h.http
      .post(`/loans/${l2.id}/repayments`)
      .set(as('bank'))
      .send({ amountYuan: '50.00', valueDate: TODAY, channel: 'BANK_COUNTER', externalReference: 'CASH-002' })
      .expect(200);
    const file = rccStatement([['20261201', '110000', '现金还款', '', '60.00', '', '张红', '', 'T300', 'CASH-002']]);
    await runImport((await upload(file, 'rcc-2026-12-01-b.csv').expect(202)).body.id);
    const exceptions = await h.http
      .get(`/bank-accounts/${accountId}/exceptions?from=2026-12-01&to=2026-12-01`)
      .set(as('bank'))
      .expect(200);
    const differs = exceptions.body.find((l: { bankTransactionId: string }) => l.bankTransactionId === 'T300');
    expect(differs).toMatchObject({
      outcome: 'AMOUNT_DIFFERS',
      matchTier: 1,
      matchRule: 'REPAYMENT_REFERENCE',
      note: 'we recorded 50.00',
    });
    const fixed = await h.http
      .post(`/statement-lines/${differs.id}/resolution`)
      .set(as('bank'))
      .send({ action: 'CORRECT', reason: '柜台录入金额有误' })
      .expect(200);
    expect(fixed.body).toMatchObject({ outcome: 'MATCHED', matchRule: 'CORRECTED_BY_HAND' });
    const repayments = (await h.http.get(`/loans/${l2.id}/repayments`).set(as('bank')).expect(200)).body as {
      amountYuan: string;
      status: string;
      externalReference: string;
    }[];
    expect(
      repayments.map((r) => [r.externalReference.replace(/^STMT-[0-9a-f]{48}$/, 'STMT-…'), r.amountYuan, r.status]),
    ).toEqual(
      expect.arrayContaining([
        ['CASH-002', '50.00', 'REVERSED'],
        ['STMT-…', '60.00', 'POSTED'],
      ]),
    );
  });

  it('confirms disbursements from an uploaded file (GBK, Chinese headers), all rows or none', async () => {
    const applicationId = await approvedApplication(h, '10000.00', 12, 'EQUAL_PRINCIPAL');
    await h.http
      .post('/loans')
      .set(as('bank'))
      .send({ applicationId, contractNumber: 'RCC-2026-9', signingDate: '2026-11-30', annualRatePercent: '4.35' })
      .expect(201);
    const file = (rows: string[]) =>
      iconv.encode(['合同号,金额,放款日期,借款人账号,借据号,放款流水号', ...rows].join('\r\n'), 'gb18030');
    const bad = await h.http
      .post('/disbursements/file')
      .set(as('bank'))
      .set('Content-Type', 'text/csv')
      .send(file(['RCC-2026-9,"10,000.0x",20261201,6228480000000000042,LN009,FK20261201']))
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'STATEMENT_INVALID', details: { line: 2, field: '金额' } });
    const ok = await h.http
      .post('/disbursements/file')
      .set(as('bank'))
      .set('Content-Type', 'text/csv')
      .send(file(['RCC-2026-9,"10,000.00",20261201,6228480000000000042,LN009,FK20261201']))
      .expect(200);
    expect(ok.body).toEqual([
      expect.objectContaining({
        contractNumber: 'RCC-2026-9',
        status: 'ACTIVE',
        valueDate: '2026-12-01',
        bankLoanNumber: 'LN009',
      }),
    ]);
  });
});
