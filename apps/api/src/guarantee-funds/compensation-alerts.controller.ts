import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Actor } from '@mla/auth';
import { Money } from '@mla/core';
import {
  CompensationAlertClosedReason,
  CompensationAlertQueryService,
  CompensationAlertStatus,
  type CompensationAlertView,
} from '@mla/guarantee-funds';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';

export class ListCompensationAlertsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CompensationAlertStatus, description: 'Default: all' })
  @IsOptional()
  @IsIn(Object.values(CompensationAlertStatus))
  status?: CompensationAlertStatus;

  @ApiPropertyOptional() @IsOptional() @IsUUID() fundId?: string;
}

export class CompensationAlertResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CompensationAlertStatus }) status: CompensationAlertStatus;
  @ApiProperty() loanId: string;
  @ApiProperty({ description: "The loan's contract number" }) loanContractNumber: string;
  @ApiProperty({ nullable: true, type: String, example: '王*梅', description: "The borrower's name, masked" })
  borrowerName: string | null;
  @ApiProperty() guaranteeId: string;
  @ApiProperty() fundId: string;
  @ApiProperty({ nullable: true, type: String }) fundCode: string | null;
  @ApiProperty() bankOrganisationId: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ description: 'The close date that first found the loan past the trigger' }) flaggedOn: string;
  @ApiProperty({ description: 'The last close date that found it still past' }) lastSeenOn: string;
  @ApiProperty() daysPastDue: number;
  @ApiProperty({ description: "The fund's compensation trigger (days past due)" }) triggerDays: number;
  @ApiProperty({ example: '80000.00' }) principalOutstandingYuan: string;
  @ApiProperty({ nullable: true, type: String }) closedOn: string | null;
  @ApiProperty({ nullable: true, enum: CompensationAlertClosedReason })
  closedReason: CompensationAlertClosedReason | null;

  static from(a: CompensationAlertView): CompensationAlertResponse {
    return {
      id: a.id,
      status: a.status,
      loanId: a.loanId,
      loanContractNumber: a.loanContractNumber,
      borrowerName: a.borrowerNameMasked,
      guaranteeId: a.guaranteeId,
      fundId: a.fundId,
      fundCode: a.fundCode,
      bankOrganisationId: a.bankOrganisationId,
      regionCode: a.regionCode,
      flaggedOn: a.flaggedOn,
      lastSeenOn: a.lastSeenOn,
      daysPastDue: a.daysPastDue,
      triggerDays: a.triggerDays,
      principalOutstandingYuan: Money.ofFen(a.principalOutstandingFen).toYuanString(),
      closedOn: a.closedOn,
      closedReason: a.closedReason,
    };
  }
}

export class CompensationAlertPage {
  @ApiProperty({ type: [CompensationAlertResponse] }) items: CompensationAlertResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('compensation')
@ApiBearerAuth()
@Controller('compensation-alerts')
export class CompensationAlertsController {
  constructor(private readonly alerts: CompensationAlertQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'List compensation alerts',
    description:
      'Guaranteed loans the nightly close found more days past due than their fund’s compensation trigger (代偿预警), ' +
      'most days past due first. An alert closes at a later close when the loan is no longer past the trigger, a ' +
      'claim is filed, or the guarantee ends. Guarantee operators see their region’s, bank officers their bank’s.',
  })
  @ApiOkResponse({ type: CompensationAlertPage, description: 'A page of alerts; pass nextCursor back as cursor' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a bad status, fundId or limit; INVALID_CURSOR' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read compensation alerts' })
  async list(@CurrentActor() actor: Actor, @Query() q: ListCompensationAlertsQuery): Promise<CompensationAlertPage> {
    const page = await this.alerts.list(actor, { status: q.status, fundId: q.fundId }, q.limit, q.cursor);
    return { items: page.items.map((a) => CompensationAlertResponse.from(a)), nextCursor: page.nextCursor };
  }
}
