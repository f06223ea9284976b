import { Inject, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '@mla/config';
import { installConnectionGuard, type ConnectionGuardMode } from './connection-guard';
import { buildDataSourceOptions, migrationDatabaseOptions } from './data-source-options';
import { DatabaseHealth } from './database-health';
import { runMigrationsWithLock } from './migration-runner';

const APP_NAME = Symbol('DATABASE_APP_NAME');

/**
 * Applies pending migrations at boot (under the advisory lock) unless DATABASE_MIGRATE_ON_BOOT=false. It uses a
 * short-lived data source of its own: the owner role (DATABASE_MIGRATION_URL when set) and no statement limit.
 */
@Injectable()
class MigrateOnBoot implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly config: AppConfig,
    @Inject(APP_NAME) private readonly appName: string,
  ) {}

  async onModuleInit(): Promise<void> {
    const env = this.config.env;
    if (!env.DATABASE_MIGRATE_ON_BOOT) return;
    const dataSource = new DataSource(
      buildDataSourceOptions(
        migrationDatabaseOptions(env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL, `microloan-${this.appName}-migrate`),
      ),
    );
    await dataSource.initialize();
    try {
      const report = await runMigrationsWithLock(dataSource);
      this.logger.log(
        `${this.appName}: ${report.applied.length} migration(s) applied${report.applied.length ? `: ${report.applied.join(', ')}` : ''} (waited ${report.waitedForLockMs} ms for the lock)`,
      );
    } finally {
      await dataSource.destroy();
    }
  }
}

/** The guard's mode: as configured, else throw everywhere but production, where it logs. */
export function connectionGuardMode(config: AppConfig): ConnectionGuardMode {
  return config.env.DATABASE_CONNECTION_GUARD ?? (config.isProduction ? 'log' : 'throw');
}

@Module({})
export class DatabaseModule {
  static forRoot(appName: string) {
    // useFactory (which sees the config) runs before dataSourceFactory (which sees only the options).
    let guardMode: ConnectionGuardMode = 'throw';
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            guardMode = connectionGuardMode(config);
            return buildDataSourceOptions({
              url: config.env.DATABASE_URL,
              poolSize: config.env.DATABASE_POOL_SIZE,
              applicationName: `microloan-${appName}`,
              poolWaitMs: config.env.DATABASE_POOL_WAIT_MS,
              statementTimeoutMs: config.env.DATABASE_STATEMENT_TIMEOUT_MS,
              idleInTransactionTimeoutMs: config.env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
            });
          },
          // The one place the app's data source is built: the single-connection guard goes on here.
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const dataSource = await new DataSource(options!).initialize();
            installConnectionGuard(dataSource, guardMode);
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: APP_NAME, useValue: appName }, MigrateOnBoot, DatabaseHealth],
      exports: [DatabaseHealth],
    };
  }
}
