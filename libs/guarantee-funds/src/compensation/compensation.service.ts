import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  BadInputError,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  ForbiddenError,
  InvalidStateError,
  Money,
  NotFoundError,
  RuleViolationError,
  decodeCursor,
  parseDateField,
  isUniqueViolation,
  toPage,
  type Page,
} from '@mla/core';
import { LoanExposureService, type LoanExposure } from '@mla/loans';
import { GuaranteeErrorCode } from '../errors';
import { fundShareOf } from '../funds/fund-rules';
import { FundPositionService } from '../funds/fund-position';
import { CompensationBasis } from '../funds/fund-status';
import { GuaranteeFundRepository } from '../funds/guarantee-fund.repository';
import type { GuaranteeFund } from '../funds/guarantee-fund.entity';
import type { Guarantee } from '../guarantees/guarantee.entity';
import { GuaranteeRepository } from '../guarantees/guarantee.repository';
import { GuaranteeStatus } from '../guarantees/guarantee-status';
import { GuaranteeService } from '../guarantees/guarantee.service';
import { EntryKind } from '../ledger/entry-kind';
import type { LedgerEntry } from '../ledger/ledger-entry.entity';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import { ClaimStatus } from './claim-status';
import type { CompensationClaim } from './compensation-claim.entity';
import { CompensationClaimRepository, type ClaimFilter } from './compensation-claim.repository';

export interface RecoveryInput {
  /** What the bank recovered from the borrower (the fund receives its share of it). */
  amountYuan: string;
  valueDate: string;
  reference: string;
}

/**
 * 代偿 and 追偿: a bank claims compensation for a guaranteed loan past the fund's trigger; one guarantee operator
 * reviews, a different one approves and the fund pays its share; later recoveries flow back in the same shares.
 */
