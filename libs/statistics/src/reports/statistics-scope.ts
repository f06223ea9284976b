import { type AccessPolicy, type Actor } from '@mla/auth';
import { BadInputError, LocalDate, NotFoundError, isAncestorOrSelf, parseRegionCode } from '@mla/core';
import { AccessErrorCode } from '@mla/auth';
import { StatisticsErrorCode } from '../errors';
import { SnapshotScope } from '../snapshots/dimension';
import { shortRegionCode } from '../snapshots/region-chain';

/** Whose figures a caller reads: a region's tree (county: itself and its townships; city: its counties), or her bank. */
export type ReadScope =
  { kind: SnapshotScope.REGION; regionCode: string } | { kind: SnapshotScope.BANK; bankIds: string[] };

/**
 * The scope of a read: a bank officer reads her bank (and its branches) whatever she asks; everyone else reads the
 * region asked for (default their own), which must lie within their jurisdiction (else 404, as for any record).
 */
export function readScopeOf(access: AccessPolicy, actor: Actor, regionCode?: string): ReadScope {
  const scope = access.scopeOf(actor);
  if (scope.kind === 'organisation') return { kind: SnapshotScope.BANK, bankIds: scope.organisationIds };
  const asked = regionCode ?? (scope.kind === 'region' ? scope.regionCode : actor.regionCode);
  parseRegionCode(asked);
  if (scope.kind === 'region' && !isAncestorOrSelf(scope.regionCode, asked)) {
    throw new NotFoundError(AccessErrorCode.NOT_FOUND_IN_SCOPE, `Region ${asked} not found`, { id: asked });
  }
  return { kind: SnapshotScope.REGION, regionCode: shortRegionCode(asked) };
}

/** The longest period one read covers (a report over more years reads them year by year). */
export const MAX_PERIOD_DAYS = 3 * 366;

/** A period [from, to] as asked: both dates valid, from ≤ to, at most MAX_PERIOD_DAYS long. */
export function validPeriod(from: string, to: string): { from: string; to: string } {
  const f = parse('from', from);
  const t = parse('to', to);
  if (t.isBefore(f)) {
    throw new BadInputError(StatisticsErrorCode.INVALID_STATISTICS_PERIOD, `from ${from} is after to ${to}`, {
      field: 'from',
      reasonZh: '开始日期晚于结束日期',
      reasonEn: 'the start is after the end',
    });
  }
  if (f.daysUntil(t) > MAX_PERIOD_DAYS) {
    throw new BadInputError(
      StatisticsErrorCode.INVALID_STATISTICS_PERIOD,
      `period longer than ${MAX_PERIOD_DAYS} days`,
      {
        field: 'to',
        reasonZh: `期间超过${MAX_PERIOD_DAYS}天`,
        reasonEn: `longer than ${MAX_PERIOD_DAYS} days`,
      },
    );
  }
  return { from: f.toString(), to: t.toString() };
}

function parse(field: string, value: string): LocalDate {
  try {
    return LocalDate.parse(value);
  } catch {
    throw new BadInputError(
      StatisticsErrorCode.INVALID_STATISTICS_PERIOD,
      `${field} ${value} is not a date (YYYY-MM-DD)`,
      {
        field,
        reasonZh: `${field}不是有效日期（YYYY-MM-DD）`,
        reasonEn: `${field} is not a date (YYYY-MM-DD)`,
      },
    );
  }
}

/** A month 'YYYY-MM' as its first and last day. */
export function monthPeriod(month: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  const n = m ? Number(m[2]) : 0;
  if (!m || n < 1 || n > 12) {
    throw new BadInputError(StatisticsErrorCode.INVALID_STATISTICS_PERIOD, `month ${month} is not YYYY-MM`, {
      field: 'month',
      reasonZh: '月份须为YYYY-MM',
      reasonEn: 'month must be YYYY-MM',
    });
  }
  const first = LocalDate.of(Number(m[1]), n, 1);
  return { from: first.toString(), to: first.endOfMonth().toString() };
}
