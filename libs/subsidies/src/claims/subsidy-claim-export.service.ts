import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { uuidOf } from '../budget/budget-input';
import { assertBatchVisible } from './claim-access';
import { ClaimLineStatus } from './claim-status';
import { claimListWorkbook, publicNoticeWorkbook } from './claim-workbooks';
import { SubsidyClaimRepository } from './subsidy-claim.repository';

/** The claim list (every column of every line) and the public notice 公示 of a batch, as XLSX; each export audited. */
@Injectable()
export class SubsidyClaimExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly applications: ApplicationPort,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async claimList(actor: Actor, batchId: string): Promise<Buffer> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_READ);
    const id = uuidOf(batchId, 'batchId');
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.claims.findBatch(tx, id);
      assertBatchVisible(this.access, actor, batch, id);
      const lines = await this.claims.linesOf(tx, id);
      const names = await this.applications.maskedNamesOf(
        tx,
        lines.map((l) => l.applicantId),
      );
      await this.audit.record(tx, {
        action: 'subsidy_claim.exported',
        entityType: 'subsidy_claim_batch',
        entityId: id,
        after: { lines: lines.length },
        actor,
      });
      return claimListWorkbook(
        batch,
        lines.map((line) => ({ line, maskedBorrowerName: names.get(line.applicantId) ?? '' })),
      );
    });
  }

  /** The approved and paid lines of a batch, for posting in the villages at payout. */
  async publicNotice(actor: Actor, batchId: string): Promise<Buffer> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_READ);
    const id = uuidOf(batchId, 'batchId');
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.claims.findBatch(tx, id);
      assertBatchVisible(this.access, actor, batch, id);
      const lines = (await this.claims.linesOf(tx, id)).filter(
        (l) => (l.status === ClaimLineStatus.APPROVED || l.status === ClaimLineStatus.PAID) && l.subsidyFen > 0n,
      );
      const facts = await this.applications.publicNoticeFactsOf(
        tx,
        lines.map((l) => l.applicantId),
      );
      await this.audit.record(tx, {
        action: 'subsidy_claim.public_notice_exported',
        entityType: 'subsidy_claim_batch',
        entityId: id,
        after: { lines: lines.length },
        actor,
      });
      return publicNoticeWorkbook(
        batch,
        lines.map((l) => {
          const f = facts.get(l.applicantId);
          return {
            regionCode: f?.regionCode ?? '',
            maskedName: f?.maskedName ?? '',
            maskedIdNumber: f?.maskedIdNumber ?? '',
            principalFen: l.principalFen,
            periodStart: l.periodStart,
            periodEnd: l.periodEnd,
            subsidyFen: l.subsidyFen,
          };
        }),
      );
    });
  }
}
