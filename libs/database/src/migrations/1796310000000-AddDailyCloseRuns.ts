import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDailyCloseRuns1796310000000 implements MigrationInterface {
  name = 'AddDailyCloseRuns1796310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."daily_close_run_status" AS ENUM('RUNNING', 'SUCCEEDED', 'FAILED')`);
    await queryRunner.query(
      `CREATE TYPE "public"."daily_close_trigger" AS ENUM('SCHEDULED', 'CATCH_UP', 'MANUAL', 'CLI')`,
    );
    await queryRunner.query(
      `CREATE TABLE "daily_close_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_date" date NOT NULL, "status" "public"."daily_close_run_status" NOT NULL, "trigger" "public"."daily_close_trigger" NOT NULL, "requested_by_user_id" uuid, "attempts" integer NOT NULL DEFAULT '1', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "duration_ms" integer, "figures" jsonb, "error_code" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_daily_close_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_daily_close_runs_business_date" ON "daily_close_runs"  ("business_date") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_daily_close_runs_started" ON "daily_close_runs"  ("started_at") `);
    await queryRunner.query(
      `CREATE TABLE "compensation_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "loan_id" uuid NOT NULL, "loan_contract_number" character varying(64) NOT NULL, "application_id" uuid NOT NULL, "guarantee_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "bank_organisation_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "status" character varying(8) NOT NULL, "flagged_on" date NOT NULL, "last_seen_on" date NOT NULL, "days_past_due" integer NOT NULL, "trigger_days" integer NOT NULL, "principal_outstanding_fen" bigint NOT NULL, "closed_on" date, "closed_reason" character varying(20), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_compensation_alerts_closed" CHECK ((status = 'OPEN' AND closed_on IS NULL) OR (status = 'CLOSED' AND closed_on IS NOT NULL AND closed_reason IS NOT NULL)), CONSTRAINT "ck_compensation_alerts_status" CHECK (status IN ('OPEN', 'CLOSED')), CONSTRAINT "pk_compensation_alerts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compensation_alerts_guarantee_id" ON "compensation_alerts"  ("guarantee_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compensation_alerts_bank_organisation_id" ON "compensation_alerts"  ("bank_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compensation_alerts_fund_id_status" ON "compensation_alerts"  ("fund_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_compensation_alerts_open_loan" ON "compensation_alerts"  ("loan_id") WHERE status = 'OPEN'`,
    );
    await queryRunner.query(`ALTER TABLE "loans" ADD "days_past_due" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE INDEX "ix_loans_past_due" ON "loans"  ("days_past_due") WHERE days_past_due > 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_loans_past_due"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "days_past_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_compensation_alerts_open_loan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compensation_alerts_fund_id_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compensation_alerts_bank_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compensation_alerts_guarantee_id"`);
    await queryRunner.query(`DROP TABLE "compensation_alerts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_daily_close_runs_started"`);
    await queryRunner.query(`DROP INDEX "public"."uq_daily_close_runs_business_date"`);
    await queryRunner.query(`DROP TABLE "daily_close_runs"`);
    await queryRunner.query(`DROP TYPE "public"."daily_close_trigger"`);
    await queryRunner.query(`DROP TYPE "public"."daily_close_run_status"`);
  }
}
