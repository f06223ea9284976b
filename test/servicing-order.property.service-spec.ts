import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { LocalDate, Money } from '@mla/core';
import {
  DailyCloseRepository,
  DEFAULT_ALLOCATION_ORDER,
  applyPayment,
  bringUpTo,
  penaltyTermsOf,
  toLedgerRow,
  unpaid,
  type Component,
  type Installment,
} from '@mla/loans';
import { given, useCasesOf, type Given, type UseCases } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * Against the real database: payments that arrive in a shuffled order, back-dated, with nightly closes run in
 * between (the SQL close), end in the installment states the servicing ledger gives for the same payments in
 * value-date order, to the fen. (The ledger itself is checked against shuffled arrivals in many more runs in
 * `loan-ledger.property.spec.ts`.)
 */
const METHODS = [
  'EQUAL_INSTALLMENT',
  'EQUAL_PRINCIPAL',
  'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
  'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
  'BULLET',
] as const;
const RUNS = 6;
const START = LocalDate.parse('2026-01-10');
const FINAL = '2026-12-02';

describe('servicing in the database: arrival order does not change amounts', () => {
  let h: ServiceHarness;
  let g: Given;
  let useCases: UseCases;
  const applications: string[] = [];

  beforeAll(async () => {
    h = await startServices({ today: '2026-01-02' });
    useCases = useCasesOf(h);
    g = given(h, useCases);
    for (let k = 0; k < RUNS; k += 1) {
      applications.push(
        await g.approvedApplication({
          amountYuan: '60000.00',
          termMonths: 6 + k,
          repaymentMethod: METHODS[k % METHODS.length],
        }),
      );
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shuffled, back-dated arrivals with closes in between end where value-date order ends', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(
            fc.record({
              day: fc.integer({ min: 0, max: 300 }),
              permille: fc.integer({ min: 20, max: 400 }),
              delay: fc.integer({ min: 0, max: 45 }),
            }),
            { minLength: 2, maxLength: 5 },
          )
          // Together they never pay the loan off: a payment arriving after payoff is refused (the loan is REPAID) in
          // any order, which is not what this property compares.
          .filter((drawn) => drawn.reduce((sum, p) => sum + p.permille, 0) <= 900),
        fc.integer({ min: 7, max: 40 }),
        async (drawn, closeEvery) => {
          const k = run;
          run += 1;
          h.travelTo(START.toString());
          const { loan, installments } = await g.activeLoan({
            applicationId: applications[k],
            signingDate: '2026-01-05',
            valueDate: START.toString(),
          });
          const bank = await h.actor('bank');
          const total = installments.reduce((s, i) => s + i.principalDueFen + i.interestDueFen, 0n);
          const payments = drawn.map((p, n) => ({
            ref: `PROP-${k}-${n}`,
            amount: (total * BigInt(p.permille)) / 1000n + 1n,
            valueDate: START.plusDays(p.day).toString(),
            // Never after the final date the figures are compared on.
            arrival: LocalDate.min(START.plusDays(p.day + p.delay), LocalDate.parse(FINAL)).toString(),
            n,
          }));
          // Arrivals in arrival order (value-date order broken wherever a later payment arrives first).
          const arrivals = [...payments].sort((a, b) =>
            a.arrival === b.arrival ? b.n - a.n : a.arrival < b.arrival ? -1 : 1,
          );
          // The close's statement itself on chosen dates (the stored-run service closes every day, in order).
          const repository = new DailyCloseRepository();
          const close = {
            run: (date: LocalDate) => h.get(DataSource).transaction((tx) => repository.run(tx, date.toString())),
          };
          let closed = START;
          for (const p of arrivals) {
            while (closed.plusDays(closeEvery).toString() <= p.arrival) {
              closed = closed.plusDays(closeEvery);
              h.travelTo(closed.toString());
              await close.run(closed);
            }
            h.travelTo(p.arrival);
            await useCases.postRepayment(bank, loan.id, {
              amountYuan: Money.ofFen(p.amount).toYuanString(),
              valueDate: p.valueDate,
              channel: 'TRANSFER',
              externalReference: p.ref,
            });
          }
          h.travelTo(FINAL);
          await close.run(LocalDate.parse(FINAL));

          const stored = (await h
            .get(DataSource)
            .query(`SELECT * FROM installments WHERE loan_id = $1 ORDER BY number`, [loan.id])) as Record<
            string,
            string
          >[];
          const got = stored.map((r) =>
            [
              r.number,
              r.principal_paid_fen,
              r.interest_paid_fen,
              r.penalty_paid_fen,
              r.penalty_accrued_fen,
              r.status,
            ].join('|'),
          );
          // The ledger in value-date order (ties in arrival order), brought to the final date.
          const terms = penaltyTermsOf(loan);
          const rows = unpaid((installments as Installment[]).map(toLedgerRow));
          const inOrder = [...payments].sort((a, b) =>
            a.valueDate === b.valueDate
              ? arrivals.indexOf(a) - arrivals.indexOf(b)
              : a.valueDate < b.valueDate
                ? -1
                : 1,
          );
          for (const p of inOrder) {
            applyPayment(rows, p, terms, (loan.allocationOrder as Component[]) ?? DEFAULT_ALLOCATION_ORDER);
          }
          bringUpTo(rows, FINAL, terms);
          const want = rows.map((r) =>
            [r.number, r.principalPaid, r.interestPaid, r.penaltyPaid, r.penaltyAccrued, r.status].join('|'),
          );
          expect(got).toEqual(want);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
