import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics loan versions by date: the nightly job prunes the versions the history window no longer needs,
 * finding them from the versions that took over in the days the window moved past.
 */
export class AddStatisticsLoanFactsAsOfIndex1796490000000 implements MigrationInterface {
  name = 'AddStatisticsLoanFactsAsOfIndex1796490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_statistics_loan_facts_as_of" ON "statistics_loan_facts" ("as_of")`);
    // Up to which date the versions taken over have been pruned (none yet: null).
    await queryRunner.query(`ALTER TABLE "statistics_loan_facts_state" ADD "pruned_to" date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statistics_loan_facts_state" DROP COLUMN "pruned_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statistics_loan_facts_as_of"`);
  }
}
