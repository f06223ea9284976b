import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Money } from '@mla/core';
import {
  CLAIM_BATCH_STATUSES,
  ClaimBatchStatus,
  ClaimLineEligibility,
  ClaimLineStatus,
  InitialReviewFinding,
  type ClaimBatchView,
  type ClaimLineView,
  type SubsidyClaimBatch,
  type SubsidyPayout,
  type ClaimBatchListItem,
} from '@mla/subsidies';
import { PageQueryDto } from '../common/page-query.dto';
import { IsLocalDate, REGION_CODE } from '../common/patterns';

const yuan = (fen: bigint) => Money.ofFen(fen).toYuanString();

export class ListClaimBatchesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ClaimBatchStatus, enumName: 'SubsidyClaimBatchStatus' })
  @IsOptional()
  @IsIn(CLAIM_BATCH_STATUSES)
  status?: ClaimBatchStatus;

  @ApiPropertyOptional({ example: '2024-06-20', description: 'Only the batches of this settlement date' })
  @IsOptional()
  @IsLocalDate()
  settlementDate?: string;
}

export class SupplementaryClaimRequest {
  @ApiProperty({ example: '150221', description: 'The jurisdiction whose finance bureau pays the claim' })
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode: string;

  @ApiProperty({ example: '2024-06-20', description: 'The settlement date that closes the period' })
  @IsLocalDate()
  settlementDate: string;
}

