import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { BadInputError } from '@mla/core';
import { MAX_DISBURSEMENT_FILE_BYTES, readDisbursementFile } from '@mla/reconciliation';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { DisbursementService } from '@mla/loans';
import { PageQueryDto } from '../common/page-query.dto';
import { ApiErrorCode } from '../http/api-error-code';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConfirmDisbursementsRequest, LoanPage, LoanResponse } from '../loans/loan.dto';

/** The bank's side of disbursement: what waits to be paid out, and confirmations of what was. */
@ApiTags('disbursements')
@ApiBearerAuth()
@Controller('disbursements')
export class DisbursementsController {
  constructor(private readonly disbursements: DisbursementService) {}

  /** Signed contracts of the caller's bank waiting for disbursement. */
  @Get('queue')
  @ApiOkResponse({ type: LoanPage })
  async queue(@CurrentActor() actor: Actor, @Query() q: PageQueryDto): Promise<LoanPage> {
    const page = await this.disbursements.disbursementQueue(actor, q.limit, q.cursor);
    return { items: page.items.map((l) => LoanResponse.from(l)), nextCursor: page.nextCursor };
  }

  /**
   * The same from a file (CSV, UTF-8 or GBK; columns contractNumber/合同号, amountYuan/金额, valueDate/放款日期,
   * borrowerAccount/借款人账号, bankLoanNumber/借据号, reference/放款流水号) sent as the raw request body: all rows
   * or none; a bad row is refused naming its line and column.
   */
  @Post('file')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: [LoanResponse] })
  async confirmFile(@CurrentActor() actor: Actor, @Req() req: Request): Promise<LoanResponse[]> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_DISBURSEMENT_FILE_BYTES) {
        throw new BadInputError(ApiErrorCode.FILE_TOO_LARGE, 'A disbursement file may be at most 5 MiB', {
          field: 'file',
        });
      }
      chunks.push(chunk as Buffer);
    }
    const confirmations = await readDisbursementFile(Buffer.concat(chunks));
    return (await this.disbursements.confirmDisbursements(actor, confirmations)).map((l) => LoanResponse.from(l));
  }

  /**
   * Confirms disbursements by contract number (amount, value date, borrower account, bank loan number, bank
   * reference): all of them or none; each activates its loan and fixes its schedule from the value date.
   */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: [LoanResponse] })
  async confirm(@CurrentActor() actor: Actor, @Body() body: ConfirmDisbursementsRequest): Promise<LoanResponse[]> {
    return (await this.disbursements.confirmDisbursements(actor, body.confirmations)).map((l) => LoanResponse.from(l));
  }
}
