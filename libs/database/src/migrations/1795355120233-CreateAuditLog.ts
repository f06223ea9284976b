import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit log of every state change and security event. */
export class CreateAuditLog1795355120233 implements MigrationInterface {
  name = 'CreateAuditLog1795355120233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "actor_username" character varying(64), "actor_organisation_id" uuid, "action" character varying(100) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(64), "before" jsonb, "after" jsonb, "request_id" character varying(64), "ip" character varying(64), CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_actor_user_id" ON "audit_log"  ("actor_user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_action" ON "audit_log"  ("action") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_occurred_at" ON "audit_log"  ("occurred_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_entity_type_entity_id" ON "audit_log"  ("entity_type", "entity_id") `,
    );
    // Append-only: history cannot be rewritten, not even by the application's own database role.
    await queryRunner.query(`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_update_or_delete ON audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_entity_type_entity_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_occurred_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_action"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_actor_user_id"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
