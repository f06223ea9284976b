import { SubsidyBudgetEntry } from './budget/subsidy-budget-entry.entity';
import { SubsidyBudget } from './budget/subsidy-budget.entity';
import { SubsidyClaimBatch } from './claims/subsidy-claim-batch.entity';
import { SubsidyClaimLine } from './claims/subsidy-claim-line.entity';
import { SubsidyPayout } from './claims/subsidy-payout.entity';
/** The subsidy context's tables (each part adds its entities here). */
export const SUBSIDIES_ENTITIES: (new () => object)[] = [
  SubsidyBudget,
  SubsidyBudgetEntry,
  SubsidyClaimBatch,
  SubsidyClaimLine,
  SubsidyPayout,
];
