import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  applyScope,
  AccessPolicy,
  AuditLog,
  OrganisationKind,
  OrganisationService,
  Permission,
  SYSTEM_ADMIN_ACTOR,
  type Actor,
} from '@mla/auth';
import {
  BadInputError,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  NotFoundError,
  RuleViolationError,
  decodeCursor,
  isUniqueViolation,
  isUuid,
  toPage,
  type Page,
} from '@mla/core';
import { ReconciliationErrorCode } from '../errors';
import { BANK_PRESETS, isMappingPreset, mappingProblem } from '../parsers';
import { StatementFormat, type ColumnMapping } from '../parsers/statement-types';
import { BankAccount } from './bank-account.entity';

export interface BankAccountInput {
  /** Defaults to the caller's bank. */
  bankOrganisationId?: string;
  accountNumber: string;
  name: string;
  currency?: string;
  format?: StatementFormat | null;
  /** A preset mapping (ICBC, ABC, BOC, CCB …: see GET /statement-mapping-presets), or `columnMapping` for the bank's own layout. */
  mappingPreset?: string | null;
  columnMapping?: ColumnMapping | null;
}

/** The statement accounts of banks and their saved column mappings. */
@Injectable()
export class BankAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: BankAccountInput): Promise<BankAccount> {
    this.access.assertCan(actor, Permission.STATEMENT_IMPORT);
    const bankId = input.bankOrganisationId ?? actor.organisationId;
    const bank = await this.organisations.get(SYSTEM_ADMIN_ACTOR, bankId).catch(() => null);
    if (
      !bank ||
      bank.kind !== OrganisationKind.BANK_BRANCH ||
      !this.access.canSee(actor, { bankOrganisationId: bank.id, regionCode: bank.regionCode })
    ) {
      throw new RuleViolationError(
        ReconciliationErrorCode.NOT_A_BANK,
        `bankOrganisationId ${bankId} is not a bank of yours`,
        {
          field: 'bankOrganisationId',
        },
      );
    }
    if (!/^[0-9A-Za-z-]{6,40}$/.test(input.accountNumber ?? '')) {
      throw new BadInputError(
        ReconciliationErrorCode.INVALID_ACCOUNT,
        'accountNumber must be 6 to 40 letters, digits or -',
        {
          field: 'accountNumber',
        },
      );
    }
    const mapping = mappingOf(input);
    return this.dataSource.transaction(async (tx) => {
      let account: BankAccount;
      try {
        const result = await tx.insert(BankAccount, {
          bankOrganisationId: bank.id,
          regionCode: bank.regionCode,
          accountNumber: input.accountNumber,
          name: input.name?.trim() || input.accountNumber,
          currency: (input.currency ?? 'CNY').toUpperCase(),
          format: input.format ?? null,
          ...mapping,
          createdByUserId: actor.userId,
        });
        account = await tx.findOneOrFail(BankAccount, { where: { id: result.identifiers[0].id as string } });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            ReconciliationErrorCode.ACCOUNT_EXISTS,
            `Account ${input.accountNumber} is registered already`,
            {
              field: 'accountNumber',
            },
          );
        }
        throw error;
      }
      await this.audit.record(tx, {
        action: 'bank_account.created',
        entityType: 'bank_account',
        entityId: account.id,
        after: account,
      });
      return account;
    });
  }

  /** Saves the account's statement format and column mapping. */
  async updateMapping(
    actor: Actor,
    id: string,
    input: Pick<BankAccountInput, 'format' | 'mappingPreset' | 'columnMapping'>,
  ): Promise<BankAccount> {
    this.access.assertCan(actor, Permission.STATEMENT_IMPORT);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visible(actor, id, tx);
      const mapping = mappingOf(input);
      await tx.update(BankAccount, { id }, { format: input.format ?? before.format, ...mapping });
      const after = await tx.findOneOrFail(BankAccount, { where: { id } });
      await this.audit.record(tx, {
        action: 'bank_account.mapping_changed',
        entityType: 'bank_account',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async get(actor: Actor, id: string): Promise<BankAccount> {
    this.access.assertCan(actor, Permission.RECONCILIATION_READ);
    return this.visible(actor, id);
  }

  async list(actor: Actor, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<BankAccount>> {
    this.access.assertCan(actor, Permission.RECONCILIATION_READ);
    const qb = this.dataSource.manager.createQueryBuilder(BankAccount, 'a');
    applyScope(qb, this.access.scopeOf(actor), { region: 'a.region_code', organisation: 'a.bank_organisation_id' });
    if (cursor) qb.andWhere('a.account_number > :after', { after: decodeCursor<{ n: string }>(cursor, ['n']).n });
    const rows = await qb
      .orderBy('a.account_number', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (a) => ({ n: a.accountNumber }));
  }

  /** The account if the actor may see it (a bank officer: their bank's; others: their region's), else 404. */
  async visible(actor: Actor, id: string, tx: EntityManager = this.dataSource.manager): Promise<BankAccount> {
    const account = isUuid(id) ? await tx.findOne(BankAccount, { where: { id } }) : null;
    if (
      !account ||
      !this.access.canSee(actor, { bankOrganisationId: account.bankOrganisationId, regionCode: account.regionCode })
    ) {
      throw new NotFoundError(ReconciliationErrorCode.ACCOUNT_NOT_FOUND, `Bank account ${id} not found`, { id });
    }
    return account;
  }
}

/** The preset or own mapping to store (one clears the other); {} when the input names neither. */
function mappingOf(
  input: Pick<BankAccountInput, 'mappingPreset' | 'columnMapping'>,
): { mappingPreset: string | null; columnMapping: ColumnMapping | null } | Record<string, never> {
  if (input.mappingPreset) {
    if (!isMappingPreset(input.mappingPreset)) {
      throw new BadInputError(
        ReconciliationErrorCode.UNKNOWN_PRESET,
        `mappingPreset must be one of ${Object.keys(BANK_PRESETS).join(', ')}`,
        { field: 'mappingPreset' },
      );
    }
    return { mappingPreset: input.mappingPreset, columnMapping: null };
  }
  if (input.columnMapping) {
    const problem = mappingProblem(input.columnMapping);
    if (problem) {
      throw new BadInputError(ReconciliationErrorCode.INVALID_MAPPING, `columnMapping: ${problem}`, {
        field: 'columnMapping',
      });
    }
    return { mappingPreset: null, columnMapping: input.columnMapping };
  }
  return {};
}
