import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Money } from '@mla/core';
import {
  BANK_PRESETS,
  MAPPING_PRESET_LABELS,
  MappingPreset,
  StatementFormat,
  maskAccountIdentifier,
  type ColumnMapping,
  type ParsedLine,
  type PreviewIssue,
  type StatementPreview,
} from '@mla/reconciliation';
import type { Language } from '@mla/core';
import { ColumnMappingDto } from './column-mapping.dto';

const yuan = (fen: bigint | null) => (fen === null ? null : Money.ofFen(fen).toYuanString());

export class MappingPresetResponse {
  @ApiProperty({ enum: MappingPreset }) code: string;
  @ApiProperty({ description: 'The bank’s name in the answer’s language (zh-CN by default)', example: '中国工商银行' })
  name: string;
  @ApiProperty({ type: ColumnMappingDto, description: 'The column mapping: header texts, direction values, formats' })
  mapping: ColumnMapping;

  static all(language: Language): MappingPresetResponse[] {
    return Object.values(MappingPreset).map((code) => ({
      code,
      name: MAPPING_PRESET_LABELS[code][language],
      mapping: BANK_PRESETS[code],
    }));
  }
}

export class PreviewStatementQuery {
  @ApiPropertyOptional({ example: 'icbc-2026-11.csv', description: 'Helps tell the format when the content cannot' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
  @ApiPropertyOptional({ enum: StatementFormat, description: 'Defaults to the account’s, else the sample’s content' })
  @IsOptional()
  @IsIn(Object.values(StatementFormat))
  format?: StatementFormat;
  @ApiPropertyOptional({ enum: MappingPreset, description: 'Read the sample with this preset' })
  @IsOptional()
  @IsIn(Object.values(MappingPreset))
  preset?: string;
  @ApiPropertyOptional({
    description: 'Read the sample with this column mapping (JSON, as saved with PUT /bank-accounts/{id}/mapping)',
    example: '{"date":"交易日期","amount":"交易金额","direction":"借贷标志"}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  mapping?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The account it would be imported for: its saved mapping (unless one is given) and account check',
  })
  @IsOptional()
  @IsUUID()
  bankAccountId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Lines to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class PreviewLineResponse {
  @ApiProperty({ description: 'Row (CSV/XLSX) or entry ordinal (camt.053, MT940) in the file' }) lineNumber: number;
  @ApiProperty() bookingDate: string;
  @ApiProperty({ description: 'Signed: money in positive, money out negative', example: '-1234.50' })
  amountYuan: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ nullable: true, type: String }) bankTransactionId: string | null;
  @ApiProperty({ nullable: true, type: String }) counterpartyName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Masked' }) counterpartyAccount: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) balanceAfterYuan: string | null;

  static from(l: ParsedLine): PreviewLineResponse {
    return {
      lineNumber: l.lineNumber,
      bookingDate: l.bookingDate,
      amountYuan: Money.ofFen(l.amountFen).toYuanString(),
      currency: l.currency ?? 'CNY',
      bankTransactionId: l.bankTransactionId,
      counterpartyName: l.counterpartyName,
      counterpartyAccount: l.counterpartyAccount === null ? null : maskAccountIdentifier(l.counterpartyAccount),
      reference: l.reference,
      description: l.description,
      balanceAfterYuan: yuan(l.balanceAfterFen),
    };
  }
}

export class PreviewIssueResponse {
  @ApiProperty({ nullable: true, type: Number }) line: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'The column header, XML path or tag' }) field:
    string | null;
  @ApiProperty({ description: 'An error code of the catalogue (GET /reference/error-codes)' }) code: string;
  @ApiProperty({ description: 'What is wrong and where, in the answer’s language' }) message: string;
  @ApiProperty({ description: 'The import would refuse the whole file (not only skip the row)' }) refusesFile: boolean;

  static from(i: PreviewIssue): PreviewIssueResponse {
    return { ...i };
  }
}

export class StatementPreviewResponse {
  @ApiProperty({ enum: StatementFormat }) format: string;
  @ApiProperty({ type: [PreviewLineResponse] }) lines: PreviewLineResponse[];
  @ApiProperty({ description: 'Lines read in the whole sample' }) linesRead: number;
  @ApiProperty({ nullable: true, type: String, description: 'The account the file names, masked' })
  accountIdentifier: string | null;
  @ApiProperty({ nullable: true, type: String }) openingBalanceYuan: string | null;
  @ApiProperty({ nullable: true, type: String }) closingBalanceYuan: string | null;
  @ApiProperty({ type: [PreviewIssueResponse] }) issues: PreviewIssueResponse[];

  static from(p: StatementPreview): StatementPreviewResponse {
    return {
      format: p.format,
      lines: p.lines.map((l) => PreviewLineResponse.from(l)),
      linesRead: p.linesRead,
      accountIdentifier: p.accountIdentifier === null ? null : maskAccountIdentifier(p.accountIdentifier),
      openingBalanceYuan: yuan(p.openingBalanceFen),
      closingBalanceYuan: yuan(p.closingBalanceFen),
      issues: p.issues.map((i) => PreviewIssueResponse.from(i)),
    };
  }
}
