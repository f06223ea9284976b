import { CompensationAlert } from './alerts/compensation-alert.entity';
import { CompensationClaim } from './compensation/compensation-claim.entity';
import { GuaranteeFund } from './funds/guarantee-fund.entity';
import { LeverageAssessment } from './funds/leverage-assessment.entity';
import { Guarantee } from './guarantees/guarantee.entity';
import { LedgerEntry } from './ledger/ledger-entry.entity';

export const GUARANTEE_FUNDS_ENTITIES = [
  GuaranteeFund,
  LedgerEntry,
  Guarantee,
  CompensationClaim,
  LeverageAssessment,
  CompensationAlert,
];
