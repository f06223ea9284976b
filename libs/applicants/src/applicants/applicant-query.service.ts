import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '@mla/core';
import { ApplicantErrorCode, applicantNotFound } from '../errors';
import type { Applicant } from './applicant.entity';
import type { PiiField } from './applicant-enums';
import { ApplicantPii } from './applicant-pii';
import { ApplicantRepository, type ApplicantFilter } from './applicant.repository';

/** Reading the registry: one applicant, lists, and one personal field shown in clear (audited). */
@Injectable()
export class ApplicantQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applicants: ApplicantRepository,
    private readonly pii: ApplicantPii,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async get(actor: Actor, applicantId: string): Promise<Applicant> {
    this.access.assertCan(actor, Permission.APPLICANT_READ);
    const applicant = await this.applicants.findById(this.dataSource.manager, applicantId);
    if (!applicant) throw applicantNotFound(applicantId);
    this.access.assertCanSee(actor, { regionCode: applicant.regionCode }, 'Applicant', applicantId);
    return applicant;
  }

  /** Lookup by exact ID number or mobile goes through the keyed hash; nothing is decrypted to search. */
  async list(
    actor: Actor,
    filter: Omit<ApplicantFilter, 'idNumberIndex' | 'mobileIndex'> & { idNumber?: string; mobile?: string },
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<Applicant>> {
    this.access.assertCan(actor, Permission.APPLICANT_READ);
    const { idNumber, mobile, ...rest } = filter;
    const query: ApplicantFilter = { ...rest };
    if (idNumber) query.idNumberIndex = this.pii.idIndex(idNumber.toUpperCase());
    if (mobile) query.mobileIndex = this.pii.mobileIndex(mobile);
    const after = cursor ? decodeCursor<{ name: string; id: string }>(cursor, ['name', 'id']) : undefined;
    const rows = await this.applicants.list(
      this.dataSource.manager,
      this.access.scopeOf(actor),
      query,
      limit + 1,
      after,
    );
    return toPage(rows, limit, (a) => ({ name: a.name, id: a.id }));
  }

  /** Shows one personal field in clear: needs the permission and a reason, and is audited. */
  async unmask(actor: Actor, applicantId: string, field: PiiField, reason: string): Promise<string> {
    this.access.assertCan(actor, Permission.PII_UNMASK);
    if (!reason || reason.trim().length < 4) {
      throw new BadInputError(
        ApplicantErrorCode.REASON_REQUIRED,
        'reason must say why the data is needed (at least 4 characters)',
        {
          field: 'reason',
        },
      );
    }
    const applicant = await this.get(actor, applicantId);
    const value = this.pii.reveal(applicant, field);
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, {
        action: 'applicant.pii_unmasked',
        entityType: 'applicant',
        entityId: applicantId,
        after: { field, reason: reason.trim() },
      }),
    );
    return value;
  }
}
