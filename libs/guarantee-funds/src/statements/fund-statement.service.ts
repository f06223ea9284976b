import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@mla/auth';
import { assertDateRange, parseDateField } from '@mla/core';
import { FundService } from '../funds/fund.service';
import type { GuaranteeFund } from '../funds/guarantee-fund.entity';
import type { LedgerEntry } from '../ledger/ledger-entry.entity';
import { LedgerRepository, type Balances, type KindTotals } from '../ledger/ledger.repository';

export interface FundStatement {
  fund: GuaranteeFund;
  from: string;
  to: string;
  opening: Balances;
  entries: LedgerEntry[];
  /** Net movement per kind in the period (a reversal under the kind it reverses). */
  movements: KindTotals;
  closing: Balances;
}

/** The longest period one statement covers. */
const MAX_STATEMENT_DAYS = 3660;

/** A fund's statement for a date range: opening balances, every entry, closing balances (by value date). */
@Injectable()
export class FundStatementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funds: FundService,
    private readonly ledger: LedgerRepository,
  ) {}

  async statement(actor: Actor, fundId: string, fromRaw: string, toRaw: string): Promise<FundStatement> {
    const fund = await this.funds.get(actor, fundId);
    const from = parseDateField('from', fromRaw);
    const to = parseDateField('to', toRaw);
    assertDateRange(from, to, { maxDays: MAX_STATEMENT_DAYS });
    const tx = this.dataSource.manager;
    const opening = await this.ledger.balancesBefore(tx, fund.id, from.toString());
    const entries = await this.ledger.between(tx, fund.id, from.toString(), to.toString());
    const movements = await this.ledger.totalsByKind(tx, fund.id, from.toString(), to.toString());
    const closing = entries.reduce(
      (b, e) =>
        e.account === 'DEPOSIT'
          ? { ...b, depositFen: b.depositFen + e.amountFen }
          : { ...b, liabilityFen: b.liabilityFen + e.amountFen },
      opening,
    );
    return { fund, from: from.toString(), to: to.toString(), opening, entries, movements, closing };
  }
}
