import { Inject, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@mla/config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsWithLock } from './migration-runner';

const APP_NAME = Symbol('DATABASE_APP_NAME');

/** Applies pending migrations at boot (under the advisory lock) unless DATABASE_MIGRATE_ON_BOOT=false. */
@Injectable()
class MigrateOnBoot implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(APP_NAME) private readonly appName: string,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.env.DATABASE_MIGRATE_ON_BOOT) return;
    const report = await runMigrationsWithLock(this.dataSource);
    this.logger.log(
      `${this.appName}: ${report.applied.length} migration(s) applied${report.applied.length ? `: ${report.applied.join(', ')}` : ''} (waited ${report.waitedForLockMs} ms for the lock)`,
    );
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(appName: string) {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            buildDataSourceOptions({
              url: config.env.DATABASE_URL,
              poolSize: config.env.DATABASE_POOL_SIZE,
              applicationName: `microloan-${appName}`,
            }),
        }),
      ],
      providers: [{ provide: APP_NAME, useValue: appName }, MigrateOnBoot],
    };
  }
}
