import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TARGET_RULES, type ResponsibleParty, type TargetKind, type TargetUnit } from '../targets/target-kind';
import type { WarningLevel, WarningStatus } from './warning-level';

/** What the notice of a raised warning names, read by the notifications context. */
export interface WarningFact {
  warningId: string;
  kind: TargetKind;
  unit: TargetUnit;
  regionCode: string;
  regionName: string;
  year: number;
  level: WarningLevel;
  status: WarningStatus;
  /** Decimal strings in the kind's unit. */
  measured: string;
  target: string;
  responsible: ResponsibleParty;
  raisedOn: string;
}

/** Reads one early warning with its region's name (for notices); the statistics context's published read. */
@Injectable()
export class WarningFactsPort {
  constructor(private readonly dataSource: DataSource) {}

  /** Null when no such warning. */
  async warning(warningId: string, tx: EntityManager = this.dataSource.manager): Promise<WarningFact | null> {
    const [row] = (await tx.query(
      `SELECT w.id AS "warningId", w.kind, w.region_code AS "regionCode", coalesce(r.name, w.region_code) AS "regionName",
              w.year, w.level, w.status, w.measured::text AS measured, w.target::text AS target, w.responsible,
              w.raised_on::text AS "raisedOn"
         FROM statistics_warnings w LEFT JOIN regions r ON r.code = w.region_code
        WHERE w.id = $1`,
      [warningId],
    )) as Omit<WarningFact, 'unit'>[];
    return row ? { ...row, unit: TARGET_RULES[row.kind].unit } : null;
  }
}
