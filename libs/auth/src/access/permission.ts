import { Role } from '../users/role';

export enum Permission {
  REGION_READ = 'region:read',
  REGION_MANAGE = 'region:manage',
  ORGANISATION_READ = 'organisation:read',
  ORGANISATION_MANAGE = 'organisation:manage',
  USER_READ = 'user:read',
  USER_MANAGE = 'user:manage',
  AUDIT_READ = 'audit:read',
  /** See personal data (ID numbers, phones, accounts) unmasked; always with a reason, always audited. */
  PII_UNMASK = 'pii:unmask',
}

const EVERYONE_READS = [Permission.REGION_READ, Permission.ORGANISATION_READ, Permission.USER_READ];

/** The role → permission matrix: the one table that says who may do what (scope is decided beside it). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.LOAN_OFFICER]: [...EVERYONE_READS, Permission.PII_UNMASK],
  [Role.FEDERATION_ADMIN]: [...EVERYONE_READS, Permission.PII_UNMASK],
  [Role.EMPLOYMENT_REVIEWER]: [...EVERYONE_READS, Permission.PII_UNMASK],
  [Role.GUARANTEE_OPERATOR]: [...EVERYONE_READS],
  [Role.BANK_OFFICER]: [...EVERYONE_READS, Permission.PII_UNMASK],
  [Role.FINANCE_REVIEWER]: [...EVERYONE_READS],
  [Role.AUDITOR]: [...EVERYONE_READS, Permission.AUDIT_READ],
  [Role.SYSTEM_ADMIN]: [
    ...EVERYONE_READS,
    Permission.REGION_MANAGE,
    Permission.ORGANISATION_MANAGE,
    Permission.USER_MANAGE,
    Permission.AUDIT_READ,
  ],
};
