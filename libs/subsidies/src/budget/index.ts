export * from './funding-level';
export * from './budget-entry-kind';
export * from './budget-rules';
export { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from './budget-input';
export * from './subsidy-budget.entity';
export * from './subsidy-budget-entry.entity';
export * from './subsidy-budget-ledger';
export * from './subsidy-budget.service';
