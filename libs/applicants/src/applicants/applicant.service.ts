import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, RegionService, type Actor, type Region } from '@mla/auth';
import {
  assertDateWithin,
  BadInputError,
  Clock,
  ConflictError,
  DomainError,
  ForbiddenError,
  Money,
  NotFoundError,
  isAncestorOrSelf,
  LocalDate,
  isValidCreditCode,
  parseCreditCode,
  parseRegionCode,
} from '@mla/core';
import { ApplicantErrorCode, applicantNotFound } from '../errors';
import type { Applicant } from './applicant.entity';
import type { DeclaredLoan, EmploymentStatus, HouseholdType } from './applicant-enums';
import { ApplicantPii } from './applicant-pii';
import { ApplicantRepository } from './applicant.repository';

export interface ApplicantInput {
  name: string;
  idNumber: string;
  mobile: string;
  regionCode: string;
  addressDetail?: string | null;
  householdType: HouseholdType;
  category?: string | null;
  subFlags?: string[];
  /** Defaults to the ID's sex digit. */
  female?: boolean;
  businessKind: string;
  businessDescription?: string | null;
  creditCode?: string | null;
  creditCodeOverrideReason?: string | null;
  monthsOperating?: number;
  jobsCreated?: number;
  spouseIdNumber?: string | null;
  bankAccount?: string | null;
  employmentStatus: EmploymentStatus;
  priorProgrammeLoans?: number;
  priorLoanOutstanding?: boolean;
  otherLoans?: { holder: 'APPLICANT' | 'SPOUSE'; kind: string; outstandingYuan: string }[];
}

export interface RegistrationWarning {
  code: string;
  messageZh: string;
  messageEn: string;
}

/** Nobody applying was born before this; an earlier birth date in an ID is a typing error. */
const EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

const SECRET_COLUMNS = /(Ciphertext|Index)$/;

/** An applicant as the audit log keeps it: masked personal data only. */
export function applicantAuditView(a: Applicant): Record<string, unknown> {
  return Object.fromEntries(Object.entries(a).filter(([k]) => !SECRET_COLUMNS.test(k)));
}

