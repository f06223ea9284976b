import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and notices: rules per region (versioned), templates (versioned; version 1 of each kind seeded here, in
 * Chinese), consents and opt-outs per borrower and channel, the message rows (written under a unique key before
 * anything is sent; the phone and the template values only encrypted) and the daily cap's counter per phone.
 */
export class CreateNotifications1796410000000 implements MigrationInterface {
  name = 'CreateNotifications1796410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "applicant_id" uuid NOT NULL, "channel" character varying(8) NOT NULL, "kind" character varying(8) NOT NULL, "reason" character varying(200), "recorded_by_user_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_by_user_id" uuid, "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_notification_consents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_consents_applicant" ON "notification_consents"  ("applicant_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_consents_live" ON "notification_consents"  ("applicant_id", "channel") WHERE withdrawn_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" character varying(200) NOT NULL, "kind" character varying(24) NOT NULL, "recipient_kind" character varying(24) NOT NULL, "channel" character varying(8) NOT NULL, "region_code" character varying(12) NOT NULL, "loan_id" uuid, "installment_id" bigint, "applicant_id" uuid, "recipient_user_id" uuid, "claim_line_id" uuid, "rule_id" uuid, "rule_version" integer, "template_id" uuid NOT NULL, "template_version" integer NOT NULL, "scheduled_date" date NOT NULL, "offset_days" integer, "due_date" date, "amount_fen" bigint, "phone_index" character(64), "phone_masked" character varying(11), "envelope_ciphertext" text, "status" character varying(24) NOT NULL, "dispatch" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_on" date, "sent_at" TIMESTAMP WITH TIME ZONE, "gateway_message_id" character varying(100), "receipt_status" character varying(16), "receipt_at" TIMESTAMP WITH TIME ZONE, "last_error_code" character varying(32), "last_gateway_code" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_messages_key" ON "notification_messages"  ("dedupe_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_notification_messages_loan_id" ON "notification_messages"  ("loan_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_messages_applicant_id" ON "notification_messages"  ("applicant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_messages_gateway_message_id" ON "notification_messages"  ("gateway_message_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_messages_list" ON "notification_messages"  ("region_code", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_messages_dispatch" ON "notification_messages"  ("status", "not_before") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_phone_days" ("phone_index" character(64) NOT NULL, "business_date" date NOT NULL, "sent" integer NOT NULL, CONSTRAINT "pk_notification_phone_days" PRIMARY KEY ("phone_index", "business_date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(12) NOT NULL, "version" integer NOT NULL, "effective_from" date NOT NULL, "days_before" integer array NOT NULL, "days_after" integer array NOT NULL, "recipients" character varying(24) array NOT NULL, "quiet_start" character varying(5), "quiet_end" character varying(5), "daily_cap_per_phone" integer NOT NULL, "channel" character varying(8) NOT NULL, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_rules" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_rules_version" ON "notification_rules"  ("region_code", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(24) NOT NULL, "version" integer NOT NULL, "body" character varying(500) NOT NULL, "sign_name" character varying(20) NOT NULL, "gateway_template_code" character varying(64) NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_templates" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_templates_version" ON "notification_templates"  ("kind", "version") `,
    );
    await queryRunner.query(
      `INSERT INTO notification_templates (kind, version, body, sign_name, gateway_template_code) VALUES
        ('DUE_SOON', 1, '{name}您好，您在{bank}的创业担保贷款（合同号{contractNumber}）将于{dueDate}到期，应还{amountDue}，请按时还款。', '妇联创业贷款', 'LOAN_DUE_SOON'),
        ('OVERDUE', 1, '{name}您好，您在{bank}的创业担保贷款（合同号{contractNumber}）已于{dueDate}到期，已逾期{days}天，尚欠{amountDue}，请尽快还款。', '妇联创业贷款', 'LOAN_OVERDUE'),
        ('SUBSIDY_PAID', 1, '{name}您好，您的创业担保贷款（合同号{contractNumber}）贴息{amountPaid}已于{paidDate}拨付。', '妇联创业贷款', 'SUBSIDY_PAID'),
        ('APPLICATION_APPROVED', 1, '{name}您好，您的创业担保贷款申请已审批通过，请携带身份证到{bank}办理签约。', '妇联创业贷款', 'APPLICATION_APPROVED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_notification_templates_version"`);
    await queryRunner.query(`DROP TABLE "notification_templates"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_rules_version"`);
    await queryRunner.query(`DROP TABLE "notification_rules"`);
    await queryRunner.query(`DROP TABLE "notification_phone_days"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_messages_dispatch"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_messages_list"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_messages_gateway_message_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_messages_applicant_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_messages_loan_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_messages_key"`);
    await queryRunner.query(`DROP TABLE "notification_messages"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_consents_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_consents_applicant"`);
    await queryRunner.query(`DROP TABLE "notification_consents"`);
  }
}
