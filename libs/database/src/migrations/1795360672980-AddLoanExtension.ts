import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 展期: when a loan was extended, for how long, and its maturity before. */
export class AddLoanExtension1795360672980 implements MigrationInterface {
  name = 'AddLoanExtension1795360672980';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loans" ADD "original_maturity_date" date`);
    await queryRunner.query(`ALTER TABLE "loans" ADD "extended_on" date`);
    await queryRunner.query(`ALTER TABLE "loans" ADD "extension_months" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "extension_months"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "extended_on"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "original_maturity_date"`);
  }
}
