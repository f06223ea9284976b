import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Figures a step reports; merged into the run's figures, so each step names its own keys. */
export type StepFigures = Record<string, string | number | boolean | null | string[]>;

/**
 * Work that runs as part of the nightly close, after the close itself and in its transaction: another context
 * registers one at module init (it may not be imported by this one). A step is set-based and safe to run twice
 * for the same date.
 */
export interface DailyCloseStep {
  /** Unique, e.g. 'days-past-due'. */
  readonly name: string;
  /** Steps run in ascending order (days past due 100, compensation alerts 200). */
  readonly order: number;
  run(tx: EntityManager, asOf: string): Promise<StepFigures>;
}

/** The registry of extension steps of the nightly close. */
@Injectable()
export class DailyCloseSteps {
  private readonly steps: DailyCloseStep[] = [];

  register(step: DailyCloseStep): void {
    if (this.steps.some((s) => s.name === step.name)) return;
    this.steps.push(step);
    this.steps.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  }

  list(): readonly DailyCloseStep[] {
    return [...this.steps];
  }
}
