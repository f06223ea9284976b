import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Loan contracts, their installments, repayments and how each repayment was allocated. */
export class CreateLoansAndRepayments1795359967480 implements MigrationInterface {
  name = 'CreateLoansAndRepayments1795359967480';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "loans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_number" character varying(64) NOT NULL, "application_id" uuid NOT NULL, "applicant_id" uuid NOT NULL, "bank_organisation_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "policy_id" uuid NOT NULL, "principal_fen" bigint NOT NULL, "annual_rate" numeric(9,6) NOT NULL, "lpr_percent" numeric(6,4) NOT NULL, "lpr_effective_date" date NOT NULL, "signing_date" date NOT NULL, "term_months" integer NOT NULL, "repayment_method" character varying(48) NOT NULL, "conventions" jsonb NOT NULL, "penalty_uplift" numeric(6,4) NOT NULL, "grace_days" integer NOT NULL DEFAULT '0', "credit_fen" bigint NOT NULL DEFAULT '0', "status" character varying(16) NOT NULL, "value_date" date, "maturity_date" date, "bank_loan_number" character varying(64), "disbursement_reference" character varying(64), "signed_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_loans_principal" CHECK (principal_fen > 0 AND term_months > 0), CONSTRAINT "pk_loans" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_loans_contract_number" ON "loans"  ("contract_number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_loans_application_id" ON "loans"  ("application_id") `);
    await queryRunner.query(`CREATE INDEX "ix_loans_applicant_id" ON "loans"  ("applicant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_loans_bank_organisation_id" ON "loans"  ("bank_organisation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_loans_region_code" ON "loans"  ("region_code") `);
    await queryRunner.query(
      `CREATE TABLE "installments" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "loan_id" uuid NOT NULL, "number" integer NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "due_date" date NOT NULL, "days" integer NOT NULL, "principal_due_fen" bigint NOT NULL, "interest_due_fen" bigint NOT NULL, "principal_paid_fen" bigint NOT NULL DEFAULT '0', "interest_paid_fen" bigint NOT NULL DEFAULT '0', "penalty_accrued_fen" bigint NOT NULL DEFAULT '0', "penalty_paid_fen" bigint NOT NULL DEFAULT '0', "penalty_accrued_through" date, "subsidisable" boolean NOT NULL DEFAULT true, "status" character varying(16) NOT NULL DEFAULT 'PENDING', CONSTRAINT "uq_installments_loan_id_number" UNIQUE ("loan_id", "number"), CONSTRAINT "pk_installments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_installments_status_due_date" ON "installments"  ("status", "due_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "repayments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "loan_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "value_date" date NOT NULL, "channel" character varying(24) NOT NULL, "external_reference" character varying(100) NOT NULL, "credit_fen" bigint NOT NULL DEFAULT '0', "loan_status_before" character varying(16) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'POSTED', "posted_by_user_id" uuid NOT NULL, "posted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reversed_at" TIMESTAMP WITH TIME ZONE, "reversed_by_user_id" uuid, "reversal_reason" character varying(500), CONSTRAINT "uq_repayments_loan_id_external_reference" UNIQUE ("loan_id", "external_reference"), CONSTRAINT "ck_repayments_amount" CHECK (amount_fen > 0), CONSTRAINT "pk_repayments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_repayments_loan_id" ON "repayments"  ("loan_id") `);
    await queryRunner.query(
      `CREATE TABLE "repayment_allocations" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "repayment_id" uuid NOT NULL, "installment_id" bigint NOT NULL, "penalty_fen" bigint NOT NULL, "interest_fen" bigint NOT NULL, "principal_fen" bigint NOT NULL, "installment_status_before" character varying(16) NOT NULL, CONSTRAINT "pk_repayment_allocations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_repayment_allocations_repayment_id" ON "repayment_allocations"  ("repayment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_repayment_allocations_installment_id" ON "repayment_allocations"  ("installment_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "installments" ADD CONSTRAINT "fk_installments_loan_id" FOREIGN KEY ("loan_id") REFERENCES "loans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "repayments" ADD CONSTRAINT "fk_repayments_loan_id" FOREIGN KEY ("loan_id") REFERENCES "loans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "repayment_allocations" ADD CONSTRAINT "fk_repayment_allocations_repayment_id" FOREIGN KEY ("repayment_id") REFERENCES "repayments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "repayment_allocations" ADD CONSTRAINT "fk_repayment_allocations_installment_id" FOREIGN KEY ("installment_id") REFERENCES "installments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "repayment_allocations" DROP CONSTRAINT "fk_repayment_allocations_installment_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "repayment_allocations" DROP CONSTRAINT "fk_repayment_allocations_repayment_id"`,
    );
    await queryRunner.query(`ALTER TABLE "repayments" DROP CONSTRAINT "fk_repayments_loan_id"`);
    await queryRunner.query(`ALTER TABLE "installments" DROP CONSTRAINT "fk_installments_loan_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_repayment_allocations_installment_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_repayment_allocations_repayment_id"`);
    await queryRunner.query(`DROP TABLE "repayment_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_repayments_loan_id"`);
    await queryRunner.query(`DROP TABLE "repayments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_installments_status_due_date"`);
    await queryRunner.query(`DROP TABLE "installments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loans_region_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loans_bank_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loans_applicant_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loans_application_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loans_contract_number"`);
    await queryRunner.query(`DROP TABLE "loans"`);
  }
}
