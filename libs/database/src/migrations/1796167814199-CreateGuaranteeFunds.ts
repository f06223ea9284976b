import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Guarantee funds, their append-only ledger, guarantees and compensation claims. */
export class CreateGuaranteeFunds1796167814199 implements MigrationInterface {
  name = 'CreateGuaranteeFunds1796167814199';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "guarantee_funds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "sponsor" character varying(200) NOT NULL, "region_code" character varying(12) NOT NULL, "agency_organisation_id" uuid NOT NULL, "deposit_bank_name" character varying(100) NOT NULL, "deposit_account_number" character varying(40) NOT NULL, "base_leverage" numeric(6,2) NOT NULL, "raised_leverage" numeric(6,2), "raise_threshold_rate" numeric(5,4) NOT NULL, "fund_share" numeric(5,4) NOT NULL, "compensation_basis" character varying(24) NOT NULL, "compensation_trigger_days" integer NOT NULL, "yearly_compensation_cap_rate" numeric(5,4), "leverage_alert_rate" numeric(5,4) NOT NULL, "compensation_alert_rate" numeric(5,4) NOT NULL, "status" character varying(12) NOT NULL, "status_reason" character varying(500), "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_guarantee_funds_rules" CHECK (base_leverage > 0 AND (raised_leverage IS NULL OR raised_leverage >= base_leverage) AND fund_share > 0 AND fund_share <= 1 AND compensation_trigger_days >= 0), CONSTRAINT "ck_guarantee_funds_basis" CHECK (compensation_basis IN ('PRINCIPAL', 'PRINCIPAL_AND_INTEREST')), CONSTRAINT "ck_guarantee_funds_status" CHECK (status IN ('OPEN', 'SUSPENDED')), CONSTRAINT "pk_guarantee_funds" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_guarantee_funds_code" ON "guarantee_funds"  ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_guarantee_funds_region_code" ON "guarantee_funds"  ("region_code") `);
    await queryRunner.query(
      `CREATE TABLE "guarantees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_number" character varying(40) NOT NULL, "fund_id" uuid NOT NULL, "application_id" uuid NOT NULL, "loan_id" uuid, "region_code" character varying(12) NOT NULL, "bank_organisation_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "fund_share" numeric(5,4) NOT NULL, "status" character varying(12) NOT NULL, "issued_on" date NOT NULL, "issued_by_user_id" uuid NOT NULL, "ended_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_guarantees_amount" CHECK (amount_fen > 0), CONSTRAINT "ck_guarantees_status" CHECK (status IN ('ACTIVE', 'RELEASED', 'CANCELLED', 'COMPENSATED')), CONSTRAINT "pk_guarantees" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_guarantees_contract_number" ON "guarantees"  ("contract_number") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_guarantees_loan_id" ON "guarantees"  ("loan_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_guarantees_bank_organisation_id" ON "guarantees"  ("bank_organisation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_guarantees_fund_id_status" ON "guarantees"  ("fund_id", "status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_guarantees_application" ON "guarantees"  ("application_id") WHERE status <> 'CANCELLED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "compensation_claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(32) NOT NULL, "fund_id" uuid NOT NULL, "guarantee_id" uuid NOT NULL, "loan_id" uuid NOT NULL, "bank_organisation_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "status" character varying(12) NOT NULL, "as_of_date" date NOT NULL, "days_past_due" integer NOT NULL, "principal_outstanding_fen" bigint NOT NULL, "interest_overdue_fen" bigint NOT NULL, "compensation_basis" character varying(24) NOT NULL, "fund_share" numeric(5,4) NOT NULL, "covered_fen" bigint NOT NULL, "fund_pays_fen" bigint NOT NULL, "filed_by_user_id" uuid NOT NULL, "reviewed_by_user_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "decided_by_user_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "last_note" character varying(500), "paid_on" date, "payment_reference" character varying(100), "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_compensation_claims_status" CHECK (status IN ('FILED', 'REVIEWED', 'PAID', 'REJECTED')), CONSTRAINT "pk_compensation_claims" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_compensation_claims_number" ON "compensation_claims"  ("number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compensation_claims_guarantee_id" ON "compensation_claims"  ("guarantee_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compensation_claims_bank_organisation_id" ON "compensation_claims"  ("bank_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compensation_claims_fund_id_status" ON "compensation_claims"  ("fund_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_compensation_claims_loan" ON "compensation_claims"  ("loan_id") WHERE status <> 'REJECTED'`,
    );
    await queryRunner.query(`CREATE TABLE "guarantee_fund_entries" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "fund_id" uuid NOT NULL, "account" character varying(10) NOT NULL, "kind" character varying(24) NOT NULL, "amount_fen" bigint NOT NULL, "value_date" date NOT NULL, "guarantee_id" uuid, "loan_id" uuid, "repayment_id" uuid, "claim_id" uuid, "document_reference" character varying(100), "reverses_entry_id" bigint, "memo" character varying(500), "basis" jsonb, "booked_by_user_id" uuid, "booked_by_username" character varying(64) NOT NULL, "booked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_guarantee_fund_entries_kind" CHECK ((kind IN ('CONTRIBUTION', 'INTEREST_INCOME', 'RECOVERY_RECEIVED') AND account = 'DEPOSIT' AND amount_fen > 0)
   OR (kind = 'COMPENSATION_PAID' AND account = 'DEPOSIT' AND amount_fen < 0)
   OR (kind = 'ADJUSTMENT' AND account = 'DEPOSIT')
   OR (kind = 'RESERVE' AND account = 'LIABILITY' AND amount_fen > 0)
   OR (kind IN ('RELEASE_REPAYMENT', 'RELEASE_END') AND account = 'LIABILITY' AND amount_fen < 0)
   OR (kind = 'REVERSAL' AND reverses_entry_id IS NOT NULL)), CONSTRAINT "ck_guarantee_fund_entries_amount" CHECK (amount_fen <> 0), CONSTRAINT "pk_guarantee_fund_entries" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "ix_guarantee_fund_entries_guarantee_id" ON "guarantee_fund_entries"  ("guarantee_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_guarantee_fund_entries_claim_id" ON "guarantee_fund_entries"  ("claim_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_guarantee_fund_entries_fund_id_value_date" ON "guarantee_fund_entries"  ("fund_id", "value_date") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_guarantee_fund_entries_recovery_reference" ON "guarantee_fund_entries"  ("claim_id", "document_reference") WHERE kind = 'RECOVERY_RECEIVED'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_guarantee_fund_entries_reverses" ON "guarantee_fund_entries"  ("reverses_entry_id") WHERE reverses_entry_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "guarantees" ADD CONSTRAINT "fk_guarantees_fund_id" FOREIGN KEY ("fund_id") REFERENCES "guarantee_funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compensation_claims" ADD CONSTRAINT "fk_compensation_claims_guarantee_id" FOREIGN KEY ("guarantee_id") REFERENCES "guarantees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "guarantee_fund_entries" ADD CONSTRAINT "fk_guarantee_fund_entries_fund_id" FOREIGN KEY ("fund_id") REFERENCES "guarantee_funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The ledger is append-only: a correction is a reversing entry, never an edit.
    await queryRunner.query(`CREATE FUNCTION guarantee_fund_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'guarantee_fund_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER guarantee_fund_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON guarantee_fund_entries FOR EACH ROW EXECUTE FUNCTION guarantee_fund_entries_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER guarantee_fund_entries_no_truncate BEFORE TRUNCATE ON guarantee_fund_entries FOR EACH STATEMENT EXECUTE FUNCTION guarantee_fund_entries_refuse_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER guarantee_fund_entries_no_truncate ON guarantee_fund_entries`);
    await queryRunner.query(`DROP TRIGGER guarantee_fund_entries_no_update_or_delete ON guarantee_fund_entries`);
    await queryRunner.query(`DROP FUNCTION guarantee_fund_entries_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "guarantee_fund_entries" DROP CONSTRAINT "fk_guarantee_fund_entries_fund_id"`);
    await queryRunner.query(`ALTER TABLE "compensation_claims" DROP CONSTRAINT "fk_compensation_claims_guarantee_id"`);
    await queryRunner.query(`ALTER TABLE "guarantees" DROP CONSTRAINT "fk_guarantees_fund_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_guarantee_fund_entries_reverses"`);
    await queryRunner.query(`DROP INDEX "public"."uq_guarantee_fund_entries_recovery_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantee_fund_entries_fund_id_value_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantee_fund_entries_claim_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantee_fund_entries_guarantee_id"`);
    await queryRunner.query(`DROP TABLE "guarantee_fund_entries"`);
    await queryRunner.query(`DROP INDEX "public"."uq_compensation_claims_loan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compensation_claims_fund_id_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compensation_claims_bank_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compensation_claims_guarantee_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compensation_claims_number"`);
    await queryRunner.query(`DROP TABLE "compensation_claims"`);
    await queryRunner.query(`DROP INDEX "public"."uq_guarantees_application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantees_fund_id_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantees_bank_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantees_loan_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantees_contract_number"`);
    await queryRunner.query(`DROP TABLE "guarantees"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantee_funds_region_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_guarantee_funds_code"`);
    await queryRunner.query(`DROP TABLE "guarantee_funds"`);
  }
}
