import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1796200000000-GrantAppRole';

/**
 * Statistics keeps each loan's figures by stored date (a version from `as_of` until the loan's next version), so
 * that the nightly snapshot re-computes only the loans something happened to, and a back-dated change re-computes
 * only its loans on the days it changed. Derived data, rebuilt by a full snapshot whenever missing: UNLOGGED (no
 * write-ahead log; emptied after a crash, together with its state row, and then rebuilt). Loans marked stale by a
 * back-dated posting (`statistics_dirty_loans`) are ordinary data. No entity: written and read only by the
 * snapshot job's SQL (`libs/statistics/src/snapshots/snapshot.sql.ts`). The application role may TRUNCATE them.
 */
export class AddStatisticsLoanFacts1796480000000 implements MigrationInterface {
  name = 'AddStatisticsLoanFacts1796480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "statistics_loan_facts" ("as_of" date NOT NULL, "loan_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "bank" text, "fund" text, "officer" text, "category" text NOT NULL, "sub_flags" character varying[] NOT NULL DEFAULT '{}', "female" boolean NOT NULL, "loans_made_count" bigint NOT NULL, "loans_made_fen" bigint NOT NULL, "female_loans_made_count" bigint NOT NULL, "female_loans_made_fen" bigint NOT NULL, "repaid_principal_fen" bigint NOT NULL, "repaid_interest_fen" bigint NOT NULL, "due_fen" bigint NOT NULL, "due_repaid_on_time_fen" bigint NOT NULL, "compensated_count" bigint NOT NULL, "compensated_fen" bigint NOT NULL, "recovered_fen" bigint NOT NULL, "subsidy_claimed_fen" bigint NOT NULL, "subsidy_paid_fen" bigint NOT NULL, "jobs_created" bigint NOT NULL, "outstanding_count" bigint NOT NULL, "outstanding_fen" bigint NOT NULL, "female_outstanding_count" bigint NOT NULL, "female_outstanding_fen" bigint NOT NULL, "overdue_count" bigint NOT NULL, "overdue_principal_fen" bigint NOT NULL, "overdue_interest_fen" bigint NOT NULL, "par30_fen" bigint NOT NULL, "par90_fen" bigint NOT NULL, "cum_due_fen" bigint NOT NULL, "cum_collected_fen" bigint NOT NULL, "cum_loans_made_fen" bigint NOT NULL, "cum_compensated_fen" bigint NOT NULL, "cum_recovered_fen" bigint NOT NULL, "review_steps_late" bigint NOT NULL, "next_change_on" date, CONSTRAINT "pk_statistics_loan_facts" PRIMARY KEY ("loan_id", "as_of"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_statistics_loan_facts_next_change_on" ON "statistics_loan_facts" ("next_change_on")`,
    );
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "statistics_loan_facts_state" ("id" smallint NOT NULL DEFAULT 1, "as_of" date NOT NULL, "history_from" date NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_statistics_loan_facts_state" PRIMARY KEY ("id"), CONSTRAINT "ck_statistics_loan_facts_state_one" CHECK (id = 1))`,
    );
    await queryRunner.query(
      `CREATE TABLE "statistics_dirty_loans" ("loan_id" uuid NOT NULL, "from_date" date NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_statistics_dirty_loans" PRIMARY KEY ("loan_id"))`,
    );
    // A full build empties the facts at once.
    await queryRunner.query(`GRANT TRUNCATE ON statistics_loan_facts TO ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statistics_dirty_loans"`);
    await queryRunner.query(`DROP TABLE "statistics_loan_facts_state"`);
    await queryRunner.query(`DROP TABLE "statistics_loan_facts"`);
  }
}
