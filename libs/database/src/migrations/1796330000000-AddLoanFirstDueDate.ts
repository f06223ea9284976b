import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLoanFirstDueDate1796330000000 implements MigrationInterface {
  name = 'AddLoanFirstDueDate1796330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loans" ADD "first_due_date" date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "first_due_date"`);
  }
}
