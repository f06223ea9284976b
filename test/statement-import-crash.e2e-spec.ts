import { spawn, type ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';
import { builtApps, ROOT } from './support/built-apps';
import { waitFor } from './support/free-port';
import { approvedApplication } from './support/workflow';

const LINES = 30_000;
/** Progress is reported every 5,000 lines read and every chunk of 5,000 lines matched. */
const STEP = 5_000;
const LOANS = 8;
const PAYMENTS_PER_LOAN = 4;

/**
 * The built worker as a real process, killed (SIGKILL) three times during one import of a 30,000-line statement:
 * once while the lines are stored and twice while they are matched (each kill checked to have landed before that
 * phase ended). Each time a new worker takes the job up again; the import completes and every repayment in the file
 * is posted exactly once.
 */
describe('statement import survives its worker being killed (e2e)', () => {
  let build: string;
  let h: ApiHarness;
  let ds: DataSource;
  let child: ChildProcess | undefined;
  let output = '';
  let bank: string;

  const startWorker = () => {
    const e = h.env.config.env;
    output = '';
    child = spawn(process.execPath, [`${build}/apps/worker/src/main.js`], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: e.DATABASE_URL,
        DATABASE_MIGRATE_ON_BOOT: 'false',
        REDIS_URL: e.REDIS_URL,
        QUEUE_PREFIX: e.QUEUE_PREFIX,
        JWT_SECRET: e.JWT_SECRET,
        PII_ENCRYPTION_KEY: e.PII_ENCRYPTION_KEY,
        WORKER_HEALTH_PORT: '0',
        // A dead worker's job is taken up again after a few seconds, not a minute.
        QUEUE_LOCK_MS: '2000',
        // The suite's loans stay as the test made them: no nightly close at boot.
        DAILY_CLOSE_CATCH_UP_ON_BOOT: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  };
  const kill = async () => {
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await exited;
    child = undefined;
  };
  const progress = async (id: string) => {
    const [row] = (await ds.query(
      `SELECT status, lines_read AS "read", lines_matched AS "matched", finished_at AS "finishedAt", runs,
              error_message AS "error"
         FROM statement_imports WHERE id = $1`,
      [id],
    )) as { status: string; read: number; matched: number; finishedAt: Date | null; runs: number; error: string }[];
    return row;
  };

  beforeAll(async () => {
    // The build (shared with other suites) goes on while the api starts.
    const building = builtApps();
    building.catch(() => undefined);
    h = await startApi(new FixedClock('2026-12-01T04:00:00Z'));
    build = await building;
    ds = h.app.get(DataSource);
    bank = await h.login('bank');
  }, 120_000);

  afterAll(async () => {
    if (child) await kill();
    await h?.close();
  });

  it('completes after three kills, posting every repayment exactly once', async () => {
    // Loans of the test, disbursed with bank loan numbers the statement pays by.
    const confirmations = [];
    for (let i = 0; i < LOANS; i++) {
      const applicationId = await approvedApplication(h, '20000.00', 12, 'EQUAL_PRINCIPAL');
      const contractNumber = `CRASH-2026-${i + 1}`;
      await h.http
        .post('/loans')
        .set('Authorization', bank)
        .send({ applicationId, contractNumber, signingDate: '2026-11-01', annualRatePercent: '4.35' })
        .expect(201);
      confirmations.push({
        contractNumber,
        amountYuan: '20000.00',
        valueDate: '2026-11-02',
        borrowerAccount: `62284800000${String(100000 + i).padStart(8, '0')}`,
        bankLoanNumber: `CRASHLN${1000 + i}`,
        reference: `CRASHFK${1000 + i}`,
      });
    }
    const disbursed = await h.http
      .post('/disbursements')
      .set('Authorization', bank)
      .send({ confirmations })
      .expect(200);
    const loanIds = (disbursed.body as { id: string }[]).map((l) => l.id);
    const account = await h.http
      .post('/bank-accounts')
      .set('Authorization', bank)
      .send({ accountNumber: '150221012000000077', name: '结算户', format: 'CSV', mappingPreset: 'RCC' })
      .expect(201);

    // The lines, generated here: the repayments spread through the file, everything else the bank's own.
    const every = Math.floor(LINES / (LOANS * PAYMENTS_PER_LOAN));
    const rows = [
      '某农信社 账户交易明细',
      '账号: 150221012000000077',
      '交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,流水号,附言',
    ];
    let payment = 0;
    for (let n = 1; n <= LINES; n++) {
      if (n % every === 0 && payment < LOANS * PAYMENTS_PER_LOAN) {
        const loan = payment % LOANS;
        rows.push(
          `20261120,090000,还款,,100.00,,借款人${loan},${confirmations[loan].borrowerAccount},P${n},${confirmations[loan].bankLoanNumber}`,
        );
        payment += 1;
      } else {
        rows.push(
          `20261120,${String(n % 240000).padStart(6, '0')},转账,,${(n % 9000) + 1}.00,,某商户${n % 997},62220000${String(n).padStart(11, '0')},B${n},货款`,
        );
      }
    }
    expect(payment).toBe(LOANS * PAYMENTS_PER_LOAN);
    const file = Buffer.from(rows.join('\r\n'), 'utf8');
    const uploaded = await h.http
      .post(`/bank-accounts/${account.body.id}/statements?fileName=big.csv`)
      .set('Authorization', bank)
      .set('Content-Type', 'application/octet-stream')
      .send(file)
      .expect(202);
    const id = uploaded.body.id as string;

    const started = Date.now();
    const marks: string[] = [];
    const mark = async (what: string) => {
      const p = await progress(id);
      marks.push(`${Math.round((Date.now() - started) / 1000)} s ${what} (read ${p.read}, matched ${p.matched})`);
    };
    startWorker();
    // 1. While the lines are being stored (all or nothing: the next run stores them again).
    await waitFor('storing to be under way', async () => (await progress(id)).read >= STEP, 120_000);
    await mark('kill 1');
    await kill();
    // The kill landed while storing: nothing of the run was kept.
    expect(await progress(id)).toMatchObject({ status: 'PROCESSING', finishedAt: null });
    startWorker();
    // 2. and 3. While they are being matched: the next run continues with the lines still PENDING.
    await waitFor('matching to begin', async () => (await progress(id)).status === 'IMPORTED', 180_000);
    await mark('stored');
    await waitFor('matching to be under way', async () => (await progress(id)).matched >= STEP, 180_000);
    await mark('kill 2');
    await kill();
    const stillMatching = async () => {
      const p = await progress(id);
      expect(p).toMatchObject({ status: 'IMPORTED', finishedAt: null });
      expect(p.matched).toBeLessThan(LINES);
    };
    await stillMatching();
    startWorker();
    const before = (await progress(id)).matched;
    await waitFor('matching to go on', async () => (await progress(id)).matched > before, 180_000);
    await mark('resumed');
    await waitFor('matching to go on', async () => (await progress(id)).matched >= before + STEP, 180_000);
    await mark('kill 3');
    await kill();
    await stillMatching();
    startWorker();
    const done = await waitFor(
      'the import to finish',
      async () => {
        const p = await progress(id);
        return p.finishedAt ? p : undefined;
      },
      240_000,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${output}`);
    });
    await mark('finished');
    console.log(`import of ${LINES} lines with three kills:\n${marks.join('\n')}`);

    expect(done).toMatchObject({ status: 'IMPORTED', read: LINES, matched: LINES, error: null });
    const [lines] = (await ds.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE outcome = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE outcome = 'MATCHED')::int AS matched
         FROM statement_lines WHERE import_id = $1`,
      [id],
    )) as { total: number; pending: number; matched: number }[];
    expect(lines).toEqual({ total: LINES, pending: 0, matched: LOANS * PAYMENTS_PER_LOAN });
    const posted = (await ds.query(
      `SELECT loan_id AS "loanId", count(*)::int AS n, count(DISTINCT external_reference)::int AS refs
         FROM repayments WHERE channel = 'STATEMENT_IMPORT' AND status = 'POSTED' GROUP BY loan_id`,
    )) as { loanId: string; n: number; refs: number }[];
    expect(posted.map((p) => p.loanId).sort()).toEqual([...loanIds].sort());
    for (const p of posted) expect(p).toMatchObject({ n: PAYMENTS_PER_LOAN, refs: PAYMENTS_PER_LOAN });
    // Each matched line names the repayment it posted, and no repayment is named twice.
    const [links] = (await ds.query(
      `SELECT count(DISTINCT matched_repayment_id)::int AS distinct, count(matched_repayment_id)::int AS total
         FROM statement_lines WHERE import_id = $1 AND outcome = 'MATCHED'`,
      [id],
    )) as { distinct: number; total: number }[];
    expect(links).toEqual({ distinct: LOANS * PAYMENTS_PER_LOAN, total: LOANS * PAYMENTS_PER_LOAN });
  }, 600_000);
});
