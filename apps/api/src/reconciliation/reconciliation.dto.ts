import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Money } from '@mla/core';
import {
  BANK_PRESETS,
  LineOutcome,
  StatementFormat,
  type BankAccount,
  type ColumnMapping,
  type ReconciliationReport,
  type StatementImport,
  type StatementLine,
} from '@mla/reconciliation';
import { YUAN, IsLocalDate } from '../common/patterns';
import { ColumnMappingDto } from './column-mapping.dto';

const yuan = (fen: bigint | null) => (fen === null ? null : Money.ofFen(fen).toYuanString());

export class BankAccountMappingRequest {
  @ApiPropertyOptional({ enum: StatementFormat, nullable: true })
  @IsOptional()
  @IsIn(Object.values(StatementFormat))
  format?: StatementFormat;
  @ApiPropertyOptional({
    enum: Object.keys(BANK_PRESETS),
    description: 'A preset column mapping (GET /statement-mapping-presets); the account follows it by its code',
  })
  @IsOptional()
  @IsIn(Object.keys(BANK_PRESETS))
  mappingPreset?: string;
  @ApiPropertyOptional({ type: ColumnMappingDto, description: 'The bank’s own column mapping (header texts)' })
  @IsOptional()
  @IsObject()
  columnMapping?: ColumnMapping;
}

export class CreateBankAccountRequest extends BankAccountMappingRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to your bank' })
  @IsOptional()
  @IsUUID()
  bankOrganisationId?: string;
  @ApiProperty({ example: '150221012000000001' }) @IsString() @IsNotEmpty() @MaxLength(40) accountNumber: string;
  @ApiProperty({ example: '贷款结算户' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'CNY' }) @IsOptional() @Matches(/^[A-Za-z]{3}$/) currency?: string;
}

export class BankAccountResponse {
  @ApiProperty() id: string;
  @ApiProperty() bankOrganisationId: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty() name: string;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, enum: StatementFormat }) format: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The preset the account follows' })
  mappingPreset: string | null;
  @ApiProperty({ nullable: true, type: ColumnMappingDto, description: 'The account’s own mapping, when no preset' })
  columnMapping: ColumnMapping | null;

  static from(a: BankAccount): BankAccountResponse {
    return {
      id: a.id,
      bankOrganisationId: a.bankOrganisationId,
      accountNumber: a.accountNumber,
      name: a.name,
      currency: a.currency,
      format: a.format,
      mappingPreset: a.mappingPreset,
      columnMapping: a.columnMapping,
    };
  }
}

export class UploadStatementQuery {
  @ApiProperty({ example: 'rcc-2026-11.csv' }) @IsString() @IsNotEmpty() @MaxLength(255) fileName: string;
  @ApiPropertyOptional({ enum: StatementFormat, description: "Defaults to the account's, else the file's content" })
  @IsOptional()
  @IsIn(Object.values(StatementFormat))
  format?: StatementFormat;
}

export class StatementImportResponse {
  @ApiProperty() id: string;
  @ApiProperty() bankAccountId: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: StatementFormat }) format: string;
  @ApiProperty() contentSha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ enum: ['UPLOADING', 'QUEUED', 'PROCESSING', 'IMPORTED', 'FAILED'] }) status: string;
  @ApiProperty() linesRead: number;
  @ApiProperty() linesStored: number;
  @ApiProperty() linesAlreadyKnown: number;
  @ApiProperty({ description: 'Lines matching has decided so far (the rest are PENDING).' }) linesMatched: number;
  @ApiProperty({ description: 'Runs queued (1 for the upload; more when resumed or re-run).' }) runs: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the raw file was deleted (retention over); the lines stay.',
  })
  filePurgedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) errorMessage: string | null;
  @ApiProperty({ nullable: true, type: Number }) errorLine: number | null;
  @ApiProperty({ nullable: true, type: String }) errorField: string | null;
  @ApiProperty({ nullable: true, type: String }) openingBalanceYuan: string | null;
  @ApiProperty({ nullable: true, type: String }) closingBalanceYuan: string | null;
  @ApiProperty({ nullable: true, type: String }) periodFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) periodTo: string | null;
  @ApiProperty() uploadedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;

  static from(i: StatementImport): StatementImportResponse {
    return {
      id: i.id,
      bankAccountId: i.bankAccountId,
      fileName: i.fileName,
      format: i.format,
      contentSha256: i.contentSha256,
      sizeBytes: Number(i.sizeBytes),
      status: i.status,
      linesRead: i.linesRead,
      linesStored: i.linesStored,
      linesAlreadyKnown: i.linesAlreadyKnown,
      linesMatched: i.linesMatched,
      runs: i.runs,
      filePurgedAt: i.filePurgedAt ? i.filePurgedAt.toISOString() : null,
      errorMessage: i.errorMessage,
      errorLine: i.errorLine,
      errorField: i.errorField,
      openingBalanceYuan: yuan(i.openingBalanceFen),
      closingBalanceYuan: yuan(i.closingBalanceFen),
      periodFrom: i.periodFrom,
      periodTo: i.periodTo,
      uploadedAt: i.uploadedAt.toISOString(),
      finishedAt: i.finishedAt ? i.finishedAt.toISOString() : null,
    };
  }
}

