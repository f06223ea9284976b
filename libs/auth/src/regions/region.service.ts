import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  isUniqueViolation,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  NotFoundError,
  RuleViolationError,
  decodeCursor,
  parseRegionCode,
  regionPrefix,
  toPage,
  type Page,
} from '@mla/core';
import { AccessPolicy } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { Permission } from '../access/permission';
import { AuditLog } from '../audit/audit.service';
import { AuthErrorCode } from '../errors';
import { Region } from './region.entity';
import { RegionRepository } from './region.repository';

export interface CreateRegionInput {
  code: string;
  name: string;
}

@Injectable()
export class RegionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** Adds a unit under its parent; the parent (the nearest enclosing code) must exist unless it is a province. */
  async create(actor: Actor, input: CreateRegionInput): Promise<Region> {
    this.access.assertCan(actor, Permission.REGION_MANAGE);
    const info = parseRegionCode(input.code);
    const parents = [info.townshipCode, info.countyCode, info.cityCode, info.provinceCode].filter(
      (c): c is string => c !== null && c !== input.code,
    );
    return this.dataSource.transaction(async (tx) => {
      let parentCode: string | null = null;
      for (const candidate of parents) {
        if (await this.regions.findByCode(tx, candidate)) {
          parentCode = candidate;
          break;
        }
      }
      if (parentCode === null && info.level !== 'province') {
        throw new RuleViolationError(
          AuthErrorCode.REGION_PARENT_MISMATCH,
          `Region ${input.code} has no enclosing region yet; add ${parents[parents.length - 1]} first`,
          { field: 'code' },
        );
      }
      try {
        const region = await this.regions.insert(tx, {
          code: input.code,
          name: input.name,
          level: info.level,
          parentCode,
        });
        await this.audit.record(tx, {
          action: 'region.created',
          entityType: 'region',
          entityId: region.code,
          after: region,
        });
        return region;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(AuthErrorCode.REGION_EXISTS, `Region ${input.code} already exists`, {
            field: 'code',
          });
        }
        throw error;
      }
    });
  }

  async get(actor: Actor, code: string): Promise<Region> {
    this.access.assertCan(actor, Permission.REGION_READ);
    const region = await this.regions.findByCode(this.dataSource.manager, code);
    if (!region) throw new NotFoundError(AuthErrorCode.REGION_NOT_FOUND, `Region ${code} not found`, { code });
    return region;
  }

  /** Regions are reference data: everyone may list them. */
  async list(
    actor: Actor,
    within: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<Region>> {
    this.access.assertCan(actor, Permission.REGION_READ);
    const after = cursor ? decodeCursor<{ code: string }>(cursor, ['code']).code : undefined;
    const rows = await this.regions.listWithin(
      this.dataSource.manager,
      within ? regionPrefix(within) : '',
      limit + 1,
      after,
    );
    return toPage(rows, limit, (r) => ({ code: r.code }));
  }
}
