import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bank statement accounts, statement imports (with the file in chunks) and statement lines. */
export class CreateReconciliation1796170995520 implements MigrationInterface {
  name = 'CreateReconciliation1796170995520';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bank_statement_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bank_organisation_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "account_number" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "currency" character varying(3) NOT NULL DEFAULT 'CNY', "format" character varying(10), "column_mapping" jsonb, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_bank_statement_accounts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_bank_statement_accounts_bank_organisation_id" ON "bank_statement_accounts"  ("bank_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bank_statement_accounts_number" ON "bank_statement_accounts"  ("bank_organisation_id", "account_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "statement_file_chunks" ("import_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "pk_statement_file_chunks" PRIMARY KEY ("import_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "statement_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bank_account_id" uuid NOT NULL, "bank_organisation_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "file_name" character varying(255) NOT NULL, "format" character varying(10) NOT NULL, "content_sha256" character(64) NOT NULL, "size_bytes" bigint NOT NULL, "status" character varying(12) NOT NULL, "lines_read" integer NOT NULL DEFAULT '0', "lines_stored" integer NOT NULL DEFAULT '0', "lines_already_known" integer NOT NULL DEFAULT '0', "error_message" text, "error_line" integer, "error_field" character varying(100), "opening_balance_fen" bigint, "closing_balance_fen" bigint, "period_from" date, "period_to" date, "uploaded_by_user_id" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_statement_imports" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_statement_imports_bank_account_id" ON "statement_imports"  ("bank_account_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_statement_imports_content" ON "statement_imports"  ("bank_account_id", "content_sha256") WHERE status <> 'FAILED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "statement_lines" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "import_id" uuid NOT NULL, "bank_account_id" uuid NOT NULL, "line_number" integer NOT NULL, "bank_transaction_id" character varying(100), "dedupe_key" character(64) NOT NULL, "booking_date" date NOT NULL, "value_date" date, "amount_fen" bigint NOT NULL, "currency" character varying(3), "counterparty_name" character varying(200), "counterparty_account_ciphertext" text, "counterparty_account_masked" character varying(40), "counterparty_account_index" character varying(64), "reference" character varying(200), "description" character varying(500), "balance_after_fen" bigint, "outcome" character varying(16) NOT NULL, "match_tier" smallint, "match_rule" character varying(40), "matched_kind" character varying(16), "matched_loan_id" uuid, "matched_repayment_id" uuid, "split_repayment_ids" uuid array, "installments_settled" integer, "duplicate_of_line_id" bigint, "note" character varying(500), "resolved_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_statement_lines" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_statement_lines_import_id" ON "statement_lines"  ("import_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_statement_lines_counterparty_account_index" ON "statement_lines"  ("counterparty_account_index") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_statement_lines_matched_loan_id" ON "statement_lines"  ("matched_loan_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_statement_lines_bank_account_id_outcome" ON "statement_lines"  ("bank_account_id", "outcome") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_statement_lines_bank_account_id_booking_date" ON "statement_lines"  ("bank_account_id", "booking_date") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_statement_lines_dedupe" ON "statement_lines"  ("bank_account_id", "dedupe_key") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_statement_lines_dedupe"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_bank_account_id_booking_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_bank_account_id_outcome"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_matched_loan_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_counterparty_account_index"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_import_id"`);
    await queryRunner.query(`DROP TABLE "statement_lines"`);
    await queryRunner.query(`DROP INDEX "public"."uq_statement_imports_content"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_imports_bank_account_id"`);
    await queryRunner.query(`DROP TABLE "statement_imports"`);
    await queryRunner.query(`DROP TABLE "statement_file_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bank_statement_accounts_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_statement_accounts_bank_organisation_id"`);
    await queryRunner.query(`DROP TABLE "bank_statement_accounts"`);
  }
}
