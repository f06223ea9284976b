import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MessageKind } from '../notification-enums';
import { NotificationTemplate } from './notification-template.entity';

@Injectable()
export class NotificationTemplateRepository {
  /** The newest version of each kind. */
  async latest(tx: EntityManager): Promise<Map<MessageKind, NotificationTemplate>> {
    const rows = await tx
      .getRepository(NotificationTemplate)
      .createQueryBuilder('t')
      .distinctOn(['t.kind'])
      .orderBy('t.kind')
      .addOrderBy('t.version', 'DESC')
      .getMany();
    return new Map(rows.map((t) => [t.kind, t]));
  }

  async versionsOf(tx: EntityManager, kind: MessageKind): Promise<NotificationTemplate[]> {
    return tx.getRepository(NotificationTemplate).find({ where: { kind }, order: { version: 'DESC' } });
  }

  async find(tx: EntityManager, kind: MessageKind, version: number): Promise<NotificationTemplate | null> {
    return tx.getRepository(NotificationTemplate).findOne({ where: { kind, version } });
  }

  async nextVersion(tx: EntityManager, kind: MessageKind): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('notification_templates:' || $1))`, [kind]);
    const rows = (await tx.query(
      `SELECT COALESCE(max(version), 0) + 1 AS v FROM notification_templates WHERE kind = $1`,
      [kind],
    )) as { v: number }[];
    return Number(rows[0].v);
  }

  async insert(
    tx: EntityManager,
    template: Omit<NotificationTemplate, 'id' | 'createdAt'>,
  ): Promise<NotificationTemplate> {
    const repo = tx.getRepository(NotificationTemplate);
    return repo.save(repo.create(template));
  }
}
