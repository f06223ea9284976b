import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contacts with borrowers about their loans (calls, visits, text messages): append-only, like the audit log. */
export class AddLoanContacts1796420000000 implements MigrationInterface {
  name = 'AddLoanContacts1796420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "loan_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "loan_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "outcome" character varying(24) NOT NULL, "contacted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "promised_date" date, "promised_amount_fen" bigint, "note" character varying(500), "officer_user_id" uuid NOT NULL, "officer_name" character varying(100) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_loan_contacts_promised_amount" CHECK (promised_amount_fen IS NULL OR promised_amount_fen > 0), CONSTRAINT "ck_loan_contacts_promise" CHECK ((promised_date IS NULL AND promised_amount_fen IS NULL) OR outcome = 'PROMISED_TO_PAY'), CONSTRAINT "ck_loan_contacts_outcome" CHECK (outcome IN ('REACHED', 'NOT_REACHED', 'PROMISED_TO_PAY', 'REFUSED', 'WRONG_NUMBER', 'CLAIMS_PAID', 'OTHER')), CONSTRAINT "ck_loan_contacts_kind" CHECK (kind IN ('PHONE_CALL', 'VISIT', 'SMS', 'OTHER')), CONSTRAINT "pk_loan_contacts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_loan_contacts_latest" ON "loan_contacts"  ("loan_id", "contacted_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "loan_contacts" ADD CONSTRAINT "fk_loan_contacts_loan_id" FOREIGN KEY ("loan_id") REFERENCES "loans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A wrong record is corrected by a later one, never edited or removed.
    await queryRunner.query(`CREATE FUNCTION loan_contacts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'loan_contacts is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER loan_contacts_no_update_or_delete BEFORE UPDATE OR DELETE ON loan_contacts FOR EACH ROW EXECUTE FUNCTION loan_contacts_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER loan_contacts_no_truncate BEFORE TRUNCATE ON loan_contacts FOR EACH STATEMENT EXECUTE FUNCTION loan_contacts_refuse_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER loan_contacts_no_truncate ON loan_contacts`);
    await queryRunner.query(`DROP TRIGGER loan_contacts_no_update_or_delete ON loan_contacts`);
    await queryRunner.query(`DROP FUNCTION loan_contacts_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "loan_contacts" DROP CONSTRAINT "fk_loan_contacts_loan_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_loan_contacts_latest"`);
    await queryRunner.query(`DROP TABLE "loan_contacts"`);
  }
}
