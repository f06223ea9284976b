import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  BadInputError,
  Clock,
  EARLIEST_BUSINESS_DATE,
  DEFAULT_PAGE_SIZE,
  InvalidStateError,
  Money,
  NotFoundError,
  RequestContext,
  RuleViolationError,
  SYSTEM_ACTOR,
  decodeCursor,
  isUniqueViolation,
  toPage,
  type Page,
} from '@mla/core';
import { GuaranteeErrorCode } from '../errors';
import { FundPositionService } from '../funds/fund-position';
import { FundService } from '../funds/fund.service';
import type { GuaranteeFund } from '../funds/guarantee-fund.entity';
import { EntryKind, MANUAL_KINDS, REVERSIBLE_KINDS, type ManualKind } from './entry-kind';
import type { LedgerEntry } from './ledger-entry.entity';
import { LedgerRepository, type NewEntry } from './ledger.repository';

export interface BookEntryInput {
  kind: ManualKind;
  /** Signed for an adjustment; positive otherwise. */
  amountYuan: string;
  valueDate: string;
  documentReference?: string | null;
  memo?: string | null;
}

type EntryFacts = Omit<NewEntry, 'bookedByUserId' | 'bookedByUsername'>;

/**
 * The fund's ledger: bookings by hand (contributions, interest income, adjustments), reversals, and the one
 * `append` that every other use case writes through. Nothing is updated or deleted; a correction is a reversal.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly funds: FundService,
    private readonly positions: FundPositionService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async book(actor: Actor, fundId: string, input: BookEntryInput): Promise<LedgerEntry> {
    this.access.assertCan(actor, Permission.FUND_BOOK);
    if (!MANUAL_KINDS.includes(input.kind)) {
      throw new BadInputError(GuaranteeErrorCode.INVALID_KIND, `kind must be one of ${MANUAL_KINDS.join(', ')}`, {
        field: 'kind',
      });
    }
    const amount = parseSignedYuan(input.amountYuan);
    if (amount.isZero() || (amount.isNegative() && input.kind !== EntryKind.ADJUSTMENT)) {
      throw new BadInputError(
        GuaranteeErrorCode.INVALID_AMOUNT,
        input.kind === EntryKind.ADJUSTMENT
          ? 'amountYuan must not be zero'
          : `amountYuan must be more than zero for ${input.kind}`,
        { field: 'amountYuan' },
      );
    }
    const valueDate = this.pastOrToday(input.valueDate, 'valueDate');
    if (input.kind === EntryKind.ADJUSTMENT && !input.memo?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REASON_REQUIRED, 'memo (the reason) is required for an adjustment', {
        field: 'memo',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const fund = await this.funds.lockVisible(tx, actor, fundId);
      if (amount.isNegative()) await this.assertDepositCanFall(tx, fund, amount.fen);
      const entry = await this.append(tx, {
        fundId,
        kind: input.kind,
        amountFen: amount.fen,
        valueDate,
        guaranteeId: null,
        loanId: null,
        repaymentId: null,
        claimId: null,
        documentReference: input.documentReference?.trim() || null,
        reversesEntryId: null,
        memo: input.memo?.trim() || null,
        basis: null,
      });
      return entry;
    });
  }

  /** Reverses one entry booked by hand (or a recovery) exactly; each entry can be reversed once. */
  async reverse(actor: Actor, fundId: string, entryId: string, reason: string): Promise<LedgerEntry> {
    this.access.assertCan(actor, Permission.FUND_BOOK);
    if (!reason?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REASON_REQUIRED, 'reason is required to reverse an entry', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const fund = await this.funds.lockVisible(tx, actor, fundId);
      const original = await this.ledger.findById(tx, entryId);
      if (!original || original.fundId !== fundId) {
        throw new NotFoundError(GuaranteeErrorCode.ENTRY_NOT_FOUND, `Entry ${entryId} not found in this fund`, {
          id: entryId,
        });
      }
      if (!REVERSIBLE_KINDS.includes(original.kind)) {
        throw new InvalidStateError(
          GuaranteeErrorCode.NOT_REVERSIBLE,
          `A ${original.kind} entry follows from a guarantee, repayment or claim and cannot be reversed by hand`,
        );
      }
      if (await this.ledger.isReversed(tx, entryId)) {
        throw new InvalidStateError(GuaranteeErrorCode.ALREADY_REVERSED, `Entry ${entryId} is already reversed`);
      }
      if (original.amountFen > 0n) await this.assertDepositCanFall(tx, fund, -original.amountFen);
      return this.reversal(tx, original, this.clock.today().toString(), reason.trim());
    });
  }

  /** A reversing entry of `original` (same account and causes, amount negated), audited. */
  async reversal(tx: EntityManager, original: LedgerEntry, valueDate: string, memo: string): Promise<LedgerEntry> {
    try {
      return await this.append(tx, {
        fundId: original.fundId,
        account: original.account,
        kind: EntryKind.REVERSAL,
        amountFen: -original.amountFen,
        valueDate,
        guaranteeId: original.guaranteeId,
        loanId: original.loanId,
        repaymentId: original.repaymentId,
        claimId: original.claimId,
        documentReference: original.documentReference,
        reversesEntryId: original.id,
        memo,
        basis: original.basis,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_guarantee_fund_entries_reverses')) {
        throw new InvalidStateError(GuaranteeErrorCode.ALREADY_REVERSED, `Entry ${original.id} is already reversed`);
      }
      throw error;
    }
  }

  /** Writes an entry in the caller's transaction, booked by the request's actor (or the system), and audits it. */
  async append(tx: EntityManager, facts: EntryFacts): Promise<LedgerEntry> {
    const who = RequestContext.current()?.actor ?? SYSTEM_ACTOR;
    const entry = await this.ledger.insert(tx, {
      ...facts,
      bookedByUserId: who.userId,
      bookedByUsername: who.username ?? 'system',
    });
    await this.audit.record(tx, {
      action: `guarantee_fund.entry_${entry.kind.toLowerCase()}`,
      entityType: 'guarantee_fund',
      entityId: entry.fundId,
      after: entry,
    });
    return entry;
  }

  async entries(actor: Actor, fundId: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<LedgerEntry>> {
    await this.funds.get(actor, fundId);
    const before = cursor ? String(decodeCursor<{ id: string }>(cursor, ['id']).id) : undefined;
    if (before !== undefined && !/^\d{1,18}$/.test(before)) {
      throw new BadInputError(GuaranteeErrorCode.INVALID_CURSOR, 'cursor is not one this list gave', {
        field: 'cursor',
      });
    }
    const rows = await this.ledger.page(this.dataSource.manager, fundId, limit + 1, before);
    return toPage(rows, limit, (e) => ({ id: e.id }));
  }

  /**
   * A deposit may only fall (an adjustment, a reversed contribution) while it stays positive and still carries
   * the liability at the leverage in force. Called under the fund's lock.
   */
  private async assertDepositCanFall(tx: EntityManager, fund: GuaranteeFund, deltaFen: bigint): Promise<void> {
    const position = await this.positions.position(fund, this.clock.today(), tx);
    const after = position.depositFen + deltaFen;
    if (after < 0n) {
      throw new RuleViolationError(
        GuaranteeErrorCode.INSUFFICIENT_DEPOSIT,
        `The deposit of fund ${fund.code} is ${Money.ofFen(position.depositFen).toYuanString()}; it cannot fall by ${Money.ofFen(-deltaFen).toYuanString()}`,
        { depositYuan: Money.ofFen(position.depositFen).toYuanString() },
      );
    }
    const capacity = Money.ofFen(after).multiplyBy(position.leverage.leverage, 'DOWN').fen;
    if (position.liabilityFen > capacity) {
      throw new RuleViolationError(
        GuaranteeErrorCode.CAPACITY_EXCEEDED,
        `After this the deposit would carry ${Money.ofFen(capacity).toYuanString()} at ${position.leverage.leverage}× but ${Money.ofFen(position.liabilityFen).toYuanString()} is guaranteed`,
        {
          liabilityYuan: Money.ofFen(position.liabilityFen).toYuanString(),
          capacityAfterYuan: Money.ofFen(capacity).toYuanString(),
        },
      );
    }
  }

  /**
   * A booking by hand is dated from the programme's floor to today. Not from the fund's record: funds are entered
   * with their history (contributions made years before the system), so the record's creation bounds nothing.
   */
  private pastOrToday(raw: string, field: string): string {
    return assertDateWithin(field, raw, {
      min: EARLIEST_BUSINESS_DATE,
      max: this.clock.today(),
      minReason: 'the earliest business date',
      maxReason: 'today',
    }).toString();
  }
}

/** '-1200.50' or '1200.50' as Money; a clear error otherwise. */
function parseSignedYuan(raw: string): Money {
  if (typeof raw !== 'string' || !/^-?\d{1,12}(\.\d{1,2})?$/.test(raw)) {
    throw new BadInputError(GuaranteeErrorCode.INVALID_AMOUNT, 'amountYuan must be yuan with at most two decimals', {
      field: 'amountYuan',
    });
  }
  const negative = raw.startsWith('-');
  const money = Money.ofYuan(negative ? raw.slice(1) : raw);
  return negative ? money.negate() : money;
}