export class StatementLineResponse {
  @ApiProperty() id: string;
  @ApiProperty() importId: string;
  @ApiProperty() lineNumber: number;
  @ApiProperty({ nullable: true, type: String }) bankTransactionId: string | null;
  @ApiProperty() bookingDate: string;
  @ApiProperty({ nullable: true, type: String }) valueDate: string | null;
  @ApiProperty() amountYuan: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ nullable: true, type: String }) counterpartyName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Masked' }) counterpartyAccount: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: LineOutcome }) outcome: string;
  @ApiProperty({ nullable: true, type: Number }) matchTier: number | null;
  @ApiProperty({ nullable: true, type: String }) matchRule: string | null;
  @ApiProperty({ nullable: true, type: String }) matchedKind: string | null;
  @ApiProperty({ nullable: true, type: String }) matchedLoanId: string | null;
  @ApiProperty({ nullable: true, type: String }) matchedRepaymentId: string | null;
  @ApiProperty({ nullable: true, type: [String] }) splitRepaymentIds: string[] | null;
  @ApiProperty({ nullable: true, type: Number }) installmentsSettled: number | null;
  @ApiProperty({ nullable: true, type: String }) duplicateOfLineId: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;

  static from(l: StatementLine): StatementLineResponse {
    return {
      id: l.id,
      importId: l.importId,
      lineNumber: l.lineNumber,
      bankTransactionId: l.bankTransactionId,
      bookingDate: l.bookingDate,
      valueDate: l.valueDate,
      amountYuan: Money.ofFen(l.amountFen).toYuanString(),
      currency: l.currency,
      counterpartyName: l.counterpartyName,
      counterpartyAccount: l.counterpartyAccountMasked,
      reference: l.reference,
      description: l.description,
      outcome: l.outcome,
      matchTier: l.matchTier,
      matchRule: l.matchRule,
      matchedKind: l.matchedKind,
      matchedLoanId: l.matchedLoanId,
      matchedRepaymentId: l.matchedRepaymentId,
      splitRepaymentIds: l.splitRepaymentIds,
      installmentsSettled: l.installmentsSettled,
      duplicateOfLineId: l.duplicateOfLineId,
      note: l.note,
    };
  }
}

export class ReportQuery {
  @ApiProperty({ example: '2026-11-01' }) @IsLocalDate() from: string;
  @ApiProperty({ example: '2026-11-30' }) @IsLocalDate() to: string;
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx'])
  format?: 'json' | 'xlsx';
}

export class ExceptionsQuery {
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() to?: string;
}

export class OutcomeTotalResponse {
  @ApiProperty() count: number;
  @ApiProperty() creditsYuan: string;
  @ApiProperty() debitsYuan: string;
}

export class ReconciliationReportResponse {
  @ApiProperty() accountId: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String }) openingBalanceYuan: string | null;
  @ApiProperty({ nullable: true, type: String }) closingBalanceYuan: string | null;
  @ApiProperty({ type: Object, description: 'Per outcome: count, credits, debits' }) byOutcome: Record<
    string,
    OutcomeTotalResponse
  >;
  @ApiProperty({ type: [StatementLineResponse] }) openExceptions: StatementLineResponse[];
  @ApiProperty({ type: Object }) inSystemOnly: {
    disbursements: {
      loanId: string;
      contractNumber: string;
      valueDate: string | null;
      amountYuan: string;
      reference: string | null;
    }[];
    repayments: { repaymentId: string; loanId: string; valueDate: string; amountYuan: string; reference: string }[];
  };

  static from(r: ReconciliationReport): ReconciliationReportResponse {
    return {
      accountId: r.accountId,
      accountNumber: r.accountNumber,
      from: r.from,
      to: r.to,
      openingBalanceYuan: yuan(r.openingBalanceFen),
      closingBalanceYuan: yuan(r.closingBalanceFen),
      byOutcome: Object.fromEntries(
        Object.entries(r.byOutcome).map(([k, t]) => [
          k,
          { count: t.count, creditsYuan: yuan(t.creditsFen) as string, debitsYuan: yuan(t.debitsFen) as string },
        ]),
      ),
      openExceptions: r.openExceptions.map((l) => StatementLineResponse.from(l)),
      inSystemOnly: {
        disbursements: r.inSystemOnly.disbursements.map(({ amountFen, ...d }) => ({
          ...d,
          amountYuan: yuan(amountFen) as string,
        })),
        repayments: r.inSystemOnly.repayments.map(({ amountFen, ...d }) => ({
          ...d,
          amountYuan: yuan(amountFen) as string,
        })),
      },
    };
  }
}

export class SplitPartDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() loanId: string;
  @ApiProperty({ example: '2000.00' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
}

export class ResolveLineRequest {
  @ApiProperty({ enum: ['NOT_OURS', 'LINK', 'SPLIT', 'CORRECT'] })
  @IsIn(['NOT_OURS', 'LINK', 'SPLIT', 'CORRECT'])
  action: 'NOT_OURS' | 'LINK' | 'SPLIT' | 'CORRECT';
  @ApiPropertyOptional({ type: [SplitPartDto], description: 'SPLIT: the loans and amounts, adding up to the credit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SplitPartDto)
  parts?: SplitPartDto[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'LINK: the loan the credit repays (required for LINK)' })
  @ValidateIf((o: ResolveLineRequest) => o.action === 'LINK' || o.loanId !== undefined)
  @IsUUID()
  loanId?: string;
}
