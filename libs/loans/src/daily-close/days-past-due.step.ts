import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DaysPastDueRepository } from './days-past-due.repository';
import { DailyCloseSteps, type DailyCloseStep, type StepFigures } from './daily-close-steps';

/**
 * Stores each loan's days past due on the close date (`loans.days_past_due`, for reports): days since the oldest
 * overdue installment that still owes something fell due, 0 when none. One set-based statement over the loans that
 * are overdue or were (a non-zero figure to bring back to 0); loans out of servicing keep their last figure.
 */
@Injectable()
export class DaysPastDueStep implements DailyCloseStep, OnModuleInit {
  readonly name = 'days-past-due';
  readonly order = 100;

  constructor(
    private readonly steps: DailyCloseSteps,
    private readonly figures: DaysPastDueRepository,
  ) {}

  onModuleInit(): void {
    this.steps.register(this);
  }

  async run(tx: EntityManager, asOf: string): Promise<StepFigures> {
    const changed = await this.figures.store(tx, asOf);
    const { loans, maxDays } = await this.figures.pastDueCounts(tx);
    return { loansDaysPastDueChanged: changed, loansPastDue: loans, maxDaysPastDue: maxDays };
  }
}
