import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Marks payoffs (full prepayments) apart from regular repayments. */
export class AddRepaymentKind1795360535472 implements MigrationInterface {
  name = 'AddRepaymentKind1795360535472';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repayments" ADD "kind" character varying(10) NOT NULL DEFAULT 'REGULAR'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repayments" DROP COLUMN "kind"`);
  }
}
