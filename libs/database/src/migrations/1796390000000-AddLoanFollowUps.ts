import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Post-loan follow-ups (回访, 就业核查): append-only records of what a federation officer found of the borrower's
 * business; a wrong one is withdrawn (marked, with the reason), never edited or deleted.
 */
export class AddLoanFollowUps1796390000000 implements MigrationInterface {
  name = 'AddLoanFollowUps1796390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "loan_follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "loan_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "visited_on" date NOT NULL, "business_state" character varying(20) NOT NULL, "changed_on" date, "jobs_created" integer NOT NULL, "note" character varying(500), "recorded_by_user_id" uuid NOT NULL, "recorded_by_name" character varying(100) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by_user_id" uuid, "withdrawn_by_name" character varying(100), "withdrawal_reason" character varying(500), CONSTRAINT "ck_loan_follow_ups_withdrawal" CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL)), CONSTRAINT "ck_loan_follow_ups_jobs" CHECK (jobs_created >= 0), CONSTRAINT "ck_loan_follow_ups_changed_before_visit" CHECK (changed_on IS NULL OR changed_on <= visited_on), CONSTRAINT "ck_loan_follow_ups_changed_on" CHECK ((business_state = 'STILL_OPERATING') = (changed_on IS NULL)), CONSTRAINT "ck_loan_follow_ups_state" CHECK (business_state IN ('STILL_OPERATING', 'EMPLOYED_ELSEWHERE', 'BUSINESS_CLOSED')), CONSTRAINT "ck_loan_follow_ups_kind" CHECK (kind IN ('ON_SITE_VISIT', 'PHONE', 'EMPLOYMENT_CHECK')), CONSTRAINT "pk_loan_follow_ups" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_loan_follow_ups_loan" ON "loan_follow_ups"  ("loan_id", "visited_on") `);
    await queryRunner.query(
      `ALTER TABLE "loan_follow_ups" ADD CONSTRAINT "fk_loan_follow_ups_loan_id" FOREIGN KEY ("loan_id") REFERENCES "loans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loan_follow_ups" DROP CONSTRAINT "fk_loan_follow_ups_loan_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_follow_ups_loan"`);
    await queryRunner.query(`DROP TABLE "loan_follow_ups"`);
  }
}
