import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The applicant registry (personal data encrypted), applications, their history, field visits and step deadlines. */
export class CreateApplicantsAndApplications1795358239282 implements MigrationInterface {
  name = 'CreateApplicantsAndApplications1795358239282';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "applicants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(50) NOT NULL, "id_number_ciphertext" text NOT NULL, "id_number_index" character(64) NOT NULL, "id_number_masked" character varying(18) NOT NULL, "birth_date" date NOT NULL, "sex" character(1) NOT NULL, "female" boolean NOT NULL, "mobile_ciphertext" text NOT NULL, "mobile_index" character(64) NOT NULL, "mobile_masked" character varying(11) NOT NULL, "region_code" character varying(12) NOT NULL, "address_detail" character varying(200), "household_type" character varying(8) NOT NULL, "category" character varying(40), "sub_flags" character varying(40) array NOT NULL DEFAULT '{}', "business_kind" character varying(40) NOT NULL, "business_description" character varying(500), "credit_code" character varying(18), "credit_code_override_reason" character varying(200), "months_operating" integer NOT NULL DEFAULT '0', "jobs_created" integer NOT NULL DEFAULT '0', "spouse_id_number_ciphertext" text, "spouse_id_number_index" character(64), "spouse_id_number_masked" character varying(18), "bank_account_ciphertext" text, "bank_account_masked" character varying(24), "employment_status" character varying(40) NOT NULL, "prior_programme_loans" integer NOT NULL DEFAULT '0', "prior_loan_outstanding" boolean NOT NULL DEFAULT false, "other_loans" jsonb NOT NULL DEFAULT '[]', "organisation_id" uuid NOT NULL, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_applicants_household" CHECK (household_type IN ('URBAN', 'RURAL')), CONSTRAINT "ck_applicants_sex" CHECK (sex IN ('F', 'M')), CONSTRAINT "pk_applicants" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_applicants_id_number_index" ON "applicants"  ("id_number_index") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_applicants_mobile_index" ON "applicants"  ("mobile_index") `);
    await queryRunner.query(`CREATE INDEX "ix_applicants_region_code" ON "applicants"  ("region_code") `);
    await queryRunner.query(
      `CREATE INDEX "ix_applicants_spouse_id_number_index" ON "applicants"  ("spouse_id_number_index") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_applicants_organisation_id" ON "applicants"  ("organisation_id") `);
    await queryRunner.query(
      `CREATE TABLE "loan_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "applicant_id" uuid NOT NULL, "region_code" character varying(12) NOT NULL, "organisation_id" uuid NOT NULL, "bank_organisation_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "term_months" integer NOT NULL, "purpose" character varying(20) NOT NULL, "purpose_detail" character varying(500), "repayment_method" character varying(48) NOT NULL, "partnership_members" jsonb NOT NULL DEFAULT '[]', "status" character varying(24) NOT NULL, "policy_id" uuid, "eligibility" jsonb NOT NULL DEFAULT '[]', "eligibility_checked_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid NOT NULL, "last_actor_user_id" uuid NOT NULL, "step_entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "step_due_date" date, "last_reason" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_loan_applications_amount" CHECK (amount_fen > 0 AND term_months > 0), CONSTRAINT "ck_loan_applications_status" CHECK (status IN ('DRAFT', 'SUBMITTED', 'RECOMMENDED', 'ELIGIBILITY_CONFIRMED', 'GUARANTEE_APPROVED', 'APPROVED', 'RETURNED', 'REJECTED', 'WITHDRAWN')), CONSTRAINT "pk_loan_applications" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_loan_applications_number" ON "loan_applications"  ("number") `);
    await queryRunner.query(`CREATE INDEX "ix_loan_applications_region_code" ON "loan_applications"  ("region_code") `);
    await queryRunner.query(
      `CREATE INDEX "ix_loan_applications_bank_organisation_id" ON "loan_applications"  ("bank_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_loan_applications_status_step_due_date" ON "loan_applications"  ("status", "step_due_date") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_loan_applications_open_per_applicant" ON "loan_applications"  ("applicant_id") WHERE status IN ('DRAFT', 'SUBMITTED', 'RECOMMENDED', 'ELIGIBILITY_CONFIRMED', 'GUARANTEE_APPROVED', 'APPROVED', 'RETURNED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "loan_application_transitions" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "application_id" uuid NOT NULL, "action" character varying(40) NOT NULL, "from_status" character varying(24), "to_status" character varying(24) NOT NULL, "actor_user_id" uuid NOT NULL, "reason" character varying(500), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_loan_application_transitions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_loan_application_transitions_application_id" ON "loan_application_transitions"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "field_visits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "visit_date" date NOT NULL, "officer_user_id" uuid NOT NULL, "findings" text NOT NULL, "attachments" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_field_visits" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_field_visits_application_id" ON "field_visits"  ("application_id") `);
    await queryRunner.query(
      `CREATE TABLE "review_step_deadlines" ("step" character varying(24) NOT NULL, "working_days" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_review_step_deadlines_days" CHECK (working_days > 0), CONSTRAINT "pk_review_step_deadlines" PRIMARY KEY ("step"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "loan_applications" ADD CONSTRAINT "fk_loan_applications_applicant_id" FOREIGN KEY ("applicant_id") REFERENCES "applicants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loan_application_transitions" ADD CONSTRAINT "fk_loan_application_transitions_application_id" FOREIGN KEY ("application_id") REFERENCES "loan_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "field_visits" ADD CONSTRAINT "fk_field_visits_application_id" FOREIGN KEY ("application_id") REFERENCES "loan_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Application numbers (SQ-<year>-<n>) come from a sequence: gap-free is not required, unique is.
    await queryRunner.query(`CREATE SEQUENCE loan_application_number_seq`);
    // Working days per review step; administrators change them (bank due diligence is about 10 working days).
    await queryRunner.query(
      `INSERT INTO review_step_deadlines (step, working_days) VALUES ('FEDERATION_REVIEW', 5), ('EMPLOYMENT_REVIEW', 5), ('GUARANTEE_REVIEW', 5), ('BANK_REVIEW', 10)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE loan_application_number_seq`);
    await queryRunner.query(`ALTER TABLE "field_visits" DROP CONSTRAINT "fk_field_visits_application_id"`);
    await queryRunner.query(
      `ALTER TABLE "loan_application_transitions" DROP CONSTRAINT "fk_loan_application_transitions_application_id"`,
    );
    await queryRunner.query(`ALTER TABLE "loan_applications" DROP CONSTRAINT "fk_loan_applications_applicant_id"`);
    await queryRunner.query(`DROP TABLE "review_step_deadlines"`);
    await queryRunner.query(`DROP INDEX "public"."ix_field_visits_application_id"`);
    await queryRunner.query(`DROP TABLE "field_visits"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_application_transitions_application_id"`);
    await queryRunner.query(`DROP TABLE "loan_application_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_loan_applications_open_per_applicant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_applications_status_step_due_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_applications_bank_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_applications_region_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_applications_number"`);
    await queryRunner.query(`DROP TABLE "loan_applications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applicants_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applicants_spouse_id_number_index"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applicants_region_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applicants_mobile_index"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applicants_id_number_index"`);
    await queryRunner.query(`DROP TABLE "applicants"`);
  }
}
