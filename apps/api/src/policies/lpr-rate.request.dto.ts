import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { IsLocalDate } from '../common/patterns';

const PERCENT = /^\d{1,2}(\.\d{1,4})?$/;

export class CreateLprRateRequest {
  @ApiProperty({
    example: '2025-05-20',
    description:
      'Publication date: from LPR_EARLIEST_DATE (2019-08-20) to today + LPR_MAX_DAYS_AHEAD (31) days; else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  effectiveDate: string;

  @ApiProperty({ example: '3.00', description: '1-year LPR, percent per year, at most 4 decimals' })
  @Matches(PERCENT, { message: "oneYearPercent must be a percentage like '3.45'" })
  oneYearPercent: string;

  @ApiPropertyOptional({ example: '3.50', nullable: true, type: String, description: 'Over-5-year LPR, percent' })
  @IsOptional()
  @Matches(PERCENT, { message: "fiveYearPercent must be a percentage like '3.95'" })
  fiveYearPercent?: string | null;
}

export class ListLprRatesQuery extends PageQueryDto {}

export class LprInForceQuery {
  @ApiProperty({ example: '2024-03-01', description: 'The rate published on or most recently before this date' })
  @IsLocalDate()
  date: string;
}
