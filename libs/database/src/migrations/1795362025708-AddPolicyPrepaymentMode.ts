import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How a partial prepayment reschedules the rest of a loan, per policy. */
export class AddPolicyPrepaymentMode1795362025708 implements MigrationInterface {
  name = 'AddPolicyPrepaymentMode1795362025708';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Existing policies re-amortise (keep the maturity); new versions state their mode.
    await queryRunner.query(
      `ALTER TABLE "loan_policies" ADD "prepayment_mode" character varying(12) NOT NULL DEFAULT 'REAMORTISE'`,
    );
    await queryRunner.query(`ALTER TABLE "loan_policies" ALTER COLUMN "prepayment_mode" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loan_policies" DROP COLUMN "prepayment_mode"`);
  }
}
