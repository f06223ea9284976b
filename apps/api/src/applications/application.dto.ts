import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApplicationStatus, LoanPurpose, ReviewStep, type LoanApplication } from '@mla/applicants';
import { Money } from '@mla/core';
import { PageQueryDto } from '../common/page-query.dto';
import { IsLocalDate, YUAN } from '../common/patterns';

export class PartnershipMemberDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicantId: string;
  @ApiProperty({ example: '100000.00' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
}

export class ApplicationRequestBase {
  @ApiProperty({ format: 'uuid', description: 'The partner bank that will review and lend' })
  @IsUUID()
  bankOrganisationId: string;
  @ApiProperty({ example: '80000.00' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
  @ApiProperty({ example: 24 }) @IsInt() @Min(1) @Max(120) termMonths: number;
  @ApiProperty({ enum: LoanPurpose }) @IsEnum(LoanPurpose) purpose: LoanPurpose;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) purposeDetail?: string;
  @ApiProperty({ example: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(48)
  repaymentMethod: string;
  @ApiPropertyOptional({ type: [PartnershipMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartnershipMemberDto)
  partnershipMembers?: PartnershipMemberDto[];
  @ApiPropertyOptional({
    example: 'CEGL-2024',
    description: 'Policy line; the one in force for the region when omitted',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  policyCode?: string;
}

export class CreateApplicationRequest extends ApplicationRequestBase {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicantId: string;
}

export class UpdateApplicationRequest extends ApplicationRequestBase {}

export class SetDeadlineRequest {
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(250) workingDays: number;
}

export class DeadlineResponse {
  @ApiProperty({ enum: ReviewStep }) step: string;
  @ApiProperty() workingDays: number;
}

export class FieldVisitRequest {
  @ApiProperty({
    example: '2026-11-20',
    description: 'From the day the application was created to today (Asia/Shanghai); else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  visitDate: string;
  @ApiProperty({ example: '大棚两座在建,经营正常' }) @IsString() @IsNotEmpty() @MaxLength(4000) findings: string;
  @ApiPropertyOptional({ isArray: true, type: Object, description: '{ fileName, contentType, sizeBytes, sha256 }' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

export class AttachmentDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) fileName: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) contentType: string;
  @ApiProperty() @IsInt() @Min(0) sizeBytes: number;
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 hex characters' }) sha256: string;
}

export class DecisionRequest {
  @ApiProperty({ enum: ReviewStep }) @IsEnum(ReviewStep) step: ReviewStep;
  @ApiProperty({ enum: ['APPROVE', 'REJECT', 'RETURN'] }) @IsIn(['APPROVE', 'REJECT', 'RETURN']) decision:
    'APPROVE' | 'REJECT' | 'RETURN';
  @ApiPropertyOptional({ description: 'Required to reject or return' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class WithdrawRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class ListApplicationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ApplicationStatus }) @IsOptional() @IsEnum(ApplicationStatus) status?: ApplicationStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{2,12}$/) regionCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() bankOrganisationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() applicantId?: string;
  @ApiPropertyOptional({ description: 'Only applications whose current step is past its deadline' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  late?: boolean;
}

export class ApplicationResponse {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() applicantId: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() bankOrganisationId: string;
  @ApiProperty({ example: '80000.00' }) amountYuan: string;
  @ApiProperty() termMonths: number;
  @ApiProperty() purpose: string;
  @ApiProperty({ nullable: true, type: String }) purposeDetail: string | null;
  @ApiProperty() repaymentMethod: string;
  @ApiProperty({ type: [PartnershipMemberDto] }) partnershipMembers: PartnershipMemberDto[];
  @ApiProperty({ enum: ApplicationStatus }) status: string;
  @ApiProperty({ nullable: true, enum: ReviewStep }) waitingFor: string | null;
  @ApiProperty({ nullable: true, type: String }) stepDueDate: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty({ nullable: true, type: String }) policyId: string | null;
  @ApiProperty({ isArray: true, type: Object, description: 'Every rule with PASS / FAIL / WARN' })
  eligibility: object[];
  @ApiProperty({ nullable: true, type: String }) lastReason: string | null;
  @ApiProperty() createdByUserId: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(a: LoanApplication, today: string, waitingFor: string | null): ApplicationResponse {
    return {
      id: a.id,
      number: a.number,
      applicantId: a.applicantId,
      regionCode: a.regionCode,
      organisationId: a.organisationId,
      bankOrganisationId: a.bankOrganisationId,
      amountYuan: Money.ofFen(a.amountFen).toYuanString(),
      termMonths: a.termMonths,
      purpose: a.purpose,
      purposeDetail: a.purposeDetail,
      repaymentMethod: a.repaymentMethod,
      partnershipMembers: a.partnershipMembers.map((m) => ({
        applicantId: m.applicantId,
        amountYuan: Money.ofFen(m.amountFen).toYuanString(),
      })),
      status: a.status,
      waitingFor,
      stepDueDate: a.stepDueDate,
      late: waitingFor !== null && a.stepDueDate !== null && a.stepDueDate < today,
      policyId: a.policyId,
      eligibility: a.eligibility,
      lastReason: a.lastReason,
      createdByUserId: a.createdByUserId,
      createdAt: new Date(a.createdAt).toISOString(),
      updatedAt: new Date(a.updatedAt).toISOString(),
    };
  }
}

export class ApplicationPage {
  @ApiProperty({ type: [ApplicationResponse] }) items: ApplicationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
