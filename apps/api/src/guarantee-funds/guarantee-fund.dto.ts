import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
  ValidateIf,
} from 'class-validator';
import { Decimal, Money } from '@mla/core';
import {
  ClaimStatus,
  CompensationBasis,
  FundStatus,
  GuaranteeStatus,
  MANUAL_KINDS,
  type CompensationClaim,
  type FundFigures,
  type FundStatement,
  type FundTotals,
  type Guarantee,
  type GuaranteeFund,
  type LedgerEntry,
  type LeverageInForce,
  type ManualKind,
} from '@mla/guarantee-funds';
import { PageQueryDto } from '../common/page-query.dto';
import { REGION_CODE, YUAN, IsLocalDate } from '../common/patterns';

const MULTIPLE = /^\d{1,2}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const SIGNED_YUAN = /^-?\d{1,12}(\.\d{1,2})?$/;
const yuan = (fen: bigint) => Money.ofFen(fen).toYuanString();
const percentOf = (rate: string | null) => (rate === null ? null : Decimal.of(rate).mul(100).toFixed(2));

export class FundRulesRequest {
  @ApiPropertyOptional({ example: '5', description: 'Baseline leverage (multiple of the deposit balance)' })
  @IsOptional()
  @Matches(MULTIPLE, { message: 'baseLeverage must be a multiple such as 5 or 7.5' })
  baseLeverage?: string;
  @ApiPropertyOptional({ example: '10', nullable: true, description: 'Leverage after a good year; null: never' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(MULTIPLE, { message: 'raisedLeverage must be a multiple such as 10' })
  raisedLeverage?: string | null;
  @ApiPropertyOptional({ example: '90', description: "Last year's repayment rate at maturity (%) that raises it" })
  @IsOptional()
  @Matches(PERCENT, { message: 'raiseThresholdPercent must be a percentage such as 90' })
  raiseThresholdPercent?: string;
  @ApiPropertyOptional({ example: '80', description: "The fund's share of a loss (%)" })
  @IsOptional()
  @Matches(PERCENT, { message: 'fundSharePercent must be a percentage such as 80' })
  fundSharePercent?: string;
  @ApiPropertyOptional({ enum: CompensationBasis })
  @IsOptional()
  @IsIn(Object.values(CompensationBasis))
  compensationBasis?: CompensationBasis;
  @ApiPropertyOptional({ example: 90 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  compensationTriggerDays?: number;
  @ApiPropertyOptional({ example: '20', nullable: true, description: 'Yearly compensation ceiling (% of capital)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(PERCENT, { message: 'yearlyCompensationCapPercent must be a percentage such as 20' })
  yearlyCompensationCapPercent?: string | null;
  @ApiPropertyOptional({ example: '90' })
  @IsOptional()
  @Matches(PERCENT, { message: 'leverageAlertPercent must be a percentage such as 90' })
  leverageAlertPercent?: string;
  @ApiPropertyOptional({ example: '5' })
  @IsOptional()
  @Matches(PERCENT, { message: 'compensationAlertPercent must be a percentage such as 5' })
  compensationAlertPercent?: string;
}

export class CreateFundRequest extends FundRulesRequest {
  @ApiProperty({ example: 'TMYQ' })
  @Matches(/^[A-Z0-9]{2,12}$/, { message: 'code must be 2 to 12 capital letters or digits' })
  code: string;
  @ApiProperty({ example: '土默特右旗创业担保贷款担保基金' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: '土默特右旗财政局' }) @IsString() @IsNotEmpty() @MaxLength(200) sponsor: string;
  @ApiProperty({ example: '150221' })
  @Matches(REGION_CODE, { message: 'regionCode must be 6, 9 or 12 digits' })
  regionCode: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() agencyOrganisationId: string;
  @ApiProperty({ example: '土默特右旗农村信用合作联社' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  depositBankName: string;
  @ApiProperty({ example: '15022101200000123' }) @IsString() @IsNotEmpty() @MaxLength(40) depositAccountNumber: string;
}

export class FundStatusRequest {
  @ApiProperty({ example: '年度审计期间暂停新增担保' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class ListFundsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: FundStatus }) @IsOptional() @IsIn(Object.values(FundStatus)) status?: FundStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(REGION_CODE) regionCode?: string;
}

export class FundResponse {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() sponsor: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() agencyOrganisationId: string;
  @ApiProperty() depositBankName: string;
  @ApiProperty() depositAccountNumber: string;
  @ApiProperty() baseLeverage: string;
  @ApiProperty({ nullable: true, type: String }) raisedLeverage: string | null;
  @ApiProperty() raiseThresholdPercent: string;
  @ApiProperty() fundSharePercent: string;
  @ApiProperty({ enum: CompensationBasis }) compensationBasis: CompensationBasis;
  @ApiProperty() compensationTriggerDays: number;
  @ApiProperty({ nullable: true, type: String }) yearlyCompensationCapPercent: string | null;
  @ApiProperty() leverageAlertPercent: string;
  @ApiProperty() compensationAlertPercent: string;
  @ApiProperty({ enum: FundStatus }) status: FundStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;

  static from(f: GuaranteeFund): FundResponse {
    return {
      id: f.id,
      code: f.code,
      name: f.name,
      sponsor: f.sponsor,
      regionCode: f.regionCode,
      agencyOrganisationId: f.agencyOrganisationId,
      depositBankName: f.depositBankName,
      depositAccountNumber: f.depositAccountNumber,
      baseLeverage: f.baseLeverage,
      raisedLeverage: f.raisedLeverage,
      raiseThresholdPercent: percentOf(f.raiseThresholdRate) as string,
      fundSharePercent: percentOf(f.fundShare) as string,
      compensationBasis: f.compensationBasis,
      compensationTriggerDays: f.compensationTriggerDays,
      yearlyCompensationCapPercent: percentOf(f.yearlyCompensationCapRate),
      leverageAlertPercent: percentOf(f.leverageAlertRate) as string,
      compensationAlertPercent: percentOf(f.compensationAlertRate) as string,
      status: f.status,
      statusReason: f.statusReason,
    };
  }
}

export class FundFiguresResponse {
  @ApiProperty() depositYuan: string;
  @ApiProperty() liabilityYuan: string;
  @ApiProperty() capacityYuan: string;
  @ApiProperty() availableYuan: string;
  @ApiProperty({ description: 'The leverage in force this year' }) leverage: string;
  @ApiProperty() leverageRaised: boolean;
  @ApiProperty({ nullable: true, type: String, description: "Last year's repayment rate at maturity (%)" })
  lastYearRepaymentRatePercent: string | null;
  @ApiProperty({ nullable: true, type: String }) leverageAssessedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) leverageUsedPercent: string | null;
  @ApiProperty() contributionsYuan: string;
  @ApiProperty() interestIncomeYuan: string;
  @ApiProperty() compensationPaidYuan: string;
  @ApiProperty() recoveriesYuan: string;
  @ApiProperty() adjustmentsYuan: string;
  @ApiProperty() guaranteesIssuedYuan: string;
  @ApiProperty() guaranteesIssuedCount: number;
  @ApiProperty() guaranteesActiveCount: number;
  @ApiProperty({ nullable: true, type: String }) compensationRateOfIssuedPercent: string | null;
  @ApiProperty({ nullable: true, type: String }) compensationRateOfOutstandingPercent: string | null;
  @ApiProperty({ nullable: true, type: String }) recoveryRatePercent: string | null;
  @ApiProperty({ enum: ['NORMAL', 'ALERT'] }) alertState: 'NORMAL' | 'ALERT';
  @ApiProperty({ type: [String] }) alerts: string[];

  static from(t: FundTotals, f: FundFigures): FundFiguresResponse {
    return {
      depositYuan: yuan(t.depositFen),
      liabilityYuan: yuan(t.liabilityFen),
      capacityYuan: yuan(f.capacityFen),
      availableYuan: yuan(f.availableFen),
      leverage: f.leverage.leverage,
      leverageRaised: f.leverage.raised,
      lastYearRepaymentRatePercent: percentOf(f.leverage.repaymentRate),
      leverageAssessedAt: f.leverage.assessedAt ?? null,
      leverageUsedPercent: f.leverageUsedPercent,
      contributionsYuan: yuan(t.contributionsFen),
      interestIncomeYuan: yuan(t.interestIncomeFen),
      compensationPaidYuan: yuan(t.compensationPaidFen),
      recoveriesYuan: yuan(t.recoveriesFen),
      adjustmentsYuan: yuan(t.adjustmentsFen),
      guaranteesIssuedYuan: yuan(t.guaranteesIssuedFen),
      guaranteesIssuedCount: t.guaranteesIssuedCount,
      guaranteesActiveCount: t.guaranteesActiveCount,
      compensationRateOfIssuedPercent: f.compensationRateOfIssuedPercent,
      compensationRateOfOutstandingPercent: f.compensationRateOfOutstandingPercent,
      recoveryRatePercent: f.recoveryRatePercent,
      alertState: f.alertState,
      alerts: f.alerts,
    };
  }
}

export class FundDetailResponse extends FundResponse {
  @ApiProperty({ type: FundFiguresResponse }) figures: FundFiguresResponse;
}

export class FundPage {
  @ApiProperty({ type: [FundResponse] }) items: FundResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class BookEntryRequest {
  @ApiProperty({ enum: MANUAL_KINDS }) @IsIn([...MANUAL_KINDS]) kind: ManualKind;
  @ApiProperty({ example: '500000.00', description: 'Yuan; an ADJUSTMENT may be negative' })
  @Matches(SIGNED_YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
  @ApiProperty({
    example: '2026-11-20',
    description: 'From 2000-01-01 to today (Asia/Shanghai); else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  valueDate: string;
  @ApiPropertyOptional({ example: '财政拨款通知 2026-15' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentReference?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) memo?: string;
}

export class ReverseEntryRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class LedgerEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() fundId: string;
  @ApiProperty() account: string;
  @ApiProperty() kind: string;
  @ApiProperty() amountYuan: string;
  @ApiProperty() valueDate: string;
  @ApiProperty({ nullable: true, type: String }) guaranteeId: string | null;
  @ApiProperty({ nullable: true, type: String }) loanId: string | null;
  @ApiProperty({ nullable: true, type: String }) repaymentId: string | null;
  @ApiProperty({ nullable: true, type: String }) claimId: string | null;
  @ApiProperty({ nullable: true, type: String }) documentReference: string | null;
  @ApiProperty({ nullable: true, type: String }) reversesEntryId: string | null;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
  @ApiProperty({ nullable: true, type: Object }) basis: Record<string, unknown> | null;
  @ApiProperty() bookedBy: string;
  @ApiProperty() bookedAt: string;

  static from(e: LedgerEntry): LedgerEntryResponse {
    return {
      id: e.id,
      fundId: e.fundId,
      account: e.account,
      kind: e.kind,
      amountYuan: yuan(e.amountFen),
      valueDate: e.valueDate,
      guaranteeId: e.guaranteeId,
      loanId: e.loanId,
      repaymentId: e.repaymentId,
      claimId: e.claimId,
      documentReference: e.documentReference,
      reversesEntryId: e.reversesEntryId,
      memo: e.memo,
      basis: e.basis,
      bookedBy: e.bookedByUsername,
      bookedAt: e.bookedAt.toISOString(),
    };
  }
}

export class LedgerEntryPage {
  @ApiProperty({ type: [LedgerEntryResponse] }) items: LedgerEntryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StatementQuery {
  @ApiProperty({ example: '2026-01-01' }) @IsLocalDate() from: string;
  @ApiProperty({
    example: '2026-12-31',
    description: 'On or after from, at most 3660 days later (400 INVALID_DATE_RANGE)',
  })
  @IsLocalDate()
  to: string;
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'xlsx']) format?:
    'json' | 'xlsx';
}

export class BalancesResponse {
  @ApiProperty() depositYuan: string;
  @ApiProperty() liabilityYuan: string;
}

export class StatementResponse {
  @ApiProperty() fundId: string;
  @ApiProperty() fundCode: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: BalancesResponse }) opening: BalancesResponse;
  @ApiProperty({ type: [LedgerEntryResponse] }) entries: LedgerEntryResponse[];
  @ApiProperty({ type: Object, description: 'Net movement per kind, yuan' }) movements: Record<string, string>;
  @ApiProperty({ type: BalancesResponse }) closing: BalancesResponse;

  static from(s: FundStatement): StatementResponse {
    const balances = (b: { depositFen: bigint; liabilityFen: bigint }) => ({
      depositYuan: yuan(b.depositFen),
      liabilityYuan: yuan(b.liabilityFen),
    });
    return {
      fundId: s.fund.id,
      fundCode: s.fund.code,
      from: s.from,
      to: s.to,
      opening: balances(s.opening),
      entries: s.entries.map((e) => LedgerEntryResponse.from(e)),
      movements: Object.fromEntries(Object.entries(s.movements).map(([k, v]) => [k, yuan(v as bigint)])),
      closing: balances(s.closing),
    };
  }
}

export class IssueGuaranteeRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class GuaranteeResponse {
  @ApiProperty() id: string;
  @ApiProperty() contractNumber: string;
  @ApiProperty() fundId: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ nullable: true, type: String }) loanId: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty() bankOrganisationId: string;
  @ApiProperty() amountYuan: string;
  @ApiProperty() fundSharePercent: string;
  @ApiProperty({ enum: GuaranteeStatus }) status: GuaranteeStatus;
  @ApiProperty() issuedOn: string;
  @ApiProperty({ nullable: true, type: String }) endedOn: string | null;
  @ApiPropertyOptional({ description: 'The application after the guarantee review' }) applicationStatus?: string;

  static from(g: Guarantee, applicationStatus?: string): GuaranteeResponse {
    return {
      id: g.id,
      contractNumber: g.contractNumber,
      fundId: g.fundId,
      applicationId: g.applicationId,
      loanId: g.loanId,
      regionCode: g.regionCode,
      bankOrganisationId: g.bankOrganisationId,
      amountYuan: yuan(g.amountFen),
      fundSharePercent: percentOf(g.fundShare) as string,
      status: g.status,
      issuedOn: g.issuedOn,
      endedOn: g.endedOn,
      ...(applicationStatus ? { applicationStatus } : {}),
    };
  }
}

export class ListGuaranteesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: GuaranteeStatus })
  @IsOptional()
  @IsIn(Object.values(GuaranteeStatus))
  status?: GuaranteeStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() applicationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() loanId?: string;
}

export class GuaranteePage {
  @ApiProperty({ type: [GuaranteeResponse] }) items: GuaranteeResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FileClaimRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() loanId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ReviewClaimRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ApproveClaimRequest {
  @ApiProperty({ example: 'DBZX-ZF-2026-031' }) @IsString() @IsNotEmpty() @MaxLength(100) paymentReference: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RejectClaimRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class RecoveryRequest {
  @ApiProperty({ example: '10000.00', description: 'Recovered from the borrower; the fund receives its share' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
  @ApiProperty({
    example: '2026-11-25',
    description: 'From the compensation payment to today (Asia/Shanghai); else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  valueDate: string;
  @ApiProperty({ example: 'ZC-2026-001' }) @IsString() @IsNotEmpty() @MaxLength(100) reference: string;
}

export class RecoveryResponse {
  @ApiProperty({ type: LedgerEntryResponse }) entry: LedgerEntryResponse;
  @ApiProperty() duplicate: boolean;
  @ApiProperty({ description: 'Recovered from the borrower on this claim so far' }) recoveredYuan: string;
}

export class ListClaimsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ClaimStatus }) @IsOptional() @IsIn(Object.values(ClaimStatus)) status?: ClaimStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() fundId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() loanId?: string;
}

export class ClaimResponse {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() fundId: string;
  @ApiProperty() guaranteeId: string;
  @ApiProperty() loanId: string;
  @ApiProperty() bankOrganisationId: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: ClaimStatus }) status: ClaimStatus;
  @ApiProperty() asOfDate: string;
  @ApiProperty() daysPastDue: number;
  @ApiProperty() principalOutstandingYuan: string;
  @ApiProperty() interestOverdueYuan: string;
  @ApiProperty({ enum: CompensationBasis }) compensationBasis: string;
  @ApiProperty() fundSharePercent: string;
  @ApiProperty() coveredYuan: string;
  @ApiProperty() fundPaysYuan: string;
  @ApiProperty() filedByUserId: string;
  @ApiProperty({ nullable: true, type: String }) reviewedByUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) lastNote: string | null;
  @ApiProperty({ nullable: true, type: String }) paidOn: string | null;
  @ApiProperty({ nullable: true, type: String }) paymentReference: string | null;
  @ApiPropertyOptional() recoveredYuan?: string;
  @ApiPropertyOptional() recoveredToFundYuan?: string;

  static from(c: CompensationClaim & { recoveredFen?: bigint; recoveredToFundFen?: bigint }): ClaimResponse {
    return {
      id: c.id,
      number: c.number,
      fundId: c.fundId,
      guaranteeId: c.guaranteeId,
      loanId: c.loanId,
      bankOrganisationId: c.bankOrganisationId,
      regionCode: c.regionCode,
      status: c.status,
      asOfDate: c.asOfDate,
      daysPastDue: c.daysPastDue,
      principalOutstandingYuan: yuan(c.principalOutstandingFen),
      interestOverdueYuan: yuan(c.interestOverdueFen),
      compensationBasis: c.compensationBasis,
      fundSharePercent: percentOf(c.fundShare) as string,
      coveredYuan: yuan(c.coveredFen),
      fundPaysYuan: yuan(c.fundPaysFen),
      filedByUserId: c.filedByUserId,
      reviewedByUserId: c.reviewedByUserId,
      decidedByUserId: c.decidedByUserId,
      lastNote: c.lastNote,
      paidOn: c.paidOn,
      paymentReference: c.paymentReference,
      ...(c.recoveredFen !== undefined
        ? { recoveredYuan: yuan(c.recoveredFen), recoveredToFundYuan: yuan(c.recoveredToFundFen ?? 0n) }
        : {}),
    };
  }
}

export class ClaimPage {
  @ApiProperty({ type: [ClaimResponse] }) items: ClaimResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class LeverageResponse {
  @ApiProperty() leverage: string;
  @ApiProperty() raised: boolean;
  @ApiProperty() assessedYear: number;
  @ApiProperty({ nullable: true, type: String }) repaymentRatePercent: string | null;
  @ApiProperty() dueYuan: string;
  @ApiProperty() paidByDueDateYuan: string;
  @ApiProperty({ nullable: true, type: String }) assessedAt: string | null;

  static from(l: LeverageInForce): LeverageResponse {
    return {
      leverage: l.leverage,
      raised: l.raised,
      assessedYear: l.assessedYear,
      repaymentRatePercent: percentOf(l.repaymentRate),
      dueYuan: yuan(BigInt(l.dueFen)),
      paidByDueDateYuan: yuan(BigInt(l.paidByDueDateFen)),
      assessedAt: l.assessedAt ?? null,
    };
  }
}
