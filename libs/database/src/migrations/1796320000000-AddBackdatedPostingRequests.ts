import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddBackdatedPostingRequests1796320000000 implements MigrationInterface {
  name = 'AddBackdatedPostingRequests1796320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "backdated_posting_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "loan_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "value_date" date NOT NULL, "channel" character varying(24) NOT NULL, "external_reference" character varying(100) NOT NULL, "reason" character varying(500) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "maker_user_id" uuid NOT NULL, "maker_name" character varying(100) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "checker_user_id" uuid, "checker_name" character varying(100), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" character varying(500), "repayment_id" uuid, CONSTRAINT "ck_backdated_posting_requests_decision" CHECK ((status = 'PENDING') = (decided_at IS NULL) AND (status = 'APPROVED') = (repayment_id IS NOT NULL)), CONSTRAINT "ck_backdated_posting_requests_status" CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')), CONSTRAINT "ck_backdated_posting_requests_amount" CHECK (amount_fen > 0), CONSTRAINT "pk_backdated_posting_requests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_backdated_posting_requests_loan_id" ON "backdated_posting_requests"  ("loan_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_backdated_posting_requests_list" ON "backdated_posting_requests"  ("status", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_backdated_posting_requests_pending_reference" ON "backdated_posting_requests"  ("loan_id", "external_reference") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `ALTER TABLE "backdated_posting_requests" ADD CONSTRAINT "fk_backdated_posting_requests_loan_id" FOREIGN KEY ("loan_id") REFERENCES "loans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "backdated_posting_requests" DROP CONSTRAINT "fk_backdated_posting_requests_loan_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_backdated_posting_requests_pending_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_backdated_posting_requests_list"`);
    await queryRunner.query(`DROP INDEX "public"."ix_backdated_posting_requests_loan_id"`);
    await queryRunner.query(`DROP TABLE "backdated_posting_requests"`);
  }
}
