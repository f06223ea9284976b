import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServicingByValueDate1796300000000 implements MigrationInterface {
  name = 'ServicingByValueDate1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "loan_policies" ADD "penalty_basis" character varying(24) NOT NULL DEFAULT 'PRINCIPAL'`,
    );
    await queryRunner.query(
      `ALTER TABLE "loans" ADD "penalty_basis" character varying(24) NOT NULL DEFAULT 'PRINCIPAL'`,
    );
    await queryRunner.query(`ALTER TABLE "installments" ADD "penalty_fen_days" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "repayments" ADD "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL`);
    // Penalty accrued before this change was rounded per close run; carry it over as the overdue principal counted
    // over the days already accrued (exact for installments without a partial payment while overdue).
    await queryRunner.query(
      `UPDATE "installments" SET "penalty_fen_days" = ("principal_due_fen" - "principal_paid_fen") * ("penalty_accrued_through" - "due_date")
        WHERE "penalty_accrued_through" IS NOT NULL AND "penalty_accrued_through" > "due_date"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "repayments" DROP COLUMN "seq"`);
    await queryRunner.query(`ALTER TABLE "installments" DROP COLUMN "penalty_fen_days"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP COLUMN "penalty_basis"`);
    await queryRunner.query(`ALTER TABLE "loan_policies" DROP COLUMN "penalty_basis"`);
  }
}
