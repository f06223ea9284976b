import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Loan policies versioned by jurisdiction and effective dates, and the published LPR history. */
export class CreateLoanPolicies1795357793236 implements MigrationInterface {
  name = 'CreateLoanPolicies1795357793236';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lpr_rates" ("effective_date" date NOT NULL, "one_year_percent" numeric(6,4) NOT NULL, "five_year_percent" numeric(6,4), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_lpr_rates_five_year_percent" CHECK (five_year_percent IS NULL OR five_year_percent > 0), CONSTRAINT "ck_lpr_rates_one_year_percent" CHECK (one_year_percent > 0), CONSTRAINT "pk_lpr_rates" PRIMARY KEY ("effective_date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "loan_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "legal_basis" character varying(500), "jurisdiction_region_code" character varying(12) NOT NULL, "effective_from" date NOT NULL, "effective_to" date, "version" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "min_age" integer NOT NULL, "max_age" integer NOT NULL, "max_age_plus_term_years" integer, "individual_max_fen" bigint NOT NULL, "partnership_per_person_max_fen" bigint NOT NULL, "partnership_total_percent_of_members" numeric(7,2) NOT NULL, "partnership_absolute_max_fen" bigint, "max_term_months" integer NOT NULL, "extension_max_months" integer NOT NULL, "max_cumulative_loans" integer NOT NULL, "rate_cap_basis_points_over_lpr" integer NOT NULL, "eligible_categories" character varying(40) array NOT NULL, "women_only" boolean NOT NULL, "counter_guarantee_required" boolean NOT NULL, "repayment_methods" character varying(48) array NOT NULL, "other_loan_exempt_kinds" character varying(32) array NOT NULL, "small_consumer_loan_max_fen" bigint NOT NULL, "excluded_employers" character varying(32) array NOT NULL, "subsidy_rule" jsonb NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_loan_policies_code_jurisdiction_region_code_version" UNIQUE ("code", "jurisdiction_region_code", "version"), CONSTRAINT "ck_loan_policies_amounts" CHECK (individual_max_fen > 0 AND partnership_per_person_max_fen > 0 AND small_consumer_loan_max_fen >= 0 AND (partnership_absolute_max_fen IS NULL OR partnership_absolute_max_fen > 0)), CONSTRAINT "ck_loan_policies_age_band" CHECK (min_age <= max_age), CONSTRAINT "ck_loan_policies_effective_range" CHECK (effective_to IS NULL OR effective_to >= effective_from), CONSTRAINT "ck_loan_policies_status" CHECK (status IN ('ACTIVE', 'RETIRED')), CONSTRAINT "pk_loan_policies" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_loan_policies_jurisdiction_region_code" ON "loan_policies"  ("jurisdiction_region_code") `,
    );
    await queryRunner.query(
      `ALTER TABLE "loan_policies" ADD CONSTRAINT "fk_loan_policies_jurisdiction_region_code" FOREIGN KEY ("jurisdiction_region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loan_policies" DROP CONSTRAINT "fk_loan_policies_jurisdiction_region_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_policies_jurisdiction_region_code"`);
    await queryRunner.query(`DROP TABLE "loan_policies"`);
    await queryRunner.query(`DROP TABLE "lpr_rates"`);
  }
}
