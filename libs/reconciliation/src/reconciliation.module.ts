import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { GuaranteeFundsModule } from '@mla/guarantee-funds';
import { OutboxRepository } from '@mla/queue';
import { BankAccountService } from './accounts/bank-account.service';
import { StatementImportRunner } from './imports/statement-import.runner';
import { StatementRepository } from './imports/statement.repository';
import { StatementUploadService } from './imports/statement-upload.service';
import { StatementRerunService } from './imports/statement-rerun.service';
import { StatementPreviewService } from './imports/statement-preview.service';
import { ChunkFactsReader } from './matching/chunk-facts';
import { MatchingService } from './matching/matching.service';
import { ExceptionResolutionService } from './report/exception-resolution.service';
import { ReconciliationService } from './report/reconciliation.service';

/** The use cases apps call (HTTP, worker); no other context calls into this one. */
const SERVICES = [
  BankAccountService,
  StatementUploadService,
  StatementImportRunner,
  StatementRerunService,
  StatementPreviewService,
  MatchingService,
  ReconciliationService,
  ExceptionResolutionService,
];

/**
 * Bank statements and reconciliation. Matched credits post as repayments, so this imports the guarantee-funds
 * module (which brings loan servicing with the listeners that keep guarantee liability in step).
 */
@Module({
  imports: [AuthModule, GuaranteeFundsModule],
  providers: [...SERVICES, StatementRepository, ChunkFactsReader, OutboxRepository],
  exports: SERVICES,
})
export class ReconciliationModule {}
