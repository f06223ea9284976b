import type { ErrorCatalogue, LabelCatalogue } from '@mla/core';
import { NotificationErrorCode } from './errors';
import {
  ConsentKind,
  MessageFailureCode,
  MessageKind,
  MessageStatus,
  NotificationChannel,
  RecipientKind,
} from './notification-enums';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const NOTIFICATION_MESSAGES: ErrorCatalogue<NotificationErrorCode> = {
  [NotificationErrorCode.NOTIFICATION_RULE_NOT_FOUND]: {
    'zh-CN': '提醒规则不存在',
    en: 'The reminder rule does not exist',
  },
  [NotificationErrorCode.NOTIFICATION_RULE_INVALID]: {
    'zh-CN': ['提醒规则的「{field}」应在{min}至{max}之间', '提醒规则的「{field}」不符合要求', '提醒规则不符合要求'],
    en: [
      'The reminder rule’s {field} must be from {min} to {max}',
      'The reminder rule’s {field} is not valid',
      'The reminder rule is not valid',
    ],
  },
  [NotificationErrorCode.QUIET_HOURS_INVALID]: {
    'zh-CN': [
      '免打扰时段的「{field}」应为时:分（如21:00），开始和结束须同时填写',
      '免打扰时段应同时填写开始和结束时间',
    ],
    en: [
      'Quiet hours: {field} must be a time HH:mm (e.g. 21:00), with both start and end given',
      'Quiet hours need both a start and an end time',
    ],
  },
  [NotificationErrorCode.NOTIFICATION_TEMPLATE_NOT_FOUND]: {
    'zh-CN': ['短信模板（{kind}）不存在', '短信模板不存在'],
    en: ['The message template ({kind}) does not exist', 'The message template does not exist'],
  },
  [NotificationErrorCode.TEMPLATE_UNKNOWN_VARIABLE]: {
    'zh-CN': ['短信模板中的变量{variables}不存在，可用变量：{allowed}', '短信模板中有不存在的变量'],
    en: ['The template uses unknown variables {variables}; allowed: {allowed}', 'The template uses unknown variables'],
  },
  [NotificationErrorCode.NOTIFICATION_MESSAGE_NOT_FOUND]: {
    'zh-CN': '提醒消息不存在',
    en: 'The message does not exist',
  },
  [NotificationErrorCode.MESSAGE_NOT_RETRYABLE]: {
    'zh-CN': ['该消息当前状态（{status}）不能重新发送，只有发送失败的消息可以重发', '只有发送失败的消息可以重发'],
    en: [
      'The message is {status}; only a message that failed for good can be sent again',
      'Only a message that failed for good can be sent again',
    ],
  },
  [NotificationErrorCode.CONSENT_NOT_FOUND]: {
    'zh-CN': '该借款人在此渠道没有有效的同意或退订记录',
    en: 'The borrower has no live consent or opt-out on this channel',
  },
  [NotificationErrorCode.RECEIPT_SIGNATURE_INVALID]: {
    'zh-CN': '回执签名校验失败',
    en: 'The receipt’s signature does not check out',
  },
};

export const RECIPIENT_KIND_LABELS: LabelCatalogue<RecipientKind> = {
  [RecipientKind.BORROWER]: { 'zh-CN': '借款人', en: 'Borrower' },
  [RecipientKind.LOAN_OFFICER]: { 'zh-CN': '信贷专干', en: 'Loan officer' },
  [RecipientKind.BANK_OFFICER]: { 'zh-CN': '银行客户经理', en: 'Bank officer' },
  [RecipientKind.GUARANTEE_OPERATOR]: { 'zh-CN': '担保机构经办人', en: 'Guarantee operator' },
  [RecipientKind.WARNING_RESPONSIBLE]: { 'zh-CN': '预警责任单位人员', en: 'User of the party to act on a warning' },
};

export const NOTIFICATION_CHANNEL_LABELS: LabelCatalogue<NotificationChannel> = {
  [NotificationChannel.SMS]: { 'zh-CN': '短信', en: 'SMS' },
};

