export * from './entities';
export * from './errors';
export * from './messages';
export * from './subsidies.module';
export * from './budget';
