import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { AuditLog } from '@mla/auth';
import {
  assertDateWithin,
  Clock,
  CommonErrorCode,
  ConflictError,
  DomainError,
  EARLIEST_BUSINESS_DATE,
  InvalidStateError,
  LocalDate,
  RuleViolationError,
  runAsTransactionBody,
} from '@mla/core';
import { LoanErrorCode } from '../errors';
import type { DailyCloseFigures, DailyCloseRun } from '../daily-close/daily-close-run.entity';
import { DailyCloseRunRepository } from '../daily-close/daily-close-run.repository';
import { DailyCloseRunStatus, DailyCloseTrigger } from '../daily-close/daily-close-run-status';
import { DailyCloseSteps } from '../daily-close/daily-close-steps';
import { DailyCloseRepository, type DailyCloseResult } from './daily-close.repository';

export interface DailyCloseRequest {
  /** Default CLI. */
  trigger?: DailyCloseTrigger;
  /** The administrator who asked (MANUAL). */
  requestedByUserId?: string | null;
}

/** The close's own counts as stored figures (bigints as strings: jsonb has no bigint). */
function figuresOf(result: DailyCloseResult): DailyCloseFigures {
  const figures: DailyCloseFigures = {};
  for (const [key, value] of Object.entries(result)) {
    if (key === 'asOf') continue;
    figures[key] = typeof value === 'bigint' ? value.toString() : (value as DailyCloseFigures[string]);
  }
  return figures;
}

/**
 * The nightly close (日终) of a business date: marks overdue installments and loans, accrues penalty, then runs the
 * registered extension steps (days past due, compensation alerts), all in one transaction, and stores the run.
 *
 * - Never two at once: the process holds a session-level advisory lock on its own connection for the whole run
 *   (released at the end, or by the server when the process dies). A second caller is refused at once
 *   (DAILY_CLOSE_RUNNING) rather than waiting behind a batch that may take minutes.
 * - A date closes once: a date already SUCCEEDED returns its stored run and changes nothing.
 * - Dates close in order: a date after the last closed one first closes every date in between (CATCH_UP); with no
 *   run ever, the date asked for is the first.
 * - The run row ends SUCCEEDED or FAILED; a row left RUNNING by a process that died holds no lock and is taken
 *   again by the next run.
 */
