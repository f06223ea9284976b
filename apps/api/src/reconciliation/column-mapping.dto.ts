import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_FORMATS, DELIMITERS, type DateFormat, type Delimiter } from '@mla/reconciliation';

const header = (what: string) => ({ type: String, description: `Header text of the ${what} column` });

/** The documented shape of a column mapping (validated by the service, which names what is wrong). */
export class ColumnMappingDto {
  @ApiProperty({ ...header('booking date'), example: '交易日期' }) date: string;
  @ApiPropertyOptional(header('time')) time?: string;
  @ApiPropertyOptional({
    ...header('amount'),
    description: 'Header text of the amount column: signed, or unsigned when `direction` is given',
    example: '交易金额',
  })
  amount?: string;
  @ApiPropertyOptional({ ...header('debit (money out, unsigned)'), example: '借方发生额' }) debit?: string;
  @ApiPropertyOptional({ ...header('credit (money in, unsigned)'), example: '贷方发生额' }) credit?: string;
  @ApiPropertyOptional({ ...header('direction'), description: 'Header text of the direction column (借贷标志, 收/支)' })
  direction?: string;
  @ApiPropertyOptional({ type: [String], description: 'Direction values meaning money in', example: ['贷', '收入'] })
  creditValues?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Direction values meaning money out', example: ['借', '支出'] })
  debitValues?: string[];
  @ApiPropertyOptional({ type: Boolean, description: 'The export shows money out as positive (card accounts)' })
  invertSigns?: boolean;
  @ApiPropertyOptional(header('balance')) balance?: string;
  @ApiPropertyOptional(header('currency')) currency?: string;
  @ApiPropertyOptional(header('bank transaction id')) transactionId?: string;
  @ApiPropertyOptional(header('counterparty name')) counterpartyName?: string;
  @ApiPropertyOptional(header('counterparty account')) counterpartyAccount?: string;
  @ApiPropertyOptional(header('reference (附言)')) reference?: string;
  @ApiPropertyOptional(header('description (摘要)')) description?: string;
  @ApiPropertyOptional({ enum: DATE_FORMATS, default: 'AUTO', description: 'MM/DD and MM-DD: year from the title' })
  dateFormat?: DateFormat;
  @ApiPropertyOptional({ enum: ['AUTO', 'UTF-8', 'GB18030'], default: 'AUTO' }) encoding?: 'AUTO' | 'UTF-8' | 'GB18030';
  @ApiPropertyOptional({ enum: DELIMITERS, default: 'AUTO', description: 'CSV only' }) delimiter?: Delimiter;
  @ApiPropertyOptional({ type: [String], description: 'Rows holding one of these texts are notes, not lines' })
  skipRowsContaining?: string[];
  @ApiPropertyOptional({
    type: Boolean,
    default: true,
    description: 'Check each running balance where every row has one',
  })
  checkBalances?: boolean;
}
