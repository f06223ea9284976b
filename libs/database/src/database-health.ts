import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '@mla/config';

/**
 * The health check's own connection, outside the application's pool: under load every pool connection is busy
 * and requests queue for one, which says nothing about whether the database is up. One connection, short limits.
 */
@Injectable()
export class DatabaseHealth implements OnModuleDestroy {
  private pool: Pool | undefined;

  constructor(private readonly config: AppConfig) {}

  async ping(): Promise<void> {
    this.pool ??= this.createPool();
    await this.pool.query('SELECT 1');
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  private createPool(): Pool {
    const pool = new Pool({
      connectionString: this.config.env.DATABASE_URL,
      max: 1,
      connectionTimeoutMillis: 2_000,
      statement_timeout: 2_000,
      idleTimeoutMillis: 60_000,
      allowExitOnIdle: true,
      application_name: 'microloan-health',
    });
    pool.on('error', () => undefined); // a dropped idle connection: the next ping reconnects
    return pool;
  }
}
