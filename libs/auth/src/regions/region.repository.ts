import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Region } from './region.entity';

@Injectable()
export class RegionRepository {
  findByCode(tx: EntityManager, code: string): Promise<Region | null> {
    return tx.findOne(Region, { where: { code } });
  }

  async insert(tx: EntityManager, region: Pick<Region, 'code' | 'name' | 'level' | 'parentCode'>): Promise<Region> {
    await tx.insert(Region, region);
    return tx.findOneOrFail(Region, { where: { code: region.code } });
  }

  /** Regions whose code starts with the prefix ('' for all), ordered by code. */
  listWithin(tx: EntityManager, prefix: string, limit: number, afterCode?: string): Promise<Region[]> {
    const qb = tx
      .createQueryBuilder(Region, 'r')
      .where('r.code LIKE :prefix', { prefix: `${prefix}%` })
      .orderBy('r.code', 'ASC')
      .limit(limit);
    if (afterCode) qb.andWhere('r.code > :afterCode', { afterCode });
    return qb.getMany();
  }
}
