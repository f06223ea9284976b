import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, parseRegionCode } from '@mla/core';
import { SYSTEM_ADMIN_ACTOR } from './access/system-actor';
import { AuditLog } from './audit/audit.service';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationKind } from './organisations/organisation-kind';
import { OrganisationService } from './organisations/organisation.service';
import { Region } from './regions/region.entity';
import { Role } from './users/role';
import type { User } from './users/user.entity';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';
import { AuthErrorCode } from './errors';

export interface FirstAdminInput {
  username: string;
  displayName: string;
  password: string;
  organisationName: string;
  /** A province (or higher) code for the operator's jurisdiction, e.g. '150000'. */
  regionCode: string;
  regionName: string;
  /** Create another administrator even when one exists. */
  force?: boolean;
}

/** Creates the first system administrator, with the operator organisation and its region. */
@Injectable()
export class AdminBootstrapService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly userService: UserService,
    private readonly organisations: OrganisationService,
    private readonly audit: AuditLog,
  ) {}

  async createFirstAdmin(input: FirstAdminInput): Promise<User> {
    if (!input.force && (await this.users.countAdmins(this.dataSource.manager)) > 0) {
      throw new ConflictError(
        AuthErrorCode.ADMIN_EXISTS,
        'A system administrator already exists; use --force to add another',
      );
    }
    const info = parseRegionCode(input.regionCode);
    await this.dataSource.transaction(async (tx) => {
      if (!(await tx.findOne(Region, { where: { code: input.regionCode } }))) {
        await tx.insert(Region, {
          code: input.regionCode,
          name: input.regionName,
          level: info.level,
          parentCode: null,
        });
        await this.audit.record(tx, { action: 'region.created', entityType: 'region', entityId: input.regionCode });
      }
    });
    const existing = await this.dataSource.manager.findOne(Organisation, {
      where: { name: input.organisationName, regionCode: input.regionCode },
    });
    const org =
      existing ??
      (await this.organisations.create(SYSTEM_ADMIN_ACTOR, {
        name: input.organisationName,
        kind: OrganisationKind.OPERATOR,
        regionCode: input.regionCode,
      }));
    return this.userService.create(null, {
      username: input.username,
      displayName: input.displayName,
      password: input.password,
      organisationId: org.id,
      roles: [Role.SYSTEM_ADMIN],
    });
  }
}
