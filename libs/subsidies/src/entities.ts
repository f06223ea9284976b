import { SubsidyBudgetEntry } from './budget/subsidy-budget-entry.entity';
import { SubsidyBudget } from './budget/subsidy-budget.entity';
/** The subsidy context's tables (each part adds its entities here). */
export const SUBSIDIES_ENTITIES: (new () => object)[] = [SubsidyBudget, SubsidyBudgetEntry];
