import { DataSource } from 'typeorm';
import type { Actor } from '@mla/auth';
import {
  SubsidiesModule,
  SubsidyClaimBuilder,
  SubsidyClaimReviewService,
  SubsidyClaimScheduler,
  SubsidyErrorCode,
} from '@mla/subsidies';
import { given, useCasesOf } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

const COUNTY = '150221';

/**
 * Two loans of the county under policies with different settlement calendars: the seeded policy (20th of
 * Mar/Jun/Sep/Dec) and a copy of it settling half-yearly on the 21st of June and December. The daily tick queues a
 * build for each calendar's settlement date, only where loans settle on it; each date's batch carries only its
 * calendar's loans, each line with its own period.
 */
describe('subsidy claims on several settlement calendars (service level)', () => {
  let h: ServiceHarness;
  let ds: DataSource;
  let builder: SubsidyClaimBuilder;
  let bank: Actor;
  let bankId: string;
  let quarterly: string;
  let halfYearly: string;

  beforeAll(async () => {
    h = await startServices({ imports: [SubsidiesModule], today: '2024-01-02' });
    const g = given(h, useCasesOf(h));
    ds = h.get(DataSource);
    builder = h.get(SubsidyClaimBuilder);
    bank = await h.actor('bank');
    bankId = h.demo.organisations.rcc.id;
    const fund = await g.fund({ contributionYuan: '5000000.00' });
    const applications = [
      await g.approvedApplication({ amountYuan: '200000.00', termMonths: 12, fundId: fund.id }),
      await g.approvedApplication({ amountYuan: '100000.00', termMonths: 12, fundId: fund.id }),
    ];
    h.travelTo('2024-01-10');
    const ids: string[] = [];
    for (const applicationId of applications) {
      const active = await g.activeLoan({
        applicationId,
        annualRatePercent: '4.95',
        signingDate: '2024-01-05',
        valueDate: '2024-01-10',
      });
      ids.push(active.loan.id);
    }
    [quarterly, halfYearly] = ids;
    // A copy of the loan's policy version that settles on 21 June and 21 December; the second loan is under it.
    await ds.query(
      `WITH source AS (SELECT p.* FROM loan_policies p JOIN loans l ON l.policy_id = p.id WHERE l.id = $1)
       INSERT INTO loan_policies
       SELECT (jsonb_populate_record(NULL::loan_policies, to_jsonb(s) || jsonb_build_object(
                 'id', gen_random_uuid(), 'code', s.code || '-H',
                 'subsidy_rule', s.subsidy_rule || '{"settlementMonths": [6, 12], "settlementDay": 21}'::jsonb))).*
         FROM source s`,
      [halfYearly],
    );
    await ds.query(`UPDATE loans SET policy_id = (SELECT id FROM loan_policies WHERE code LIKE '%-H') WHERE id = $1`, [
      halfYearly,
    ]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the tick queues only the dates where loans settle, one job per bank, county and date', async () => {
    // 25 March: the quarterly calendar closed on 20 March; the half-yearly one last closed on 21 December 2023,
    // before either loan was lent: nothing to build there.
    h.travelTo('2024-03-25');
    const march = await h.get(SubsidyClaimScheduler).queueDueBuilds();
    expect(march.settlementDates).toEqual(['2023-12-21', '2024-03-20']);
    expect(march.queued).toEqual([`subsidy-claims-${bankId}-${COUNTY}-2024-03-20`]);

    h.travelTo('2024-06-22');
    const june = await h.get(SubsidyClaimScheduler).queueDueBuilds();
    expect(june).toMatchObject({ settlementDate: '2024-06-21', settlementDates: ['2024-06-20', '2024-06-21'] });
    expect(june.queued).toEqual([
      `subsidy-claims-${bankId}-${COUNTY}-2024-06-20`,
      `subsidy-claims-${bankId}-${COUNTY}-2024-06-21`,
    ]);
    const [row] = (await ds.query(`SELECT payload FROM outbox_messages WHERE job_id = $1`, [june.queued[1]])) as {
      payload: object;
    }[];
    expect(row.payload).toEqual({ bankOrganisationId: bankId, regionCode: COUNTY, settlementDate: '2024-06-21' });
    // Deterministic ids: a second tick the same day writes the same jobs again (the outbox and the queue dedupe them).
    expect((await h.get(SubsidyClaimScheduler).queueDueBuilds()).queued).toEqual(june.queued);
  });

  it('each date’s batch carries only the loans of its calendar, each line its own period', async () => {
    h.travelTo('2024-06-22');
    const half = await builder.build(bankId, COUNTY, '2024-06-21');
    expect(half.batch).toMatchObject({ periodStart: '2023-12-22', periodEnd: '2024-06-21', lineCount: 1 });
    const halfLines = (await h.get(SubsidyClaimReviewService).get(bank, half.batch.id)).lines;
    expect(halfLines.map((l) => [l.loanId, l.periodStart, l.periodEnd])).toEqual([
      [halfYearly, '2024-01-10', '2024-06-21'],
    ]);

    const quarter = await builder.build(bankId, COUNTY, '2024-06-20');
    expect(quarter.batch).toMatchObject({ periodStart: '2024-03-21', periodEnd: '2024-06-20', lineCount: 1 });
    const quarterLines = (await h.get(SubsidyClaimReviewService).get(bank, quarter.batch.id)).lines;
    expect(quarterLines.map((l) => [l.loanId, l.periodStart, l.periodEnd])).toEqual([
      [quarterly, '2024-03-21', '2024-06-20'],
    ]);

    // Once built, the tick queues nothing more for these dates.
    expect((await h.get(SubsidyClaimScheduler).queueDueBuilds()).queued).toEqual([]);
  });

  it('a date on no calendar is refused naming the next one; a date not reached yet is not settled', async () => {
    h.travelTo('2024-06-22');
    await expect(builder.build(bankId, COUNTY, '2024-06-19')).rejects.toMatchObject({
      code: SubsidyErrorCode.NOT_A_SETTLEMENT_DATE,
      details: { next: '2024-06-20' },
    });
    await expect(builder.build(bankId, COUNTY, '2024-09-20')).rejects.toMatchObject({
      code: SubsidyErrorCode.PERIOD_NOT_SETTLED,
    });
    await expect(builder.build(bankId, COUNTY, '2024-12-21')).rejects.toMatchObject({
      code: SubsidyErrorCode.PERIOD_NOT_SETTLED,
    });
  });
});
