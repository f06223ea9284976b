import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `'DRAFT', 'SUBMITTED', 'RECOMMENDED', 'ELIGIBILITY_CONFIRMED', 'GUARANTEE_APPROVED', 'APPROVED', 'RETURNED'`;

/** An application whose loan has ended is CLOSED, so the person may apply again. (Written by hand: the schema
 * diff compares CHECK constraints by name, not by expression.) */
export class AllowClosedApplications1795361400000 implements MigrationInterface {
  name = 'AllowClosedApplications1795361400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loan_applications" DROP CONSTRAINT "ck_loan_applications_status"`);
    await queryRunner.query(
      `ALTER TABLE "loan_applications" ADD CONSTRAINT "ck_loan_applications_status" CHECK (status IN (${OPEN}, 'REJECTED', 'WITHDRAWN', 'CLOSED'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loan_applications" DROP CONSTRAINT "ck_loan_applications_status"`);
    await queryRunner.query(
      `ALTER TABLE "loan_applications" ADD CONSTRAINT "ck_loan_applications_status" CHECK (status IN (${OPEN}, 'REJECTED', 'WITHDRAWN'))`,
    );
  }
}
