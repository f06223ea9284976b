export * from './data-source-options';
export * from './migration-runner';
export * from './scratch-database';
export * from './snake-naming.strategy';
export * from './database.module';
export * from './migrations';