export const MESSAGE_KIND_LABELS: LabelCatalogue<MessageKind> = {
  [MessageKind.DUE_SOON]: { 'zh-CN': '到期还款提醒', en: 'Payment due reminder' },
  [MessageKind.OVERDUE]: { 'zh-CN': '逾期催收提醒', en: 'Overdue reminder' },
  [MessageKind.SUBSIDY_PAID]: { 'zh-CN': '贴息拨付通知', en: 'Subsidy paid notice' },
  [MessageKind.APPLICATION_APPROVED]: { 'zh-CN': '贷款审批通过通知', en: 'Application approved notice' },
  [MessageKind.OFFICER_DUE_SOON]: { 'zh-CN': '借款人到期提醒（经办人）', en: 'Borrower payment due (to the officer)' },
  [MessageKind.OFFICER_DIGEST]: {
    'zh-CN': '逾期贷款日报（经办人）',
    en: 'Daily digest of late loans (to the officer)',
  },
  [MessageKind.OFFICER_OVERDUE]: { 'zh-CN': '借款人逾期提醒（经办人）', en: 'Borrower overdue (to the officer)' },
  [MessageKind.COMPENSATION_ALERT]: {
    'zh-CN': '代偿预警通知（担保机构）',
    en: 'Compensation alert (to the guarantee operator)',
  },
  [MessageKind.STATISTICS_WARNING]: { 'zh-CN': '统计预警通知', en: 'Statistics early warning notice' },
};

export const MESSAGE_STATUS_LABELS: LabelCatalogue<MessageStatus> = {
  [MessageStatus.PENDING]: { 'zh-CN': '待发送', en: 'Pending' },
  [MessageStatus.QUEUED]: { 'zh-CN': '排队中', en: 'Queued' },
  [MessageStatus.WAITING_QUIET_HOURS]: { 'zh-CN': '免打扰时段顺延', en: 'Waiting for quiet hours to end' },
  [MessageStatus.WAITING_CAP]: { 'zh-CN': '超出当日上限顺延', en: 'Waiting: daily cap reached' },
  [MessageStatus.SENDING]: { 'zh-CN': '发送中', en: 'Sending' },
  [MessageStatus.SENT]: { 'zh-CN': '已发送', en: 'Sent' },
  [MessageStatus.DELIVERED]: { 'zh-CN': '已送达', en: 'Delivered' },
  [MessageStatus.FAILED_RETRYING]: { 'zh-CN': '发送失败，重试中', en: 'Failed, retrying' },
  [MessageStatus.FAILED_PERMANENT]: { 'zh-CN': '发送失败', en: 'Failed' },
  [MessageStatus.SKIPPED_OPTED_OUT]: { 'zh-CN': '已退订，未发送', en: 'Not sent: opted out' },
  [MessageStatus.SKIPPED_NOT_NEEDED]: { 'zh-CN': '无需发送', en: 'Not sent: no longer needed' },
};

/** The failure reason the officer reads. */
export const MESSAGE_FAILURE_LABELS: LabelCatalogue<MessageFailureCode> = {
  [MessageFailureCode.INVALID_PHONE]: {
    'zh-CN': '手机号码无效，请核实借款人联系方式',
    en: 'The phone number is invalid',
  },
  [MessageFailureCode.GATEWAY_REJECTED]: { 'zh-CN': '短信平台拒绝发送', en: 'The SMS gateway refused the message' },
  [MessageFailureCode.GATEWAY_ERROR]: { 'zh-CN': '短信平台故障', en: 'The SMS gateway failed' },
  [MessageFailureCode.GATEWAY_TIMEOUT]: { 'zh-CN': '短信平台无响应', en: 'The SMS gateway did not answer' },
  [MessageFailureCode.NOT_DELIVERED]: { 'zh-CN': '短信未送达', en: 'The message was not delivered' },
  [MessageFailureCode.NO_PHONE]: { 'zh-CN': '未登记手机号码', en: 'No phone number on record' },
};

export const CONSENT_KIND_LABELS: LabelCatalogue<ConsentKind> = {
  [ConsentKind.CONSENT]: { 'zh-CN': '同意接收', en: 'Consents' },
  [ConsentKind.OPT_OUT]: { 'zh-CN': '退订', en: 'Opted out' },
};
