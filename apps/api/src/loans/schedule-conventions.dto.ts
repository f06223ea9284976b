import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { ROUNDING_MODES } from '@mla/core';
import {
  DAY_COUNTS,
  DEFAULT_CONVENTIONS,
  INTEREST_BASES,
  MAX_INSTALLMENT_MULTIPLE_FEN,
  type ScheduleConventions,
} from '@mla/loans';

/**
 * The schedule conventions (libs/loans/src/schedule/schedule-types.ts) as documented API fields: one description,
 * range and default per key, shared by the request (all optional) and the response (all present). The engine
 * validates them again, so a worker or the CLI gets the same answer.
 */
const DOC: Record<keyof ScheduleConventions, ApiPropertyOptions> = {
  dayCount: {
    enum: DAY_COUNTS,
    default: DEFAULT_CONVENTIONS.dayCount,
    description:
      'Day count: ACT_360 actual days / 360 (日利率 = 年利率 / 360), ACT_365 actual days / 365, 30_360 every month 30 days / 360',
  },
  interestBasis: {
    enum: INTEREST_BASES,
    description:
      'PERIODIC: a whole month accrues annual / 12, odd days by the day count; ACTUAL_DAYS: every period on its days. ' +
      'Default PERIODIC for EQUAL_INSTALLMENT and EQUAL_PRINCIPAL, ACTUAL_DAYS for the other methods',
  },
  rounding: {
    enum: ROUNDING_MODES,
    default: DEFAULT_CONVENTIONS.rounding,
    description: 'Rounding to the fen of each interest amount, of 等额本金 shares and of custom-plan amounts',
  },
  installmentRounding: {
    enum: ROUNDING_MODES,
    default: DEFAULT_CONVENTIONS.installmentRounding,
    description: 'Rounding of the 等额本息 level installment, to the fen or to installmentMultipleFen',
  },
  installmentMultipleFen: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_INSTALLMENT_MULTIPLE_FEN,
    default: DEFAULT_CONVENTIONS.installmentMultipleFen,
    example: 1000,
    description:
      'EQUAL_INSTALLMENT only: the level installment is a multiple of this many fen (100 = 1 yuan, 1000 = 10 yuan), ' +
      'rounded with installmentRounding; the last row repays the remainder. 1 = to the fen (no multiple). ' +
      'Other methods accept only 1; a multiple too coarse for the loan (a row before the last would repay no ' +
      'principal or clear the loan) is refused with 400 INVALID_SCHEDULE_CONVENTION',
  },
  settlementDay: {
    type: 'integer',
    minimum: 1,
    maximum: 31,
    default: DEFAULT_CONVENTIONS.settlementDay,
    description:
      'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY: day of the month interest is settled on (结息日), clamped in short months',
  },
  settlementMonths: {
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 12 },
    minItems: 1,
    maxItems: 12,
    uniqueItems: true,
    default: DEFAULT_CONVENTIONS.settlementMonths,
    description: 'Months with a settlement day, distinct 1–12: [3, 6, 9, 12] quarterly, [6, 12] half-yearly',
  },
  countMaturityDay: {
    type: 'boolean',
    default: DEFAULT_CONVENTIONS.countMaturityDay,
    description:
      'false (算头不算尾): a period ends the day before its due date; true (算头又算尾): it runs through the due date',
  },
  endOfMonthRule: {
    type: 'boolean',
    default: DEFAULT_CONVENTIONS.endOfMonthRule,
    description:
      'false: due dates keep the anchor day, clamped in short months; true: a month-end anchor keeps every due date on a month end',
  },
};

/** Conventions a loan is signed or previewed with; every key optional, defaults as documented. */
export class ScheduleConventionsRequest {
  @ApiPropertyOptional(DOC.dayCount) @IsOptional() @IsIn(DAY_COUNTS) dayCount?: ScheduleConventions['dayCount'];
  @ApiPropertyOptional(DOC.interestBasis)
  @IsOptional()
  @IsIn(INTEREST_BASES)
  interestBasis?: ScheduleConventions['interestBasis'];
  @ApiPropertyOptional(DOC.rounding) @IsOptional() @IsIn(ROUNDING_MODES) rounding?: ScheduleConventions['rounding'];
  @ApiPropertyOptional(DOC.installmentRounding)
  @IsOptional()
  @IsIn(ROUNDING_MODES)
  installmentRounding?: ScheduleConventions['installmentRounding'];
  @ApiPropertyOptional(DOC.installmentMultipleFen)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INSTALLMENT_MULTIPLE_FEN)
  installmentMultipleFen?: number;
  @ApiPropertyOptional(DOC.settlementDay) @IsOptional() @IsInt() @Min(1) @Max(31) settlementDay?: number;
  @ApiPropertyOptional(DOC.settlementMonths)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  settlementMonths?: number[];
  @ApiPropertyOptional(DOC.countMaturityDay) @IsOptional() @IsBoolean() countMaturityDay?: boolean;
  @ApiPropertyOptional(DOC.endOfMonthRule) @IsOptional() @IsBoolean() endOfMonthRule?: boolean;
}

/** The conventions a schedule was built with, every default filled in. */
export class ScheduleConventionsResponse {
  @ApiProperty(DOC.dayCount) dayCount: string;
  @ApiProperty(DOC.interestBasis) interestBasis: string;
  @ApiProperty(DOC.rounding) rounding: string;
  @ApiProperty(DOC.installmentRounding) installmentRounding: string;
  @ApiProperty(DOC.installmentMultipleFen) installmentMultipleFen: number;
  @ApiProperty(DOC.settlementDay) settlementDay: number;
  @ApiProperty(DOC.settlementMonths) settlementMonths: number[];
  @ApiProperty(DOC.countMaturityDay) countMaturityDay: boolean;
  @ApiProperty(DOC.endOfMonthRule) endOfMonthRule: boolean;
}