@Injectable()
export class CompensationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: CompensationClaimRepository,
    private readonly guarantees: GuaranteeRepository,
    private readonly guaranteeService: GuaranteeService,
    private readonly fundRows: GuaranteeFundRepository,
    private readonly positions: FundPositionService,
    private readonly ledger: LedgerService,
    private readonly entries: LedgerRepository,
    private readonly loans: LoanExposureService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The bank files a claim; refused before the trigger, twice for one loan, or beyond the yearly ceiling. */
  async file(actor: Actor, loanId: string, note?: string | null): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_FILE);
    try {
      return await this.fileIn(actor, loanId, note);
    } catch (error) {
      // Two banks filing at once: the partial unique index lets one through. The other's transaction is aborted by
      // then, so the winner is read after it rolled back.
      if (isUniqueViolation(error, 'uq_compensation_claims_loan')) {
        const other = await this.claims.findOpenForLoan(this.dataSource.manager, loanId);
        if (other) throw this.claimExists(other);
      }
      throw error;
    }
  }

  private async fileIn(actor: Actor, loanId: string, note?: string | null): Promise<CompensationClaim> {
    const today = this.clock.today();
    const notGuaranteed = () =>
      new NotFoundError(GuaranteeErrorCode.NOT_GUARANTEED, `No guarantee of loan ${loanId} found`, { loanId });
    return this.dataSource.transaction(async (tx) => {
      // The loan first, then its guarantee: the order a repayment posting takes them in, so the two never deadlock.
      const exposure = await this.loans.exposureOn(tx, loanId, today).catch((error: unknown) => {
        throw error instanceof NotFoundError ? notGuaranteed() : error;
      });
      const guarantee = await this.guarantees.findByLoan(tx, loanId);
      if (!guarantee || !this.access.canSee(actor, guarantee)) throw notGuaranteed();
      const existing = await this.claims.findOpenForLoan(tx, loanId);
      if (existing) throw this.claimExists(existing);
      if (guarantee.status !== GuaranteeStatus.ACTIVE) {
        throw new InvalidStateError(
          GuaranteeErrorCode.INVALID_CLAIM_STATE,
          `Guarantee ${guarantee.contractNumber} is ${guarantee.status}`,
        );
      }
      // The claim is the bank's; the fund behind it is locked whoever may see it (a bank officer cannot).
      const fund = await this.lockFund(tx, guarantee.fundId);
      this.assertPastTrigger(fund, exposure, guarantee);
      const figures = this.figuresOf(fund, guarantee, exposure);
      await this.assertWithinCeiling(tx, fund, today.year, figures.fundPaysFen);
      const claim = await this.claims.insert(tx, {
        number: await this.claims.nextNumber(tx, today.year),
        fundId: fund.id,
        guaranteeId: guarantee.id,
        loanId,
        bankOrganisationId: guarantee.bankOrganisationId,
        regionCode: guarantee.regionCode,
        status: ClaimStatus.FILED,
        asOfDate: today.toString(),
        daysPastDue: exposure.daysPastDue,
        ...figures,
        filedByUserId: actor.userId,
        reviewedByUserId: null,
        reviewedAt: null,
        decidedByUserId: null,
        decidedAt: null,
        lastNote: note?.trim() || null,
        paidOn: null,
        paymentReference: null,
      });
      await this.audit.record(tx, {
        action: 'compensation_claim.filed',
        entityType: 'compensation_claim',
        entityId: claim.id,
        after: claim,
      });
      return claim;
    });
  }

  /** First operator: checks the claim and recommends it (maker). */
  async review(actor: Actor, id: string, note?: string | null): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_DECIDE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visibleLocked(tx, actor, id);
      this.assertStatus(before, [ClaimStatus.FILED]);
      if (before.filedByUserId === actor.userId) throw this.samePerson('filed');
      const after = await this.moveOrConflict(tx, before, {
        status: ClaimStatus.REVIEWED,
        reviewedByUserId: actor.userId,
        reviewedAt: this.clock.now(),
        lastNote: note?.trim() || null,
      });
      await this.audited(tx, 'reviewed', before, after);
      return after;
    });
  }

  /**
   * Second operator (checker, not the reviewer): the fund pays its share of what the loan owes today, the
   * guarantee's remaining liability is released, and the loan becomes COMPENSATED, all in one transaction.
   */
  async approve(
    actor: Actor,
    id: string,
    input: { paymentReference: string; note?: string | null },
  ): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_DECIDE);
    if (!input.paymentReference?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REFERENCE_REQUIRED, 'paymentReference is required', {
        field: 'paymentReference',
      });
    }
    const today = this.clock.today();
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visibleLocked(tx, actor, id);
      this.assertStatus(before, [ClaimStatus.REVIEWED]);
      if (before.reviewedByUserId === actor.userId) throw this.samePerson('reviewed');
      // Locks in one order everywhere: loan, guarantee, fund.
      const exposure = await this.loans.exposureOn(tx, before.loanId, today);
      const guarantee = (await this.guarantees.findById(before.guaranteeId, tx)) as Guarantee;
      const fund = await this.lockFund(tx, before.fundId);
      this.assertPastTrigger(fund, exposure, guarantee);
      const figures = this.figuresOf(fund, guarantee, exposure, before);
      await this.assertWithinCeiling(tx, fund, today.year, figures.fundPaysFen);
      const position = await this.positions.position(fund, today, tx);
      if (position.depositFen < figures.fundPaysFen) {
        throw new RuleViolationError(
          GuaranteeErrorCode.INSUFFICIENT_DEPOSIT,
          `Fund ${fund.code} holds ${Money.ofFen(position.depositFen).toYuanString()}, less than the ${Money.ofFen(figures.fundPaysFen).toYuanString()} due`,
        );
      }
      const after = await this.moveOrConflict(tx, before, {
        status: ClaimStatus.PAID,
        ...figures,
        asOfDate: today.toString(),
        daysPastDue: exposure.daysPastDue,
        decidedByUserId: actor.userId,
        decidedAt: this.clock.now(),
        paidOn: today.toString(),
        paymentReference: input.paymentReference.trim(),
        lastNote: input.note?.trim() || before.lastNote,
      });
      await this.ledger.append(tx, {
        fundId: fund.id,
        kind: EntryKind.COMPENSATION_PAID,
        amountFen: -figures.fundPaysFen,
        valueDate: today.toString(),
        guaranteeId: guarantee.id,
        loanId: before.loanId,
        repaymentId: null,
        claimId: before.id,
        documentReference: input.paymentReference.trim(),
        reversesEntryId: null,
        memo: `compensation claim ${before.number}`,
        basis: {
          principalOutstandingFen: figures.principalOutstandingFen.toString(),
          interestOverdueFen: figures.interestOverdueFen.toString(),
          compensationBasis: figures.compensationBasis,
          coveredFen: figures.coveredFen.toString(),
          fundShare: figures.fundShare,
          daysPastDue: exposure.daysPastDue,
        },
      });
      await this.guaranteeService.end(
        tx,
        guarantee,
        GuaranteeStatus.COMPENSATED,
        `compensation claim ${before.number}`,
        {
          claimId: before.id,
        },
      );
      await this.loans.markCompensated(tx, before.loanId, before.number);
      await this.audited(tx, 'paid', before, after);
      return after;
    });
  }

  /** Either operator step may reject, with a reason; at the approval step not by the reviewer. */
  async reject(actor: Actor, id: string, reason: string): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_DECIDE);
    if (!reason?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REASON_REQUIRED, 'reason is required to reject a claim', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visibleLocked(tx, actor, id);
      this.assertStatus(before, [ClaimStatus.FILED, ClaimStatus.REVIEWED]);
      if (before.reviewedByUserId === actor.userId) throw this.samePerson('reviewed');
      const after = await this.moveOrConflict(tx, before, {
        status: ClaimStatus.REJECTED,
        decidedByUserId: actor.userId,
        decidedAt: this.clock.now(),
        lastNote: reason.trim(),
      });
      await this.audited(tx, 'rejected', before, after);
      return after;
    });
  }

  /**
   * 追偿: money recovered from the borrower after compensation; the fund receives its share (the claim's), the
   * bank keeps the rest. The same reference twice books once; in all, no more than the claim covered.
   */
  async recordRecovery(
    actor: Actor,
    id: string,
    input: RecoveryInput,
  ): Promise<{ entry: LedgerEntry; duplicate: boolean; recoveredFen: bigint }> {
    this.access.assertCan(actor, Permission.RECOVERY_RECORD);
    const amount = Money.ofYuan(input.amountYuan);
    if (!amount.isPositive()) {
      throw new BadInputError(GuaranteeErrorCode.INVALID_AMOUNT, 'amountYuan must be more than zero', {
        field: 'amountYuan',
      });
    }
    const valueDate = parseDateField('valueDate', input.valueDate);
    if (!input.reference?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REFERENCE_REQUIRED, 'reference is required', { field: 'reference' });
    }
    const reference = input.reference.trim();
    return this.dataSource.transaction(async (tx) => {
      const claim = await this.visibleLocked(tx, actor, id);
      const existing = await this.entries.findRecovery(tx, claim.id, reference);
      if (existing) {
        if (existing.basis?.recoveredFen !== amount.fen.toString()) {
          throw new ConflictError(
            GuaranteeErrorCode.REFERENCE_REUSED,
            `Reference ${reference} was recorded with another amount`,
            { field: 'reference' },
          );
        }
        const { recoveredFen } = await this.entries.recoveredOfClaim(tx, claim.id);
        return { entry: existing, duplicate: true, recoveredFen };
      }
      this.assertStatus(claim, [ClaimStatus.PAID]);
      assertDateWithin('valueDate', valueDate, {
        min: claim.paidOn,
        max: this.clock.today(),
        minReason: 'the compensation payment',
        maxReason: 'today',
      });
      const soFar = await this.entries.recoveredOfClaim(tx, claim.id);
      if (soFar.recoveredFen + amount.fen > claim.coveredFen) {
        throw new RuleViolationError(
          GuaranteeErrorCode.RECOVERY_TOO_LARGE,
          `Recoveries would reach ${Money.ofFen(soFar.recoveredFen + amount.fen).toYuanString()}, more than the ${Money.ofFen(claim.coveredFen).toYuanString()} compensated`,
          { field: 'amountYuan' },
        );
      }
      const toFund = fundShareOf(amount.fen, claim.fundShare);
      const entry = await this.ledger.append(tx, {
        fundId: claim.fundId,
        kind: EntryKind.RECOVERY_RECEIVED,
        amountFen: toFund,
        valueDate: valueDate.toString(),
        guaranteeId: claim.guaranteeId,
        loanId: claim.loanId,
        repaymentId: null,
        claimId: claim.id,
        documentReference: reference,
        reversesEntryId: null,
        memo: `recovery on claim ${claim.number}`,
        basis: {
          recoveredFen: amount.fen.toString(),
          fundShare: claim.fundShare,
          bankKeepsFen: (amount.fen - toFund).toString(),
        },
      });
      return { entry, duplicate: false, recoveredFen: soFar.recoveredFen + amount.fen };
    });
  }

  async get(
    actor: Actor,
    id: string,
  ): Promise<CompensationClaim & { recoveredFen: bigint; recoveredToFundFen: bigint }> {
    this.access.assertCan(actor, Permission.COMPENSATION_READ);
    const claim = await this.claims.findById(id);
    if (!claim || !this.access.canSee(actor, claim)) throw this.notFound(id);
    const recovered = await this.entries.recoveredOfClaim(this.dataSource.manager, id);
    return { ...claim, recoveredFen: recovered.recoveredFen, recoveredToFundFen: recovered.toFundFen };
  }

  async list(
    actor: Actor,
    filter: ClaimFilter,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<CompensationClaim>> {
    this.access.assertCan(actor, Permission.COMPENSATION_READ);
    const after = cursor ? decodeCursor<{ n: string }>(cursor, ['n']).n : undefined;
    const rows = await this.claims.list(this.access.scopeOf(actor), filter, limit + 1, after);
    return toPage(rows, limit, (c) => ({ n: c.number }));
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private async lockFund(tx: EntityManager, fundId: string): Promise<GuaranteeFund> {
    const fund = await this.fundRows.lockById(tx, fundId);
    if (!fund) throw new NotFoundError(GuaranteeErrorCode.FUND_NOT_FOUND, `Guarantee fund ${fundId} not found`);
    return fund;
  }

  private assertPastTrigger(fund: GuaranteeFund, exposure: LoanExposure, guarantee: Guarantee): void {
    if (exposure.daysPastDue <= fund.compensationTriggerDays) {
      throw new RuleViolationError(
        GuaranteeErrorCode.BEFORE_TRIGGER,
        `Loan ${exposure.loan.contractNumber} is ${exposure.daysPastDue} days past due; fund ${fund.code} compensates after ${fund.compensationTriggerDays}`,
        {
          daysPastDue: exposure.daysPastDue,
          triggerDays: fund.compensationTriggerDays,
          guarantee: guarantee.contractNumber,
        },
      );
    }
  }

  private figuresOf(
    fund: GuaranteeFund,
    guarantee: Guarantee,
    exposure: LoanExposure,
    claim?: CompensationClaim,
  ): Pick<
    CompensationClaim,
    'principalOutstandingFen' | 'interestOverdueFen' | 'compensationBasis' | 'fundShare' | 'coveredFen' | 'fundPaysFen'
  > {
    const basis = claim?.compensationBasis ?? fund.compensationBasis;
    const coveredFen =
      exposure.principalOutstandingFen +
      (basis === CompensationBasis.PRINCIPAL_AND_INTEREST ? exposure.interestOverdueFen : 0n);
    return {
      principalOutstandingFen: exposure.principalOutstandingFen,
      interestOverdueFen: exposure.interestOverdueFen,
      compensationBasis: basis,
      fundShare: guarantee.fundShare,
      coveredFen,
      fundPaysFen: fundShareOf(coveredFen, guarantee.fundShare),
    };
  }

  private async assertWithinCeiling(tx: EntityManager, fund: GuaranteeFund, year: number, fen: bigint): Promise<void> {
    const ceiling = await this.positions.yearlyCeiling(tx, fund, year);
    if (ceiling && ceiling.paidFen + fen > ceiling.ceilingFen) {
      throw new RuleViolationError(
        GuaranteeErrorCode.YEARLY_CEILING,
        `Fund ${fund.code} has paid ${Money.ofFen(ceiling.paidFen).toYuanString()} in compensation in ${year}; ${Money.ofFen(fen).toYuanString()} more would pass the yearly ceiling of ${Money.ofFen(ceiling.ceilingFen).toYuanString()}`,
        {
          ceilingYuan: Money.ofFen(ceiling.ceilingFen).toYuanString(),
          paidYuan: Money.ofFen(ceiling.paidFen).toYuanString(),
          claimYuan: Money.ofFen(fen).toYuanString(),
        },
      );
    }
  }

  private async visibleLocked(tx: EntityManager, actor: Actor, id: string): Promise<CompensationClaim> {
    const claim = await this.claims.lockById(tx, id);
    if (!claim || !this.access.canSee(actor, claim)) throw this.notFound(id);
    return claim;
  }

  private assertStatus(claim: CompensationClaim, allowed: ClaimStatus[]): void {
    if (!allowed.includes(claim.status)) {
      throw new InvalidStateError(
        GuaranteeErrorCode.INVALID_CLAIM_STATE,
        `Claim ${claim.number} is ${claim.status}, not ${allowed.join(' or ')}`,
        { status: claim.status },
      );
    }
  }

  private async moveOrConflict(
    tx: EntityManager,
    before: CompensationClaim,
    patch: Partial<CompensationClaim>,
  ): Promise<CompensationClaim> {
    const after = await this.claims.moveIfStatus(tx, before.id, before.status, patch);
    if (!after) {
      throw new ConflictError(
        GuaranteeErrorCode.CONCURRENT_CHANGE,
        `Claim ${before.number} was changed by someone else meanwhile`,
      );
    }
    return after;
  }

  private async audited(tx: EntityManager, what: string, before: CompensationClaim, after: CompensationClaim) {
    await this.audit.record(tx, {
      action: `compensation_claim.${what}`,
      entityType: 'compensation_claim',
      entityId: after.id,
      before: { status: before.status },
      after,
    });
  }

  private samePerson(step: string): ForbiddenError {
    return new ForbiddenError(
      GuaranteeErrorCode.SAME_PERSON,
      `You ${step} this claim; another person must take the next step`,
    );
  }

  private claimExists(existing: CompensationClaim): ConflictError {
    return new ConflictError(
      GuaranteeErrorCode.CLAIM_EXISTS,
      `Loan already has compensation claim ${existing.number} (${existing.status})`,
      { claimId: existing.id, number: existing.number, status: existing.status },
    );
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(GuaranteeErrorCode.CLAIM_NOT_FOUND, `Compensation claim ${id} not found`, { id });
  }
}
