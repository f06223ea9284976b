import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bank account may follow a preset column mapping by its code (a corrected preset reaches every account using
 * it), and every statement line carries its currency: lines stored before said none and were read as yuan.
 */
export class StatementMappingsAndCurrency1796430000000 implements MigrationInterface {
  name = 'StatementMappingsAndCurrency1796430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bank_statement_accounts" ADD "mapping_preset" character varying(16)`);
    await queryRunner.query(`UPDATE "statement_lines" SET "currency" = 'CNY' WHERE "currency" IS NULL`);
    await queryRunner.query(`ALTER TABLE "statement_lines" ALTER COLUMN "currency" SET DEFAULT 'CNY'`);
    await queryRunner.query(`ALTER TABLE "statement_lines" ALTER COLUMN "currency" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statement_lines" ALTER COLUMN "currency" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "statement_lines" ALTER COLUMN "currency" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "bank_statement_accounts" DROP COLUMN "mapping_preset"`);
  }
}
