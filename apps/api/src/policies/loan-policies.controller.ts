import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { LocalDate, Money } from '@mla/core';
import {
  PolicyService,
  SUBSIDY_RULE_PLAIN_OPTIONS,
  type CreatePolicyInput,
  type SubsidyRule,
} from '@mla/loan-policies';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateLoanPolicyRequest,
  ListLoanPoliciesQuery,
  ResolveLoanPolicyQuery,
  type SubsidyRuleRequest,
} from './loan-policy.request.dto';
import { LoanPolicyPage, LoanPolicyResponse } from './loan-policy.response.dto';

const fen = (yuan: string): bigint => Money.ofYuan(yuan).fen;

/** Only the keys the client sent: the use case refuses fields that do not belong to the rule's kind. */
function subsidyRuleOf(body: SubsidyRuleRequest): SubsidyRule {
  const rule: Record<string, unknown> = { kind: body.kind };
  if (body.borrowerBearsLprMinusBasisPoints !== undefined) {
    rule.borrowerBearsLprMinusBasisPoints = body.borrowerBearsLprMinusBasisPoints;
  }
  if (body.percent !== undefined) rule.percent = body.percent;
  if (body.taper !== undefined) rule.taper = body.taper;
  if (body.fundingShares !== undefined) {
    const { central, provincial, city, county } = body.fundingShares;
    rule.fundingShares = { central, provincial, city, county };
  }
  if (body.amountCapYuan != null) rule.amountCapFen = fen(body.amountCapYuan).toString();
  for (const key of SUBSIDY_RULE_PLAIN_OPTIONS) if (body[key] != null) rule[key] = body[key];
  return rule as SubsidyRule;
}

function toInput(body: CreateLoanPolicyRequest): CreatePolicyInput {
  return {
    code: body.code,
    name: body.name,
    legalBasis: body.legalBasis ?? null,
    jurisdictionRegionCode: body.jurisdictionRegionCode,
    effectiveFrom: body.effectiveFrom,
    effectiveTo: body.effectiveTo ?? null,
    minAge: body.minAge,
    maxAge: body.maxAge,
    maxAgePlusTermYears: body.maxAgePlusTermYears ?? null,
    individualMaxFen: fen(body.individualMaxYuan),
    partnershipPerPersonMaxFen: fen(body.partnershipPerPersonMaxYuan),
    partnershipTotalPercentOfMembers: body.partnershipTotalPercentOfMembers,
    partnershipAbsoluteMaxFen: body.partnershipAbsoluteMaxYuan == null ? null : fen(body.partnershipAbsoluteMaxYuan),
    maxTermMonths: body.maxTermMonths,
    extensionMaxMonths: body.extensionMaxMonths,
    maxCumulativeLoans: body.maxCumulativeLoans,
    rateCapBasisPointsOverLpr: body.rateCapBasisPointsOverLpr,
    eligibleCategories: body.eligibleCategories,
    womenOnly: body.womenOnly,
    counterGuaranteeRequired: body.counterGuaranteeRequired,
    prepaymentMode: body.prepaymentMode,
    penaltyBasis: body.penaltyBasis,
    repaymentMethods: body.repaymentMethods,
    otherLoanExemptKinds: body.otherLoanExemptKinds,
    smallConsumerLoanMaxFen: fen(body.smallConsumerLoanMaxYuan),
    excludedEmployers: body.excludedEmployers,
    subsidyRule: subsidyRuleOf(body.subsidyRule),
  };
}

@ApiTags('loan-policies')
@ApiBearerAuth()
@Controller('loan-policies')
export class LoanPoliciesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOkResponse({ type: LoanPolicyPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListLoanPoliciesQuery): Promise<LoanPolicyPage> {
    const page = await this.policies.list(
      actor,
      { code: q.code, jurisdictionRegionCode: q.jurisdictionRegionCode, status: q.status, effectiveOn: q.effectiveOn },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map(LoanPolicyResponse.from), nextCursor: page.nextCursor };
  }

  /** Declared before :id so that 'resolve' is not taken for an id. */
  @Get('resolve')
  @ApiOkResponse({ type: LoanPolicyResponse, description: 'The policy that applies to the region on the date' })
  async resolve(@CurrentActor() actor: Actor, @Query() q: ResolveLoanPolicyQuery): Promise<LoanPolicyResponse> {
    const policy = await this.policies.resolveFor(actor, q.regionCode, LocalDate.parse(q.date), q.code);
    return LoanPolicyResponse.from(policy);
  }

  @Get(':id')
  @ApiOkResponse({ type: LoanPolicyResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LoanPolicyResponse> {
    return LoanPolicyResponse.from(await this.policies.get(actor, id));
  }

  @Post()
  @ApiCreatedResponse({ type: LoanPolicyResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateLoanPolicyRequest): Promise<LoanPolicyResponse> {
    return LoanPolicyResponse.from(await this.policies.create(actor, toInput(body)));
  }

  @Post(':id/retire')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: LoanPolicyResponse })
  async retire(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LoanPolicyResponse> {
    return LoanPolicyResponse.from(await this.policies.retire(actor, id));
  }
}
