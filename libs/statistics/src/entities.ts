import { StatisticsDirtyDate, StatisticsSnapshotDate } from './snapshots/statistics-snapshot-date.entity';
import { StatisticsSnapshot } from './snapshots/statistics-snapshot.entity';
import { StatisticsTarget } from './targets/statistics-target.entity';
import { StatisticsWarning } from './warnings/statistics-warning.entity';

/** The statistics context's tables: snapshots (a read model), targets and warnings. */
export const STATISTICS_ENTITIES: (new () => object)[] = [
  StatisticsSnapshot,
  StatisticsSnapshotDate,
  StatisticsDirtyDate,
  StatisticsTarget,
  StatisticsWarning,
];
