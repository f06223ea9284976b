import { AuditEntry } from './audit/audit-entry.entity';
import { Organisation } from './organisations/organisation.entity';
import { Region } from './regions/region.entity';
import { User } from './users/user.entity';

export const AUTH_ENTITIES = [Region, Organisation, User, AuditEntry];
