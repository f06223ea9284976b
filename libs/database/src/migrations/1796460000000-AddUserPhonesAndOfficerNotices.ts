import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers' work mobiles (encrypted, masked copy for display) so reminders can tell the loan officer and the bank's
 * officer; the templates of the officers' reminders; the subsidy-paid notice naming its payout reference.
 */
export class AddUserPhonesAndOfficerNotices1796460000000 implements MigrationInterface {
  name = 'AddUserPhonesAndOfficerNotices1796460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "phone_ciphertext" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "phone_masked" character varying(20)`);
    await queryRunner.query(
      `INSERT INTO notification_templates (kind, version, body, sign_name, gateway_template_code) VALUES
        ('OFFICER_DUE_SOON', 1, '您经办的借款人{name}（合同号{contractNumber}）将于{dueDate}到期，应还{amountDue}，请提醒按时还款。', '妇联创业贷款', 'OFFICER_DUE_SOON'),
        ('OFFICER_OVERDUE', 1, '您经办的借款人{name}（合同号{contractNumber}）已逾期{days}天，尚欠{amountDue}，请及时跟进。', '妇联创业贷款', 'OFFICER_OVERDUE'),
        ('OFFICER_DIGEST', 1, '您辖区今日逾期贷款{lateCount}笔，逾期金额{lateAmount}。逾期较重：{worstLoans}。', '妇联创业贷款', 'OFFICER_DIGEST'),
        ('SUBSIDY_PAID', 2, '{name}您好，您的创业担保贷款（合同号{contractNumber}）贴息{amountPaid}已于{paidDate}拨付，拨付文号{paymentReference}。', '妇联创业贷款', 'SUBSIDY_PAID')
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM notification_templates t WHERE ((t.kind IN ('OFFICER_DUE_SOON', 'OFFICER_OVERDUE', 'OFFICER_DIGEST') AND t.version = 1)
          OR (t.kind = 'SUBSIDY_PAID' AND t.version = 2))
         AND NOT EXISTS (SELECT 1 FROM notification_messages m WHERE m.template_id = t.id)`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "phone_masked"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "phone_ciphertext"`);
  }
}
