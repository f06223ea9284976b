import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCalendarDays1796340000000 implements MigrationInterface {
  name = 'AddCalendarDays1796340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."calendar_day_kind" AS ENUM('HOLIDAY', 'WORKDAY')`);
    await queryRunner.query(
      `CREATE TABLE "calendar_days" ("date" date NOT NULL, "kind" "public"."calendar_day_kind" NOT NULL, "name" character varying(50) NOT NULL, "source" character varying(200) NOT NULL, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_calendar_days" PRIMARY KEY ("date"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_days"`);
    await queryRunner.query(`DROP TYPE "public"."calendar_day_kind"`);
  }
}
