import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1796200000000-GrantAppRole';

/**
 * The yearly subsidy budget of each funding level (one row per region, year and level: the row bookings lock) and
 * its append-only ledger. Neither table is ever changed: triggers refuse UPDATE, DELETE and TRUNCATE for every
 * role, and the application role has no UPDATE, DELETE or TRUNCATE on the entries at all. (It keeps UPDATE on
 * the budgets: SELECT … FOR UPDATE needs it; the trigger still refuses a real update.)
 */
export class AddSubsidyBudgets1796360000000 implements MigrationInterface {
  name = 'AddSubsidyBudgets1796360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subsidy_budgets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(12) NOT NULL, "fiscal_year" integer NOT NULL, "funding_level" character varying(12) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_subsidy_budgets_year" CHECK (fiscal_year BETWEEN 2000 AND 2100), CONSTRAINT "ck_subsidy_budgets_level" CHECK (funding_level IN ('CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY')), CONSTRAINT "pk_subsidy_budgets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subsidy_budgets_key" ON "subsidy_budgets"  ("region_code", "fiscal_year", "funding_level") `,
    );
    await queryRunner.query(`CREATE TABLE "subsidy_budget_entries" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "budget_id" uuid NOT NULL, "account" character varying(10) NOT NULL, "kind" character varying(12) NOT NULL, "amount_fen" bigint NOT NULL, "value_date" date NOT NULL, "document_reference" character varying(100), "claim_line_id" uuid, "payout_batch_id" uuid, "reverses_entry_id" bigint, "memo" character varying(500), "booked_by_user_id" uuid, "booked_by_username" character varying(64) NOT NULL, "booked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_subsidy_budget_entries_kind" CHECK ((kind IN ('ALLOCATION', 'TOP_UP') AND account = 'AVAILABLE' AND amount_fen > 0)
   OR (kind = 'COMMITMENT' AND account = 'AVAILABLE' AND amount_fen < 0 AND claim_line_id IS NOT NULL)
   OR (kind = 'RELEASE' AND account = 'AVAILABLE' AND amount_fen > 0 AND claim_line_id IS NOT NULL)
   OR (kind = 'PAYOUT' AND account = 'PAID' AND amount_fen > 0 AND claim_line_id IS NOT NULL AND payout_batch_id IS NOT NULL)
   OR (kind = 'REVERSAL' AND reverses_entry_id IS NOT NULL)), CONSTRAINT "ck_subsidy_budget_entries_amount" CHECK (amount_fen <> 0), CONSTRAINT "pk_subsidy_budget_entries" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "ix_subsidy_budget_entries_claim_line_id" ON "subsidy_budget_entries"  ("claim_line_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_subsidy_budget_entries_payout_batch_id" ON "subsidy_budget_entries"  ("payout_batch_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_subsidy_budget_entries_budget_id_id" ON "subsidy_budget_entries"  ("budget_id", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subsidy_budget_entries_commitment" ON "subsidy_budget_entries"  ("budget_id", "claim_line_id") WHERE kind = 'COMMITMENT'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subsidy_budget_entries_reverses" ON "subsidy_budget_entries"  ("reverses_entry_id") WHERE reverses_entry_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "subsidy_budget_entries" ADD CONSTRAINT "fk_subsidy_budget_entries_budget_id" FOREIGN KEY ("budget_id") REFERENCES "subsidy_budgets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE FUNCTION subsidy_budgets_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    for (const table of ['subsidy_budgets', 'subsidy_budget_entries']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_or_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION subsidy_budgets_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION subsidy_budgets_refuse_change()`,
      );
    }
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON subsidy_budget_entries FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON subsidy_budgets FROM ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['subsidy_budget_entries', 'subsidy_budgets']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_update_or_delete ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION subsidy_budgets_refuse_change()`);
    await queryRunner.query(
      `ALTER TABLE "subsidy_budget_entries" DROP CONSTRAINT "fk_subsidy_budget_entries_budget_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_subsidy_budget_entries_reverses"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subsidy_budget_entries_commitment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_budget_entries_budget_id_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_budget_entries_payout_batch_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_budget_entries_claim_line_id"`);
    await queryRunner.query(`DROP TABLE "subsidy_budget_entries"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subsidy_budgets_key"`);
    await queryRunner.query(`DROP TABLE "subsidy_budgets"`);
  }
}
