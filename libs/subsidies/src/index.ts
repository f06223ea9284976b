export * from './entities';
export * from './errors';
export * from './messages';
export * from './subsidies.module';
export * from './calculation/settlement-periods';
export * from './calculation/subsidy-facts';
export * from './calculation/subsidy-line';
export * from './calculation/calculate-subsidy-line';
