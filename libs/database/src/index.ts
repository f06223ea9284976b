export * from './data-source-options';
export * from './migration-runner';
export * from './scratch-database';
export * from './snake-naming.strategy';
export * from './database.module';
export * from './database-health';
export * from './migrations';
export { APP_ROLE } from './migrations/1796200000000-GrantAppRole';
export * from './connection-guard';
