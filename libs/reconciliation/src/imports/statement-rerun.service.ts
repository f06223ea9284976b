import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { ConflictError, InvalidStateError } from '@mla/core';
import { OutboxRepository, QueueName, ReconciliationJob } from '@mla/queue';
import { ReconciliationErrorCode } from '../errors';
import { visibleImport } from './import-access';
import { ImportStatus } from './import-status';
import type { StatementImport } from './statement-import.entity';
import { StatementRepository, importJobId } from './statement.repository';

/** An import that shows progress more recently than this is running: a re-run is refused. */
const RUNNING_WITHIN_MS = 2 * 60 * 1000;

/** Whether an import can still be continued: queued, storing, or stored with lines left to match. */
export function isUnfinished(imp: Pick<StatementImport, 'status' | 'finishedAt'>): boolean {
  return (
    imp.status === ImportStatus.QUEUED ||
    imp.status === ImportStatus.PROCESSING ||
    (imp.status === ImportStatus.IMPORTED && imp.finishedAt === null)
  );
}

/**
 * Continues imports that stopped: a person re-runs one (audited), and the hourly housekeeping job re-queues those
 * whose job is gone. Either way a new run is queued through the outbox; the import job picks up where the last run
 * got to, so a run too many changes nothing.
 */
@Injectable()
export class StatementRerunService {
  private readonly logger = new Logger(StatementRerunService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: StatementRepository,
    private readonly outbox: OutboxRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** Queues a new run of a stopped import, for its bank's officers and system admins. */
  async rerun(actor: Actor, importId: string): Promise<StatementImport> {
    this.access.assertCan(actor, Permission.STATEMENT_RERUN);
    const found = visibleImport(
      this.access,
      actor,
      importId,
      await this.statements.findImport(this.dataSource.manager, importId),
    );
    if (!isUnfinished(found)) {
      throw new InvalidStateError(
        ReconciliationErrorCode.IMPORT_NOT_STOPPED,
        found.status === ImportStatus.FAILED
          ? `Import ${importId} failed on its file; correct the file and upload it again`
          : `Import ${importId} is ${found.status === ImportStatus.IMPORTED ? 'finished' : 'still uploading'}; there is nothing to re-run`,
        { id: importId, status: found.status },
      );
    }
    const lastProgress = (found.progressAt ?? found.uploadedAt).getTime();
    if (found.status !== ImportStatus.QUEUED && Date.now() - lastProgress < RUNNING_WITHIN_MS) {
      throw new ConflictError(
        ReconciliationErrorCode.IMPORT_RUNNING,
        `Import ${importId} is running (it made progress in the last two minutes)`,
        { id: importId },
      );
    }
    const queued = await this.queueRun(found, 'statement.import_rerun', actor);
    if (!queued) {
      throw new ConflictError(
        ReconciliationErrorCode.IMPORT_RUNNING,
        `Import ${importId} was re-run by someone else just now`,
        { id: importId },
      );
    }
    return queued;
  }

  /**
   * Housekeeping: unfinished imports quiet for `quietMinutes` whose last run's job is not waiting or running
   * (`isLive`) get a new run. Returns how many were resumed.
   */
  async resumeStopped(quietMinutes: number, isLive: (jobId: string) => Promise<boolean>): Promise<number> {
    let resumed = 0;
    for (const imp of await this.statements.quietUnfinishedImports(this.dataSource.manager, quietMinutes)) {
      if (await isLive(importJobId(imp.id, imp.runs))) continue;
      if (await this.queueRun(imp, 'statement.import_resumed')) resumed += 1;
    }
    if (resumed) this.logger.log(`resumed ${resumed} stopped statement import(s)`);
    return resumed;
  }

  /** Queues the next run; null when another run was queued since `imp` was read (nothing is written then). */
  private queueRun(imp: StatementImport, action: string, actor?: Actor): Promise<StatementImport | null> {
    return this.dataSource.transaction(async (tx) => {
      const run = await this.statements.nextRun(tx, imp.id, imp.runs);
      if (run === null) return null;
      await this.outbox.enqueue(
        tx,
        QueueName.RECONCILIATION,
        ReconciliationJob.IMPORT_STATEMENT,
        { importId: imp.id },
        importJobId(imp.id, run),
      );
      await this.audit.record(tx, {
        actor,
        action,
        entityType: 'statement_import',
        entityId: imp.id,
        before: { status: imp.status, runs: imp.runs, linesMatched: imp.linesMatched },
        after: { run },
      });
      return (await this.statements.findImport(tx, imp.id)) as StatementImport;
    });
  }
}
