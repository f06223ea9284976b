import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The order in which a loan's payments settle penalty, interest and principal. */
export class AddLoanAllocationOrder1795360868887 implements MigrationInterface {
  name = 'AddLoanAllocationOrder1795360868887';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Existing loans keep the default order; new loans always state theirs.
    await queryRunner.query(
      `ALTER TABLE "loans" ADD "allocation_order" character varying(10) array NOT NULL DEFAULT '{penalty,interest,principal}'`,
    );
    await queryRunner.query(`ALTER TABLE "loans" ALTER COLUMN "allocation_order" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "allocation_order"`);
  }
}
