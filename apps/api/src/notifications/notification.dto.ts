import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Money, labelOf, type Language, type Page } from '@mla/core';
import {
  CONSENT_KIND_LABELS,
  ConsentKind,
  MESSAGE_FAILURE_LABELS,
  MESSAGE_STATUS_LABELS,
  MessageKind,
  MessageStatus,
  NotificationChannel,
  RecipientKind,
  type MessageListItem,
  type NotificationConsent,
  type NotificationRule,
  type NotificationTemplate,
  type TemplatePreview,
} from '@mla/notifications';
import { PageQueryDto } from '../common/page-query.dto';
import { IsLocalDate, REGION_CODE } from '../common/patterns';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateNotificationRuleRequest {
  @ApiProperty({ example: '150221', description: 'The region the rule covers (6, 9 or 12 digits)' })
  @IsString()
  @Matches(REGION_CODE)
  regionCode: string;

  @ApiProperty({ example: '2026-01-01', description: 'First business date the version applies to' })
  @IsString()
  @IsLocalDate()
  effectiveFrom: string;

  @ApiProperty({ type: [Number], example: [7, 3, 1], description: 'Days before a due date (0–366)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(366, { each: true })
  daysBefore: number[];

  @ApiProperty({ type: [Number], example: [1, 7, 30], description: 'Days after a missed due date (1–366)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(366, { each: true })
  daysAfter: number[];

  @ApiProperty({ enum: RecipientKind, isArray: true, example: [RecipientKind.BORROWER] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsEnum(RecipientKind, { each: true })
  recipients: RecipientKind[];

  @ApiPropertyOptional({
    example: '21:00',
    nullable: true,
    type: String,
    description: 'Quiet hours start, Asia/Shanghai',
  })
  @IsOptional()
  @Matches(HHMM)
  quietStart?: string | null;

  @ApiPropertyOptional({
    example: '08:00',
    nullable: true,
    type: String,
    description: 'Quiet hours end, Asia/Shanghai',
  })
  @IsOptional()
  @Matches(HHMM)
  quietEnd?: string | null;

  @ApiProperty({ example: 3, description: 'Most messages one phone receives in a business day (1–50)' })
  @IsInt()
  @Min(1)
  @Max(50)
  dailyCapPerPhone: number;

  @ApiPropertyOptional({ enum: NotificationChannel, default: NotificationChannel.SMS })
  @IsOptional()
  @IsEnum(NotificationChannel)
  channel?: NotificationChannel;
}

export class NotificationRuleResponse {
  @ApiProperty() id: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() version: number;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ type: [Number] }) daysBefore: number[];
  @ApiProperty({ type: [Number] }) daysAfter: number[];
  @ApiProperty({ enum: RecipientKind, isArray: true }) recipients: RecipientKind[];
  @ApiProperty({ nullable: true, type: String }) quietStart: string | null;
  @ApiProperty({ nullable: true, type: String }) quietEnd: string | null;
  @ApiProperty() dailyCapPerPhone: number;
  @ApiProperty({ enum: NotificationChannel }) channel: NotificationChannel;
  @ApiProperty() createdByUserId: string;
  @ApiProperty() createdAt: string;

  static from(r: NotificationRule): NotificationRuleResponse {
    return { ...r, createdAt: r.createdAt.toISOString() };
  }
}

export class CreateNotificationTemplateRequest {
  @ApiProperty({ enum: MessageKind })
  @IsEnum(MessageKind)
  kind: MessageKind;

  @ApiProperty({
    example: '{name}您好，您的贷款（合同号{contractNumber}）将于{dueDate}到期，应还{amountDue}。',
    description:
      'Chinese text with variables: {name} {amountDue} {dueDate} {bank} {officerPhone} {contractNumber} {days} {amountPaid} {paidDate}',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  body: string;

  @ApiProperty({ example: '妇联创业贷款', description: 'The signature registered with the gateway' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  signName: string;

  @ApiProperty({ example: 'LOAN_DUE_SOON', description: 'The gateway’s code of the registered template' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  gatewayTemplateCode: string;
}

export class NotificationTemplateResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MessageKind }) kind: MessageKind;
  @ApiProperty() version: number;
  @ApiProperty() body: string;
  @ApiProperty() signName: string;
  @ApiProperty() gatewayTemplateCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for the seeded versions' })
  createdByUserId: string | null;
  @ApiProperty() createdAt: string;

  static from(t: NotificationTemplate): NotificationTemplateResponse {
    return { ...t, createdAt: t.createdAt.toISOString() };
  }
}

export class PreviewTemplateRequest {
  @ApiPropertyOptional({ description: 'The version to preview; the newest when absent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  version?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Values of the variables; sample values fill the others',
  })
  @IsOptional()
  @IsObject()
  values?: Record<string, string>;
}

export class TemplatePreviewResponse {
  @ApiProperty({ enum: MessageKind }) kind: MessageKind;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'The text as the phone shows it, signature included' }) text: string;
  @ApiProperty({ description: 'Characters, as a phone counts them' }) characters: number;
  @ApiProperty({ description: 'SMS segments: 70 characters in one, then 67 per segment' }) segments: number;

  static from(p: TemplatePreview): TemplatePreviewResponse {
    return { ...p };
  }
}

export class KindParam {
  @ApiProperty({ enum: MessageKind })
  @IsEnum(MessageKind)
  kind: MessageKind;
}

export class RecordConsentRequest {
  @ApiProperty({ enum: NotificationChannel })
  @IsEnum(NotificationChannel)
  channel: NotificationChannel;

  @ApiProperty({ enum: ConsentKind })
  @IsEnum(ConsentKind)
  kind: ConsentKind;

  @ApiPropertyOptional({ example: '借款人电话告知不再接收短信', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string | null;
}

export class ConsentResponse {
  @ApiProperty() id: string;
  @ApiProperty() applicantId: string;
  @ApiProperty({ enum: NotificationChannel }) channel: NotificationChannel;
  @ApiProperty({ enum: ConsentKind }) kind: ConsentKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() recordedByUserId: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ nullable: true, type: String }) withdrawnByUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;

  static from(c: NotificationConsent, language: Language): ConsentResponse {
    return {
      ...c,
      kindLabel: labelOf(CONSENT_KIND_LABELS, c.kind, language),
      recordedAt: c.recordedAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    };
  }
}

export class ConsentChannelParams {
  @ApiProperty()
  @IsUUID()
  id: string;

  @ApiProperty({ enum: NotificationChannel })
  @IsEnum(NotificationChannel)
  channel: NotificationChannel;
}

export class MessageQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: MessageStatus,
    isArray: true,
    description: 'One or more statuses (comma-separated), e.g. FAILED_PERMANENT for the failures to look at',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @IsIn(Object.values(MessageStatus), { each: true })
  status?: MessageStatus[];

  @ApiPropertyOptional({ enum: MessageKind })
  @IsOptional()
  @IsEnum(MessageKind)
  kind?: MessageKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  applicantId?: string;
}

export class MessageResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MessageKind }) kind: MessageKind;
  @ApiProperty({ enum: RecipientKind }) recipientKind: RecipientKind;
  @ApiProperty({ nullable: true, type: String, example: '王*英' }) maskedName: string | null;
  @ApiProperty({ nullable: true, type: String, example: '135****5000' }) phoneMasked: string | null;
  @ApiProperty({ enum: MessageStatus }) status: MessageStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed, in the language asked for' })
  failureReason: string | null;
  @ApiProperty({ nullable: true, type: String }) lastErrorCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Yuan' }) amountYuan: string | null;
  @ApiProperty({ nullable: true, type: String }) dueDate: string | null;
  @ApiProperty() scheduledDate: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) loanId: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ nullable: true, type: String }) receiptStatus: string | null;
  @ApiProperty() createdAt: string;

  static from({ message: m, maskedName }: MessageListItem, language: Language): MessageResponse {
    return {
      id: m.id,
      kind: m.kind,
      recipientKind: m.recipientKind,
      maskedName,
      phoneMasked: m.phoneMasked,
      status: m.status,
      statusLabel: labelOf(MESSAGE_STATUS_LABELS, m.status, language),
      failureReason: m.lastErrorCode ? labelOf(MESSAGE_FAILURE_LABELS, m.lastErrorCode, language) : null,
      lastErrorCode: m.lastErrorCode,
      amountYuan: m.amountFen === null ? null : Money.ofFen(m.amountFen).toYuanString(),
      dueDate: m.dueDate,
      scheduledDate: m.scheduledDate,
      attempts: m.attempts,
      loanId: m.loanId,
      sentAt: m.sentAt?.toISOString() ?? null,
      receiptStatus: m.receiptStatus,
      createdAt: m.createdAt.toISOString(),
    };
  }
}

export class MessagePage {
  @ApiProperty({ type: [MessageResponse] }) items: MessageResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;

  static from(page: Page<MessageListItem>, language: Language): MessagePage {
    return { items: page.items.map((i) => MessageResponse.from(i, language)), nextCursor: page.nextCursor };
  }
}

export class RetriedMessageResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MessageStatus }) status: MessageStatus;
  @ApiProperty({ description: 'The new dispatch round (the send job’s id carries it)' }) dispatch: number;
}

export class ReceiptItem {
  @ApiPropertyOptional({ description: 'Our message id, as sent (outId)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  outId?: string;

  @ApiPropertyOptional({ description: 'The gateway’s message id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  bizId?: string;

  @ApiProperty({ example: 'DELIVERED', description: 'DELIVERED, or the gateway’s failure status' })
  @IsString()
  @MaxLength(16)
  status: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  errorCode?: string;

  @ApiPropertyOptional({ example: '2026-03-13T08:00:05+08:00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  reportedAt?: string;
}

export class ReceiptsRequest {
  @ApiProperty({ type: [ReceiptItem] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ReceiptItem)
  receipts: ReceiptItem[];
}

export class ReceiptsResponse {
  @ApiProperty({ description: 'Messages whose status changed' }) updated: number;
}
