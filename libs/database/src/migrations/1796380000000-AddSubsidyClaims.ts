import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subsidy claims: the bank's batch per jurisdiction and settlement period, one line per loan and period (the whole
 * calculation kept as jsonb; at most one line per loan and period that is not rejected), and the payouts 拨付.
 */
export class AddSubsidyClaims1796380000000 implements MigrationInterface {
  name = 'AddSubsidyClaims1796380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subsidy_claim_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bank_organisation_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "settlement_date" date NOT NULL, "sequence" integer NOT NULL DEFAULT '1', "status" character varying(20) NOT NULL, "line_count" integer NOT NULL, "loans_lent_in_period" integer NOT NULL, "lent_in_period_fen" bigint NOT NULL, "opening_balance_fen" bigint NOT NULL, "closing_balance_fen" bigint NOT NULL, "requested_fen" bigint NOT NULL, "approved_fen" bigint NOT NULL DEFAULT '0', "paid_fen" bigint NOT NULL DEFAULT '0', "claim_due_on" date NOT NULL, "initial_review_due_on" date, "payment_due_on" date, "prepared_by_user_id" uuid, "prepared_by_username" character varying(64) NOT NULL, "submitted_by_user_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "initial_reviewed_by_user_id" uuid, "initial_reviewed_at" TIMESTAMP WITH TIME ZONE, "finance_reviewed_at" TIMESTAMP WITH TIME ZONE, "paid_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_subsidy_claim_batches_period" CHECK (period_start <= period_end AND sequence >= 1), CONSTRAINT "ck_subsidy_claim_batches_status" CHECK (status IN ('DRAFT', 'SUBMITTED', 'INITIAL_REVIEWED', 'FINANCE_REVIEWED', 'PAID')), CONSTRAINT "pk_subsidy_claim_batches" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_subsidy_claim_batches_region_code_settlement_date" ON "subsidy_claim_batches"  ("region_code", "settlement_date") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subsidy_claim_batches_key" ON "subsidy_claim_batches"  ("bank_organisation_id", "region_code", "settlement_date", "sequence") `,
    );
    await queryRunner.query(
      `CREATE TABLE "subsidy_claim_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "batch_id" uuid NOT NULL, "loan_id" uuid NOT NULL, "contract_number" character varying(64) NOT NULL, "applicant_id" uuid NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "settlement_date" date NOT NULL, "calculation" jsonb NOT NULL, "principal_fen" bigint NOT NULL, "interest_collected_fen" bigint NOT NULL, "subsidy_fen" bigint NOT NULL, "central_fen" bigint NOT NULL, "provincial_fen" bigint NOT NULL, "city_fen" bigint NOT NULL, "county_fen" bigint NOT NULL, "eligibility" character varying(10) NOT NULL, "status" character varying(10) NOT NULL, "initial_finding" character varying(10), "initial_note" character varying(500), "finance_reason" character varying(500), "decided_by_user_id" uuid, "decided_by_username" character varying(64), "decided_at" TIMESTAMP WITH TIME ZONE, "payout_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_subsidy_claim_lines_split" CHECK (central_fen + provincial_fen + city_fen + county_fen = subsidy_fen AND subsidy_fen >= 0), CONSTRAINT "ck_subsidy_claim_lines_status" CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'PAID')), CONSTRAINT "pk_subsidy_claim_lines" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_lines_loan_id" ON "subsidy_claim_lines"  ("loan_id") `);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_lines_payout_id" ON "subsidy_claim_lines"  ("payout_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_subsidy_claim_lines_batch_id_id" ON "subsidy_claim_lines"  ("batch_id", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subsidy_claim_lines_live" ON "subsidy_claim_lines"  ("loan_id", "settlement_date") WHERE status <> 'REJECTED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "subsidy_payouts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "batch_id" uuid NOT NULL, "payment_reference" character varying(100) NOT NULL, "payment_date" date NOT NULL, "line_count" integer NOT NULL, "amount_fen" bigint NOT NULL, "paid_by_user_id" uuid, "paid_by_username" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_subsidy_payouts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subsidy_payouts_reference" ON "subsidy_payouts"  ("batch_id", "payment_reference") `,
    );
    await queryRunner.query(
      `ALTER TABLE "subsidy_claim_lines" ADD CONSTRAINT "fk_subsidy_claim_lines_batch_id" FOREIGN KEY ("batch_id") REFERENCES "subsidy_claim_batches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subsidy_payouts" ADD CONSTRAINT "fk_subsidy_payouts_batch_id" FOREIGN KEY ("batch_id") REFERENCES "subsidy_claim_batches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subsidy_payouts" DROP CONSTRAINT "fk_subsidy_payouts_batch_id"`);
    await queryRunner.query(`ALTER TABLE "subsidy_claim_lines" DROP CONSTRAINT "fk_subsidy_claim_lines_batch_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subsidy_payouts_reference"`);
    await queryRunner.query(`DROP TABLE "subsidy_payouts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subsidy_claim_lines_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_lines_batch_id_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_lines_payout_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_lines_loan_id"`);
    await queryRunner.query(`DROP TABLE "subsidy_claim_lines"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subsidy_claim_batches_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_batches_region_code_settlement_date"`);
    await queryRunner.query(`DROP TABLE "subsidy_claim_batches"`);
  }
}
