import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics: daily snapshots of the programme's figures by scope and breakdown (bigint fen and counts), the dates
 * stored and the dates a back-dated change made stale, yearly targets and thresholds per region, and early warnings
 * (one open per region, year and kind).
 */
export class AddStatistics1796450000000 implements MigrationInterface {
  name = 'AddStatistics1796450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "statistics_snapshot_dates" ("business_date" date NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "row_count" integer NOT NULL, "computations" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_statistics_snapshot_dates" PRIMARY KEY ("business_date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "statistics_dirty_dates" ("business_date" date NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_statistics_dirty_dates" PRIMARY KEY ("business_date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "statistics_snapshots" ("business_date" date NOT NULL, "scope_kind" character varying(8) NOT NULL, "scope_key" character varying(40) NOT NULL, "dimension_kind" character varying(12) NOT NULL, "dimension_key" character varying(64) NOT NULL, "loans_made_count" bigint NOT NULL DEFAULT '0', "loans_made_fen" bigint NOT NULL DEFAULT '0', "female_loans_made_count" bigint NOT NULL DEFAULT '0', "female_loans_made_fen" bigint NOT NULL DEFAULT '0', "repaid_principal_fen" bigint NOT NULL DEFAULT '0', "repaid_interest_fen" bigint NOT NULL DEFAULT '0', "due_fen" bigint NOT NULL DEFAULT '0', "due_repaid_on_time_fen" bigint NOT NULL DEFAULT '0', "compensated_count" bigint NOT NULL DEFAULT '0', "compensated_fen" bigint NOT NULL DEFAULT '0', "recovered_fen" bigint NOT NULL DEFAULT '0', "subsidy_claimed_fen" bigint NOT NULL DEFAULT '0', "subsidy_paid_fen" bigint NOT NULL DEFAULT '0', "jobs_created" bigint NOT NULL DEFAULT '0', "outstanding_count" bigint NOT NULL DEFAULT '0', "outstanding_fen" bigint NOT NULL DEFAULT '0', "female_outstanding_count" bigint NOT NULL DEFAULT '0', "female_outstanding_fen" bigint NOT NULL DEFAULT '0', "overdue_count" bigint NOT NULL DEFAULT '0', "overdue_principal_fen" bigint NOT NULL DEFAULT '0', "overdue_interest_fen" bigint NOT NULL DEFAULT '0', "par30_fen" bigint NOT NULL DEFAULT '0', "par90_fen" bigint NOT NULL DEFAULT '0', "cum_due_fen" bigint NOT NULL DEFAULT '0', "cum_collected_fen" bigint NOT NULL DEFAULT '0', "cum_loans_made_fen" bigint NOT NULL DEFAULT '0', "cum_compensated_fen" bigint NOT NULL DEFAULT '0', "cum_recovered_fen" bigint NOT NULL DEFAULT '0', "review_steps_late" bigint NOT NULL DEFAULT '0', CONSTRAINT "pk_statistics_snapshots" PRIMARY KEY ("business_date", "scope_kind", "scope_key", "dimension_kind", "dimension_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_statistics_snapshots_series" ON "statistics_snapshots"  ("scope_kind", "scope_key", "dimension_kind", "business_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "statistics_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(12) NOT NULL, "year" integer NOT NULL, "kind" character varying(24) NOT NULL, "value" numeric(20,6) NOT NULL, "formula" character varying(32), "updated_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_statistics_targets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_statistics_targets_region_year_kind" ON "statistics_targets"  ("region_code", "year", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "statistics_warnings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(24) NOT NULL, "region_code" character varying(12) NOT NULL, "year" integer NOT NULL, "level" character varying(10) NOT NULL, "status" character varying(8) NOT NULL, "measured" numeric(24,6) NOT NULL, "target" numeric(20,6) NOT NULL, "trend" character varying(12) NOT NULL, "projected_year_end" numeric(24,6), "responsible" character varying(20) NOT NULL, "raised_on" date NOT NULL, "last_seen_on" date NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cleared_on" date, "cleared_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_statistics_warnings_cleared" CHECK ((status = 'OPEN') = (cleared_at IS NULL)), CONSTRAINT "ck_statistics_warnings_status" CHECK (status IN ('OPEN', 'CLEARED')), CONSTRAINT "pk_statistics_warnings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_statistics_warnings_status_region_code" ON "statistics_warnings"  ("status", "region_code") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_statistics_warnings_open" ON "statistics_warnings"  ("region_code", "year", "kind") WHERE status = 'OPEN'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_statistics_warnings_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statistics_warnings_status_region_code"`);
    await queryRunner.query(`DROP TABLE "statistics_warnings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_statistics_targets_region_year_kind"`);
    await queryRunner.query(`DROP TABLE "statistics_targets"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statistics_snapshots_series"`);
    await queryRunner.query(`DROP TABLE "statistics_snapshots"`);
    await queryRunner.query(`DROP TABLE "statistics_dirty_dates"`);
    await queryRunner.query(`DROP TABLE "statistics_snapshot_dates"`);
  }
}
