import type { MigrationInterface } from 'typeorm';
import { CreateOrganisationsAndUsers1795355120232 } from './1795355120232-CreateOrganisationsAndUsers';
import { CreateAuditLog1795355120233 } from './1795355120233-CreateAuditLog';
import { CreateOutbox1795355120234 } from './1795355120234-CreateOutbox';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateOrganisationsAndUsers1795355120232,
  CreateAuditLog1795355120233,
  CreateOutbox1795355120234,
];