export class LineFindingRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lineId: string;

  @ApiProperty({ enum: InitialReviewFinding, enumName: 'InitialReviewFinding' })
  @IsIn(Object.values(InitialReviewFinding))
  finding: InitialReviewFinding;

  @ApiPropertyOptional({ description: 'Required for QUERIED: what the check found (e.g. the borrower took a job)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class InitialReviewRequest {
  @ApiProperty({ type: [LineFindingRequest], description: 'Findings per line; lines not named are confirmed' })
  @ValidateNested({ each: true })
  @Type(() => LineFindingRequest)
  @ArrayMaxSize(5000)
  findings: LineFindingRequest[];
}

export class LineDecisionReasonRequest {
  @ApiPropertyOptional({ description: 'Kept with the approval' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class LineRejectionRequest {
  @ApiProperty({ description: 'Why the line is rejected (shown to the bank)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ApprovalRevocationRequest {
  @ApiProperty({ description: 'Why the approval is taken back (kept in the audit log and the budget ledger)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class LineDecisionRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lineId: string;
  @ApiProperty({ description: 'true to approve, false to reject' }) @IsBoolean() approve: boolean;
  @ApiPropertyOptional({ description: 'Required to reject' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class BulkDecisionRequest {
  @ApiProperty({ type: [LineDecisionRequest], description: 'Decided together: all or nothing' })
  @ValidateNested({ each: true })
  @Type(() => LineDecisionRequest)
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  decisions: LineDecisionRequest[];
}

export class PayoutRequest {
  @ApiProperty({ example: '土财拨〔2024〕18号', description: 'The payment order’s number' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  paymentReference: string;

  @ApiProperty({ example: '2024-06-28', description: 'From the settlement date to today; else 422 DATE_OUT_OF_RANGE' })
  @IsLocalDate()
  paymentDate: string;
}

export class ClaimBatchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bankOrganisationId: string;
  @ApiProperty({ example: '150221' }) regionCode: string;
  @ApiProperty({ example: '2024-03-21' }) periodStart: string;
  @ApiProperty({ example: '2024-06-20' }) periodEnd: string;
  @ApiProperty({ example: '2024-06-20' }) settlementDate: string;
  @ApiProperty({ description: '1 for the regular claim, 2+ for supplementary claims' }) sequence: number;
  @ApiProperty({ enum: ClaimBatchStatus, enumName: 'SubsidyClaimBatchStatus' }) status: ClaimBatchStatus;
  @ApiProperty() lineCount: number;
  @ApiProperty({ description: 'Loans disbursed in the period' }) loansLentInPeriod: number;
  @ApiProperty({ example: '0.00' }) lentInPeriodYuan: string;
  @ApiProperty({ example: '600000.00' }) openingBalanceYuan: string;
  @ApiProperty({ example: '400000.00' }) closingBalanceYuan: string;
  @ApiProperty({ example: '1952.50' }) requestedYuan: string;
  @ApiProperty({ example: '1952.50' }) approvedYuan: string;
  @ApiProperty({ example: '0.00' }) paidYuan: string;
  @ApiProperty({ example: '2024-07-04', description: 'The bank files by this date (working days)' })
  claimDueOn: string;
  @ApiProperty({ nullable: true, type: String }) initialReviewDueOn: string | null;
  @ApiProperty({ nullable: true, type: String }) paymentDueOn: string | null;
  @ApiProperty({ description: 'Who built it ("system": the scheduled job)' }) preparedByUsername: string;

  static from(b: SubsidyClaimBatch): ClaimBatchResponse {
    return {
      id: b.id,
      bankOrganisationId: b.bankOrganisationId,
      regionCode: b.regionCode,
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      settlementDate: b.settlementDate,
      sequence: b.sequence,
      status: b.status,
      lineCount: b.lineCount,
      loansLentInPeriod: b.loansLentInPeriod,
      lentInPeriodYuan: yuan(b.lentInPeriodFen),
      openingBalanceYuan: yuan(b.openingBalanceFen),
      closingBalanceYuan: yuan(b.closingBalanceFen),
      requestedYuan: yuan(b.requestedFen),
      approvedYuan: yuan(b.approvedFen),
      paidYuan: yuan(b.paidFen),
      claimDueOn: b.claimDueOn,
      initialReviewDueOn: b.initialReviewDueOn,
      paymentDueOn: b.paymentDueOn,
      preparedByUsername: b.preparedByUsername,
    };
  }
}

export class ClaimBatchListItemResponse extends ClaimBatchResponse {
  @ApiProperty({ example: '土默特右旗农村信用合作联社' }) bankName: string;
  @ApiProperty({ example: '土默特右旗', description: 'The jurisdiction whose finance bureau pays the claim' })
  regionName: string;

  static fromItem(b: ClaimBatchListItem): ClaimBatchListItemResponse {
    return { ...ClaimBatchResponse.from(b), bankName: b.bankName, regionName: b.regionName };
  }
}

export class ClaimBatchPage {
  @ApiProperty({ type: [ClaimBatchListItemResponse] }) items: ClaimBatchListItemResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null at the end' })
  nextCursor: string | null;
}

export class ClaimLineResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'TMYQ-2024-001' }) contractNumber: string;
  @ApiProperty({ example: '王*英', description: 'Masked' }) borrowerName: string;
  @ApiProperty({ example: '2024-03-21' }) periodStart: string;
  @ApiProperty({ example: '2024-06-20' }) periodEnd: string;
  @ApiProperty({ example: '200000.00' }) principalYuan: string;
  @ApiProperty({ example: '2530.00' }) interestCollectedYuan: string;
  @ApiProperty({ example: '1265.00' }) subsidyYuan: string;
  @ApiProperty({ example: '948.75' }) centralYuan: string;
  @ApiProperty({ example: '126.50' }) provincialYuan: string;
  @ApiProperty({ example: '0.00' }) cityYuan: string;
  @ApiProperty({ example: '189.75' }) countyYuan: string;
  @ApiProperty({ enum: ClaimLineEligibility, enumName: 'SubsidyClaimLineEligibility' })
  eligibility: ClaimLineEligibility;
  @ApiProperty({ enum: ClaimLineStatus, enumName: 'SubsidyClaimLineStatus' }) status: ClaimLineStatus;
  @ApiProperty({ enum: InitialReviewFinding, enumName: 'InitialReviewFinding', nullable: true })
  initialFinding: InitialReviewFinding | null;
  @ApiProperty({ nullable: true, type: String }) initialNote: string | null;
  @ApiProperty({ nullable: true, type: String }) financeReason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByUsername: string | null;
  @ApiProperty({
    description:
      'The whole calculation: every input (LPR and its date, rates, days, basis, formula, policy version, ' +
      'shares) and every check with its reason; money as strings of fen',
    type: 'object',
    additionalProperties: true,
  })
  calculation: object;

  static from(l: ClaimLineView): ClaimLineResponse {
    return {
      id: l.id,
      contractNumber: l.contractNumber,
      borrowerName: l.maskedBorrowerName,
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
      principalYuan: yuan(l.principalFen),
      interestCollectedYuan: yuan(l.interestCollectedFen),
      subsidyYuan: yuan(l.subsidyFen),
      centralYuan: yuan(l.centralFen),
      provincialYuan: yuan(l.provincialFen),
      cityYuan: yuan(l.cityFen),
      countyYuan: yuan(l.countyFen),
      eligibility: l.eligibility,
      status: l.status,
      initialFinding: l.initialFinding,
      initialNote: l.initialNote,
      financeReason: l.financeReason,
      decidedByUsername: l.decidedByUsername,
      calculation: l.calculation,
    };
  }
}

export class ClaimBatchDetailResponse {
  @ApiProperty({ type: ClaimBatchResponse }) batch: ClaimBatchResponse;
  @ApiProperty({ type: [ClaimLineResponse] }) lines: ClaimLineResponse[];

  static from(v: ClaimBatchView): ClaimBatchDetailResponse {
    return { batch: ClaimBatchResponse.from(v.batch), lines: v.lines.map((l) => ClaimLineResponse.from(l)) };
  }
}

export class PayoutResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty() paymentReference: string;
  @ApiProperty({ example: '2024-06-28' }) paymentDate: string;
  @ApiProperty() lineCount: number;
  @ApiProperty({ example: '1952.50' }) amountYuan: string;
  @ApiProperty() paidByUsername: string;

  static from(p: SubsidyPayout): PayoutResponse {
    return {
      id: p.id,
      batchId: p.batchId,
      paymentReference: p.paymentReference,
      paymentDate: p.paymentDate,
      lineCount: p.lineCount,
      amountYuan: yuan(p.amountFen),
      paidByUsername: p.paidByUsername,
    };
  }
}
