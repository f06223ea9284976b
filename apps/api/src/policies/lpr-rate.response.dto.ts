import { ApiProperty } from '@nestjs/swagger';
import type { LprRate } from '@mla/loan-policies';

export class LprRateResponse {
  @ApiProperty({ example: '2025-05-20' }) effectiveDate: string;
  @ApiProperty({ example: '3.0000', description: 'Percent per year as stored (numeric(6,4))' }) oneYearPercent: string;
  @ApiProperty({ example: '3.5000', nullable: true, type: String }) fiveYearPercent: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(r: LprRate): LprRateResponse {
    return {
      effectiveDate: r.effectiveDate,
      oneYearPercent: r.oneYearPercent,
      fiveYearPercent: r.fiveYearPercent,
      createdAt: r.createdAt.toISOString(),
    };
  }
}

export class LprRatePage {
  @ApiProperty({ type: [LprRateResponse] }) items: LprRateResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
