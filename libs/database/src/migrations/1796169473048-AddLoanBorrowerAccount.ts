import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The borrower account a loan was paid into: encrypted, masked, and hashed for statement matching. */
export class AddLoanBorrowerAccount1796169473048 implements MigrationInterface {
  name = 'AddLoanBorrowerAccount1796169473048';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loans" ADD "borrower_account_ciphertext" text`);
    await queryRunner.query(`ALTER TABLE "loans" ADD "borrower_account_masked" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "loans" ADD "borrower_account_index" character varying(64)`);
    await queryRunner.query(`CREATE INDEX "ix_loans_borrower_account_index" ON "loans"  ("borrower_account_index") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_loans_borrower_account_index"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "borrower_account_index"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "borrower_account_masked"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "borrower_account_ciphertext"`);
  }
}
