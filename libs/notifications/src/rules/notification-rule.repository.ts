import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationRule } from './notification-rule.entity';

@Injectable()
export class NotificationRuleRepository {
  /** Each region's newest version in effect on `date`. */
  async inEffect(tx: EntityManager, date: string): Promise<NotificationRule[]> {
    return tx
      .getRepository(NotificationRule)
      .createQueryBuilder('r')
      .distinctOn(['r.regionCode'])
      .where('r.effectiveFrom <= :date', { date })
      .orderBy('r.regionCode')
      .addOrderBy('r.version', 'DESC')
      .getMany();
  }

  /** The region's versions, newest first. */
  async versionsOf(tx: EntityManager, regionCode: string): Promise<NotificationRule[]> {
    return tx.getRepository(NotificationRule).find({ where: { regionCode }, order: { version: 'DESC' } });
  }

  /** Every region's newest version (the list page), within a region prefix when given. */
  async latestPerRegion(tx: EntityManager, regionPrefix: string | null): Promise<NotificationRule[]> {
    const q = tx
      .getRepository(NotificationRule)
      .createQueryBuilder('r')
      .distinctOn(['r.regionCode'])
      .orderBy('r.regionCode')
      .addOrderBy('r.version', 'DESC');
    if (regionPrefix !== null) q.where('r.regionCode LIKE :p', { p: `${regionPrefix}%` });
    return q.getMany();
  }

  async findById(tx: EntityManager, id: string): Promise<NotificationRule | null> {
    return tx.getRepository(NotificationRule).findOne({ where: { id } });
  }

  /** The next version number of a region, with the region's rows locked so two saves cannot take the same one. */
  async nextVersion(tx: EntityManager, regionCode: string): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('notification_rules:' || $1))`, [regionCode]);
    const rows = (await tx.query(
      `SELECT COALESCE(max(version), 0) + 1 AS v FROM notification_rules WHERE region_code = $1`,
      [regionCode],
    )) as { v: number }[];
    return Number(rows[0].v);
  }

  async insert(tx: EntityManager, rule: Omit<NotificationRule, 'id' | 'createdAt'>): Promise<NotificationRule> {
    const repo = tx.getRepository(NotificationRule);
    return repo.save(repo.create(rule));
  }
}