@Injectable()
export class DailyCloseService {
  private readonly logger = new Logger(DailyCloseService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly close: DailyCloseRepository,
    private readonly runs: DailyCloseRunRepository,
    private readonly steps: DailyCloseSteps,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Closes a date (default: today, Asia/Shanghai) and any earlier open date first; returns the date's run. */
  async run(asOf: LocalDate = this.clock.today(), request: DailyCloseRequest = {}): Promise<DailyCloseRun> {
    // A close ahead of today would mark installments overdue that nobody has missed yet, and accrue penalty on them.
    const date = this.assertClosable('asOf', asOf);
    const trigger = request.trigger ?? DailyCloseTrigger.CLI;
    // One connection of our own for the whole run: the session lock lives on it, across the run's transactions.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let locked = false;
    let unusable: Error | undefined;
    try {
      locked = await this.runs.tryLock(runner.manager);
      if (!locked) throw this.runningError(date.toString());
      const existing = await this.runs.findByDate(runner.manager, date.toString());
      if (existing?.status === DailyCloseRunStatus.SUCCEEDED) return existing;
      const last = await this.runs.lastSucceededDate(runner.manager);
      if (last !== null && date.toString() < last) {
        throw new RuleViolationError(
          LoanErrorCode.DAILY_CLOSE_OUT_OF_ORDER,
          `asOf ${date.toString()} is before the last closed business date ${last}, and was never closed; dates close in order`,
          { field: 'asOf', value: date.toString(), lastClosed: last },
        );
      }
      if (last !== null) {
        for (let d = LocalDate.parse(last).plusDays(1); d.isBefore(date); d = d.plusDays(1)) {
          try {
            await this.closeOne(runner, d.toString(), DailyCloseTrigger.CATCH_UP, null);
          } catch (error) {
            throw new InvalidStateError(
              LoanErrorCode.DAILY_CLOSE_EARLIER_DATE_FAILED,
              `The close of ${d.toString()} (before ${date.toString()}) failed; ${date.toString()} was not closed`,
              { field: 'asOf', value: date.toString(), failedDate: d.toString(), cause: codeOf(error) },
            );
          }
        }
      }
      return await this.closeOne(runner, date.toString(), trigger, request.requestedByUserId ?? null);
    } finally {
      if (locked) {
        try {
          if (!(await this.runs.unlock(runner.manager))) unusable = new Error('daily close lock was not held');
        } catch (error) {
          unusable = error as Error;
        }
      }
      // A connection that may still hold the lock is closed, not pooled: ending its session releases the lock.
      await releaseConnection(runner, unusable);
    }
  }

  /** Business dates the nightly tick should close, oldest first: the day after the last closed one through today. */
  async datesToClose(): Promise<string[]> {
    const today = this.clock.today();
    const last = await this.runs.lastSucceededDate(this.dataSource.manager);
    if (last === null) return [today.toString()];
    const dates: string[] = [];
    for (let d = LocalDate.parse(last).plusDays(1); !d.isAfter(today); d = d.plusDays(1)) dates.push(d.toString());
    return dates;
  }

  /** A date the close may run for: from the earliest business date through today (422 DATE_OUT_OF_RANGE). */
  assertClosable(field: string, value: LocalDate | string): LocalDate {
    return assertDateWithin(field, value, {
      min: EARLIEST_BUSINESS_DATE,
      max: this.clock.today(),
      minReason: 'the earliest business date',
      maxReason: 'today',
    });
  }

  runningError(date: string): ConflictError {
    return new ConflictError(
      LoanErrorCode.DAILY_CLOSE_RUNNING,
      `The nightly close is running; ${date} can be closed when it has finished`,
      { businessDate: date },
    );
  }

  /** One date, under the lock the caller holds: RUNNING, then the close and its steps, then SUCCEEDED or FAILED. */
  private async closeOne(
    runner: QueryRunner,
    date: string,
    trigger: DailyCloseTrigger,
    requestedByUserId: string | null,
  ): Promise<DailyCloseRun> {
    const run = await inTransaction(runner, (tx) => this.runs.start(tx, date, trigger, requestedByUserId));
    if (!run) return (await this.runs.findByDate(runner.manager, date)) as DailyCloseRun;
    try {
      return await inTransaction(runner, async (tx) => {
        const figures = figuresOf(await this.close.run(tx, date));
        const names: string[] = [];
        for (const step of this.steps.list()) {
          Object.assign(figures, await step.run(tx, date));
          names.push(step.name);
        }
        figures.steps = names;
        const done = await this.runs.finish(tx, run.id, {
          status: DailyCloseRunStatus.SUCCEEDED,
          figures,
          errorCode: null,
        });
        await this.audit.record(tx, {
          action: 'daily_close.succeeded',
          entityType: 'daily_close_run',
          entityId: run.id,
          after: { businessDate: date, trigger, attempts: done.attempts, durationMs: done.durationMs, figures },
        });
        return done;
      });
    } catch (error) {
      const errorCode = codeOf(error);
      this.logger.error({ err: error, businessDate: date, errorCode }, 'daily close failed');
      await inTransaction(runner, async (tx) => {
        await this.runs.finish(tx, run.id, { status: DailyCloseRunStatus.FAILED, figures: null, errorCode });
        await this.audit.record(tx, {
          action: 'daily_close.failed',
          entityType: 'daily_close_run',
          entityId: run.id,
          after: { businessDate: date, trigger, attempts: run.attempts, errorCode },
        });
      }).catch((e: unknown) =>
        // The connection itself failed: the row stays RUNNING with no lock holder, and the next run retakes it.
        this.logger.error({ err: e, businessDate: date }, 'daily close failure could not be recorded'),
      );
      throw error;
    }
  }
}

function codeOf(error: unknown): string {
  return error instanceof DomainError ? error.code : CommonErrorCode.INTERNAL;
}

/** A transaction on the run's own connection, marked as one (the connection guard then refuses a second). */
function inTransaction<T>(runner: QueryRunner, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return runner.manager.transaction((tx) => runAsTransactionBody(() => work(tx)));
}

/** Back to the pool; with an error, the pool closes the connection instead of reusing it. */
async function releaseConnection(runner: QueryRunner, error: Error | undefined): Promise<void> {
  const pg = runner as QueryRunner & { releasePostgresConnection?: (err?: Error) => Promise<void> };
  if (error && pg.releasePostgresConnection) await pg.releasePostgresConnection(error);
  else await runner.release();
}
