import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  isUniqueViolation,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  NotFoundError,
  RuleViolationError,
  decodeCursor,
  toPage,
  type Page,
} from '@mla/core';
import { AccessPolicy } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { Permission } from '../access/permission';
import { AuditLog } from '../audit/audit.service';
import { AuthErrorCode } from '../errors';
import { RegionRepository } from '../regions/region.repository';
import type { Organisation, OrganisationStatus } from './organisation.entity';
import { OrganisationRepository, type OrganisationFilter } from './organisation.repository';
import type { OrganisationKind } from './organisation-kind';

export interface CreateOrganisationInput {
  name: string;
  kind: OrganisationKind;
  regionCode: string;
  parentId?: string | null;
}

export interface UpdateOrganisationInput {
  name?: string;
  status?: OrganisationStatus;
}

@Injectable()
export class OrganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRepository,
    private readonly regions: RegionRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: CreateOrganisationInput): Promise<Organisation> {
    this.access.assertCan(actor, Permission.ORGANISATION_MANAGE);
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.regions.findByCode(tx, input.regionCode))) {
        throw new RuleViolationError(AuthErrorCode.REGION_NOT_FOUND, `Region ${input.regionCode} does not exist`, {
          field: 'regionCode',
        });
      }
      if (input.parentId) {
        const parent = await this.organisations.findById(tx, input.parentId);
        if (!parent) {
          throw new RuleViolationError(
            AuthErrorCode.ORGANISATION_NOT_FOUND,
            `Parent organisation ${input.parentId} does not exist`,
            {
              field: 'parentId',
            },
          );
        }
        if (parent.kind !== input.kind) {
          throw new RuleViolationError(
            AuthErrorCode.ORGANISATION_NOT_FOUND,
            `Parent organisation is a ${parent.kind}, not a ${input.kind}`,
            { field: 'parentId' },
          );
        }
      }
      try {
        const org = await this.organisations.insert(tx, { ...input, parentId: input.parentId ?? null });
        await this.audit.record(tx, {
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: org.id,
          after: org,
        });
        return org;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            AuthErrorCode.ORGANISATION_NAME_TAKEN,
            `An organisation named "${input.name}" already exists in region ${input.regionCode}`,
            { field: 'name' },
          );
        }
        throw error;
      }
    });
  }

  async update(actor: Actor, id: string, input: UpdateOrganisationInput): Promise<Organisation> {
    this.access.assertCan(actor, Permission.ORGANISATION_MANAGE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.organisations.lockById(tx, id);
      if (!before)
        throw new NotFoundError(AuthErrorCode.ORGANISATION_NOT_FOUND, `Organisation ${id} not found`, { id });
      this.access.assertCanSee(actor, { regionCode: before.regionCode, organisationId: before.id }, 'Organisation', id);
      try {
        const after = await this.organisations.update(tx, id, input);
        await this.audit.record(tx, {
          action: 'organisation.updated',
          entityType: 'organisation',
          entityId: id,
          before,
          after,
        });
        return after;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            AuthErrorCode.ORGANISATION_NAME_TAKEN,
            `An organisation named "${input.name}" already exists there`,
            {
              field: 'name',
            },
          );
        }
        throw error;
      }
    });
  }

  /**
   * Names of organisations by id, for text and lists other contexts show (a loan's bank); no scope check: the caller
   * has already decided the actor may see the records these belong to.
   */
  async namesOf(ids: string[], tx: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = (await tx.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [wanted])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** One organisation; `tx` when read inside the caller's transaction. */
  async get(actor: Actor, id: string, tx?: EntityManager): Promise<Organisation> {
    this.access.assertCan(actor, Permission.ORGANISATION_READ);
    const org = await this.organisations.findById(tx ?? this.dataSource.manager, id);
    if (!org) throw new NotFoundError(AuthErrorCode.ORGANISATION_NOT_FOUND, `Organisation ${id} not found`, { id });
    this.access.assertCanSee(actor, { regionCode: org.regionCode, organisationId: org.id }, 'Organisation', id);
    return org;
  }

  async list(
    actor: Actor,
    filter: OrganisationFilter,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<Organisation>> {
    this.access.assertCan(actor, Permission.ORGANISATION_READ);
    const after = cursor ? decodeCursor<{ name: string; id: string }>(cursor, ['name', 'id']) : undefined;
    const rows = await this.organisations.list(
      this.dataSource.manager,
      this.access.scopeOf(actor),
      filter,
      limit + 1,
      after,
    );
    return toPage(rows, limit, (o) => ({ name: o.name, id: o.id }));
  }
}