/** Registering an applicant (one record per person) and correcting her record. */
@Injectable()
export class ApplicantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applicants: ApplicantRepository,
    private readonly pii: ApplicantPii,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly regions: RegionService,
    private readonly clock: Clock,
  ) {}

  async register(
    actor: Actor,
    input: ApplicantInput,
  ): Promise<{ applicant: Applicant; warnings: RegistrationWarning[] }> {
    this.access.assertCan(actor, Permission.APPLICANT_MANAGE);
    this.assertRegionInScope(actor, input.regionCode);
    const id = this.pii.idNumberColumns(input.idNumber, 'idNumber');
    this.assertBirthDate('idNumber', id.info.birthDate);
    const values = this.columnsFrom(input);
    const warnings: RegistrationWarning[] = [];
    if (id.info.sex === 'M') {
      warnings.push({
        code: 'SEX_DIGIT_MALE',
        messageZh: '身份证第17位为奇数(男性);妇女创业贷款请核实',
        messageEn: "The ID's sex digit is odd (male); check before a women's-line loan",
      });
    }
    // The answer for a person already registered reads regions, so it is built after this transaction ends.
    const outcome = await this.dataSource.transaction(async (tx) => {
      const existing = await this.applicants.findByIdNumberIndex(tx, id.index);
      if (existing) return { existing, created: null };
      const applicant = await this.applicants.insert(tx, {
        ...values,
        idNumberCiphertext: id.ciphertext,
        idNumberIndex: id.index,
        idNumberMasked: id.masked,
        birthDate: id.info.birthDate.toString(),
        sex: id.info.sex,
        female: input.female ?? id.info.sex === 'F',
        organisationId: actor.organisationId,
        createdByUserId: actor.userId,
      } as Omit<Applicant, 'id' | 'createdAt' | 'updatedAt' | 'version'>);
      await this.audit.record(tx, {
        action: 'applicant.registered',
        entityType: 'applicant',
        entityId: applicant.id,
        after: { ...applicantAuditView(applicant), warnings: warnings.map((w) => w.code) },
      });
      return { existing: null, created: { applicant, warnings } };
    });
    if (outcome.existing) throw await this.alreadyRegistered(actor, outcome.existing);
    return outcome.created;
  }

  /** Corrects an applicant's record (not the ID number: a different ID is a different person). */
  async update(actor: Actor, applicantId: string, input: Omit<ApplicantInput, 'idNumber'>): Promise<Applicant> {
    this.access.assertCan(actor, Permission.APPLICANT_MANAGE);
    this.assertRegionInScope(actor, input.regionCode);
    const values = this.columnsFrom(input);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.applicants.lockById(tx, applicantId);
      if (!before) throw applicantNotFound(applicantId);
      this.access.assertCanSee(actor, { regionCode: before.regionCode }, 'Applicant', applicantId);
      const after = await this.applicants.update(tx, applicantId, {
        ...values,
        female: input.female ?? before.female,
        version: before.version + 1,
      });
      await this.audit.record(tx, {
        action: 'applicant.updated',
        entityType: 'applicant',
        entityId: applicantId,
        before: applicantAuditView(before),
        after: applicantAuditView(after),
      });
      return after;
    });
  }

  private columnsFrom(input: Omit<ApplicantInput, 'idNumber'>) {
    parseRegionCode(input.regionCode);
    const mobile = this.pii.mobileColumns(input.mobile);
    const spouse = input.spouseIdNumber ? this.pii.idNumberColumns(input.spouseIdNumber, 'spouseIdNumber') : null;
    if (spouse) this.assertBirthDate('spouseIdNumber', spouse.info.birthDate);
    const account = input.bankAccount ? this.pii.bankAccountColumns(input.bankAccount) : null;
    return {
      name: input.name.trim(),
      mobileCiphertext: mobile.ciphertext,
      mobileIndex: mobile.index,
      mobileMasked: mobile.masked,
      regionCode: input.regionCode,
      addressDetail: input.addressDetail ?? null,
      householdType: input.householdType,
      category: input.category ?? null,
      subFlags: [...new Set(input.subFlags ?? [])],
      businessKind: input.businessKind,
      businessDescription: input.businessDescription ?? null,
      ...this.creditCodeColumns(input.creditCode, input.creditCodeOverrideReason),
      monthsOperating: input.monthsOperating ?? 0,
      jobsCreated: input.jobsCreated ?? 0,
      spouseIdNumberCiphertext: spouse?.ciphertext ?? null,
      spouseIdNumberIndex: spouse?.index ?? null,
      spouseIdNumberMasked: spouse?.masked ?? null,
      bankAccountCiphertext: account?.ciphertext ?? null,
      bankAccountMasked: account?.masked ?? null,
      employmentStatus: input.employmentStatus,
      priorProgrammeLoans: input.priorProgrammeLoans ?? 0,
      priorLoanOutstanding: input.priorLoanOutstanding ?? false,
      otherLoans: (input.otherLoans ?? []).map((l): DeclaredLoan => ({
        holder: l.holder,
        kind: l.kind,
        outstandingFen: Money.ofYuan(l.outstandingYuan).fen.toString(),
      })),
    };
  }

  /** A code failing its check character is refused unless the officer states why it is real (audited with the record). */
  private creditCodeColumns(raw: string | null | undefined, overrideReason: string | null | undefined) {
    if (!raw) return { creditCode: null, creditCodeOverrideReason: null };
    if (isValidCreditCode(raw)) return { creditCode: parseCreditCode(raw).normalized, creditCodeOverrideReason: null };
    if (!overrideReason || overrideReason.trim().length < 4) {
      try {
        parseCreditCode(raw);
      } catch (error) {
        throw new BadInputError(
          ApplicantErrorCode.CREDIT_CODE_INVALID,
          `creditCode: ${(error as Error).message}; if the code is real, give creditCodeOverrideReason`,
          { field: 'creditCode' },
        );
      }
    }
    return {
      creditCode: parseCreditCode(raw, { ignoreCheckCharacter: true }).normalized,
      creditCodeOverrideReason: (overrideReason as string).trim(),
    };
  }

  /**
   * One record per person. Within the caller's scope the answer names the record (useful: open it instead). Outside
   * it, the answer says only that the person is registered elsewhere and which federation can coordinate: the
   * nearest region enclosing both the caller's and the record's (a region the caller already belongs to, so nothing
   * about the other record is revealed beyond "somewhere in it").
   */
  private async alreadyRegistered(actor: Actor, existing: Applicant): Promise<DomainError> {
    if (this.access.canSee(actor, { regionCode: existing.regionCode })) {
      return new ConflictError(
        ApplicantErrorCode.APPLICANT_EXISTS,
        `This person is already registered as applicant ${existing.id}`,
        { field: 'idNumber', applicantId: existing.id },
      );
    }
    const contact = await this.commonRegion(actor, existing.regionCode);
    return new ConflictError(
      ApplicantErrorCode.APPLICANT_ALREADY_REGISTERED,
      contact
        ? `This person is already registered with another federation; ask the federation of ${contact.name} (${contact.code}) to coordinate`
        : 'This person is already registered with another federation; ask a system administrator to coordinate',
      { field: 'idNumber', ...(contact ? { contact: { regionCode: contact.code, regionName: contact.name } } : {}) },
    );
  }

  /** The nearest known region above the caller's that also encloses `regionCode` (none: different provinces). */
  private async commonRegion(actor: Actor, regionCode: string): Promise<Region | null> {
    const scope = this.access.scopeOf(actor);
    if (scope.kind !== 'region') return null;
    const mine = parseRegionCode(scope.regionCode);
    const enclosing = [mine.townshipCode, mine.countyCode, mine.cityCode, mine.provinceCode].filter(
      (code): code is string => code !== null && code !== scope.regionCode && isAncestorOrSelf(code, regionCode),
    );
    for (const code of enclosing) {
      try {
        return await this.regions.get(actor, code);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return null;
  }

  /** The birth date an ID carries: not in the future, and not before the floor (a mistyped century). */
  private assertBirthDate(field: 'idNumber' | 'spouseIdNumber', birthDate: LocalDate): void {
    assertDateWithin(`${field}.birthDate`, birthDate, {
      min: EARLIEST_BIRTH_DATE,
      max: this.clock.today(),
      minReason: 'the earliest birth date accepted',
      maxReason: 'today',
    });
  }

  private assertRegionInScope(actor: Actor, regionCode: string): void {
    const scope = this.access.scopeOf(actor);
    if (scope.kind === 'all') return;
    if (scope.kind === 'region' && isAncestorOrSelf(scope.regionCode, regionCode)) return;
    throw new ForbiddenError(
      ApplicantErrorCode.REGION_OUTSIDE_SCOPE,
      `Region ${regionCode} is outside your jurisdiction`,
      {
        field: 'regionCode',
      },
    );
  }
}
