import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The templates of the staff notices: an opened compensation alert to the guarantee operator, a raised warning. */
export class AddStaffNoticeTemplates1796470000000 implements MigrationInterface {
  name = 'AddStaffNoticeTemplates1796470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO notification_templates (kind, version, body, sign_name, gateway_template_code) VALUES
        ('COMPENSATION_ALERT', 1, '代偿预警：{fundName}担保的贷款（合同号{contractNumber}，借款人{name}）已逾期{days}天，逾期金额{amountOverdue}，已达代偿条件，请及时处理。', '妇联创业贷款', 'COMPENSATION_ALERT'),
        ('STATISTICS_WARNING', 1, '统计预警：{regionName}{indicator}当前为{measured}，目标为{target}，预警级别：{level}。请及时采取措施。', '妇联创业贷款', 'STATISTICS_WARNING')
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM notification_templates t WHERE t.kind IN ('COMPENSATION_ALERT', 'STATISTICS_WARNING') AND t.version = 1
         AND NOT EXISTS (SELECT 1 FROM notification_messages m WHERE m.template_id = t.id)`,
    );
  }
}
