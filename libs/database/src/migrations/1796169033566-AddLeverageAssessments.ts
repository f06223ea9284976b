import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The yearly leverage assessment of each fund (last year's repayment rate at maturity), taken once a year. */
export class AddLeverageAssessments1796169033566 implements MigrationInterface {
  name = 'AddLeverageAssessments1796169033566';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "guarantee_fund_leverage_assessments" ("fund_id" uuid NOT NULL, "year" integer NOT NULL, "due_fen" bigint NOT NULL, "paid_by_due_date_fen" bigint NOT NULL, "assessed_by_username" character varying(64) NOT NULL, "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_guarantee_fund_leverage_assessments" PRIMARY KEY ("fund_id", "year"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "guarantee_fund_leverage_assessments" ADD CONSTRAINT "fk_guarantee_fund_leverage_assessments_fund_id" FOREIGN KEY ("fund_id") REFERENCES "guarantee_funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "guarantee_fund_leverage_assessments" DROP CONSTRAINT "fk_guarantee_fund_leverage_assessments_fund_id"`,
    );
    await queryRunner.query(`DROP TABLE "guarantee_fund_leverage_assessments"`);
  }
}
