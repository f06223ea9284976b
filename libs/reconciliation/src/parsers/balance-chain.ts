import { Money } from '@mla/core';
import { ReconciliationErrorCode } from '../errors';
import { StatementParseError } from './statement-parse-error';

interface Point {
  line: number;
  amountFen: bigint;
  balanceFen: bigint;
}

interface Break {
  line: number;
  previousFen: bigint;
  amountFen: bigint;
  balanceFen: bigint;
}

interface Chain {
  last: Point | null;
  forward: Break | null;
  backward: Break | null;
}

const yuan = (fen: bigint): string => Money.ofFen(fen).toYuanString();

/**
 * Checks a running balance row by row: each balance must be the previous row's plus this row's amount (file order
 * oldest first), or, for a file running newest first, the previous row's balance must be this one's plus the
 * previous amount. Both readings are followed until one breaks; when both have, the file is refused naming the
 * row where the reading that held longer broke. A row without a balance starts a new chain; currencies are
 * chained apart (their balances are different accounts'). Catches an amount read with the wrong sign at once.
 */
export class BalanceChain {
  private readonly chains = new Map<string, Chain>();

  add(currency: string | null, line: number, amountFen: bigint, balanceFen: bigint | null): void {
    const id = currency ?? '';
    let chain = this.chains.get(id);
    if (!chain) {
      chain = { last: null, forward: null, backward: null };
      this.chains.set(id, chain);
    }
    const previous = chain.last;
    chain.last = balanceFen === null ? null : { line, amountFen, balanceFen };
    if (previous === null || balanceFen === null) return;
    if (chain.forward === null && previous.balanceFen + amountFen !== balanceFen) {
      chain.forward = { line, previousFen: previous.balanceFen, amountFen, balanceFen };
    }
    if (chain.backward === null && balanceFen + previous.amountFen !== previous.balanceFen) {
      // Read newest first, the earlier row in time is this one: its balance plus the later amount is the later balance.
      chain.backward = {
        line: previous.line,
        previousFen: balanceFen,
        amountFen: previous.amountFen,
        balanceFen: previous.balanceFen,
      };
    }
    if (chain.forward && chain.backward) {
      const broken = chain.backward.line > chain.forward.line ? chain.backward : chain.forward;
      // A preview goes on reading: the chain starts again from this row.
      chain.forward = null;
      chain.backward = null;
      throw new StatementParseError(
        `the balance ${yuan(broken.balanceFen)} is not the previous ${yuan(broken.previousFen)} plus ${yuan(broken.amountFen)}`,
        { line: broken.line },
        ReconciliationErrorCode.STATEMENT_BALANCE_MISMATCH,
        {
          previousYuan: yuan(broken.previousFen),
          amountYuan: yuan(broken.amountFen),
          expectedYuan: yuan(broken.previousFen + broken.amountFen),
          balanceYuan: yuan(broken.balanceFen),
        },
      );
    }
  }
}
