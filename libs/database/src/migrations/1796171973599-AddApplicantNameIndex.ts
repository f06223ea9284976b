import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Applicants by name, for reconciliation's suggestions. */
export class AddApplicantNameIndex1796171973599 implements MigrationInterface {
  name = 'AddApplicantNameIndex1796171973599';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_applicants_name" ON "applicants"  ("name") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_applicants_name"`);
  }
}
