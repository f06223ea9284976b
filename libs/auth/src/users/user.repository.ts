import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope } from '../access/access-policy';
import { applyScope } from '../access/scope-filter';
import type { Role } from './role';
import { User } from './user.entity';

export interface UserFilter {
  organisationId?: string;
  role?: Role;
  status?: string;
}

export type NewUser = Pick<User, 'username' | 'displayName' | 'passwordHash' | 'organisationId' | 'roles'> &
  Partial<Pick<User, 'phoneCiphertext' | 'phoneMasked'>>;

@Injectable()
export class UserRepository {
  findById(tx: EntityManager, id: string): Promise<User | null> {
    return tx.findOne(User, { where: { id }, relations: { organisation: true } });
  }

  lockById(tx: EntityManager, id: string): Promise<User | null> {
    return tx.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The only read that returns the password hash. */
  findForLogin(tx: EntityManager, username: string): Promise<User | null> {
    return tx
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organisation', 'o')
      .where('u.username = :username', { username: username.toLowerCase() })
      .getOne();
  }

  async insert(tx: EntityManager, user: NewUser): Promise<User> {
    const result = await tx.insert(User, { ...user, username: user.username.toLowerCase(), status: 'ACTIVE' });
    return tx.findOneOrFail(User, { where: { id: result.identifiers[0].id as string } });
  }

  async update(
    tx: EntityManager,
    id: string,
    patch: Partial<
      Pick<User, 'displayName' | 'roles' | 'status' | 'organisationId' | 'phoneCiphertext' | 'phoneMasked'>
    >,
    revokeTokens = false,
  ): Promise<User> {
    const qb = tx.createQueryBuilder().update(User).set(patch).where('id = :id', { id });
    if (revokeTokens) qb.set({ ...patch, tokenVersion: () => 'token_version + 1' });
    await qb.execute();
    return tx.findOneOrFail(User, { where: { id } });
  }

  /** Sets a new hash and revokes every token issued before. */
  /**
   * Sets a new password hash. With `replacing`, only while the stored hash is still that one (a guarded update:
   * of two changes that both checked the same current password, one wins). Returns whether a row changed.
   */
  async setPassword(tx: EntityManager, id: string, passwordHash: string, replacing?: string): Promise<boolean> {
    const qb = tx
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash, passwordChangedAt: () => 'now()', tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id });
    if (replacing !== undefined) qb.andWhere('password_hash = :replacing', { replacing });
    const result = await qb.execute();
    return (result.affected ?? 0) > 0;
  }

  async recordLogin(tx: EntityManager, id: string): Promise<void> {
    await tx.update(User, { id }, { lastLoginAt: () => 'now()' });
  }

  /** Keyset page ordered by username. Users are scoped through their organisation. */
  list(tx: EntityManager, scope: Scope, filter: UserFilter, limit: number, afterUsername?: string): Promise<User[]> {
    const qb = tx.createQueryBuilder(User, 'u').innerJoinAndSelect('u.organisation', 'o');
    applyScope(qb, scope, { region: 'o.region_code', organisation: 'o.id' });
    if (filter.organisationId) qb.andWhere('u.organisation_id = :org', { org: filter.organisationId });
    if (filter.role) qb.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (afterUsername) qb.andWhere('u.username > :after', { after: afterUsername });
    return qb.orderBy('u.username', 'ASC').limit(limit).getMany();
  }

  countAdmins(tx: EntityManager): Promise<number> {
    return tx.createQueryBuilder(User, 'u').where(`'SYSTEM_ADMIN' = ANY(u.roles)`).getCount();
  }
}
