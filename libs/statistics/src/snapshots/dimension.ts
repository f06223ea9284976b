import type { LabelCatalogue } from '@mla/core';

/**
 * Whose figures a snapshot row holds: a region (its whole tree: a village's loans count in its township, county,
 * city and province) or a bank (its loans anywhere). A bank user reads only her bank's scope; others their region's.
 */
export enum SnapshotScope {
  REGION = 'REGION',
  BANK = 'BANK',
}

/**
 * How a scope's figures are broken down. TOTAL is the scope's own sum (key ''). Villages have their TOTAL only; the
 * other breakdowns exist for townships and above, and a bank's region breakdown likewise stops at the township.
 */
export enum SnapshotDimension {
  TOTAL = 'TOTAL',
  /** Region at every level (in a bank's scope only: in a region's scope, read the child regions' scopes). */
  REGION = 'REGION',
  BANK = 'BANK',
  FUND = 'FUND',
  /** The loan officer who prepared the application. */
  OFFICER = 'OFFICER',
  /** The ten borrower categories (key: the category code; '' when none recorded). */
  CATEGORY = 'CATEGORY',
  /** The sub-flags (disability, village official, returned overseas student, …): a loan counts under each it has. */
  SUB_FLAG = 'SUB_FLAG',
  /** The female flag: key 'Y' or 'N'. */
  FEMALE = 'FEMALE',
}

export const SNAPSHOT_SCOPES: readonly SnapshotScope[] = Object.values(SnapshotScope);
export const SNAPSHOT_DIMENSIONS: readonly SnapshotDimension[] = Object.values(SnapshotDimension);

export const SNAPSHOT_SCOPE_LABELS: LabelCatalogue<SnapshotScope> = {
  [SnapshotScope.REGION]: { 'zh-CN': '地区', en: 'Region' },
  [SnapshotScope.BANK]: { 'zh-CN': '银行', en: 'Bank' },
};

export const SNAPSHOT_DIMENSION_LABELS: LabelCatalogue<SnapshotDimension> = {
  [SnapshotDimension.TOTAL]: { 'zh-CN': '合计', en: 'Total' },
  [SnapshotDimension.REGION]: { 'zh-CN': '地区', en: 'Region' },
  [SnapshotDimension.BANK]: { 'zh-CN': '银行', en: 'Bank' },
  [SnapshotDimension.FUND]: { 'zh-CN': '担保基金', en: 'Guarantee fund' },
  [SnapshotDimension.OFFICER]: { 'zh-CN': '信贷专干', en: 'Loan officer' },
  [SnapshotDimension.CATEGORY]: { 'zh-CN': '借款人类别', en: 'Borrower category' },
  [SnapshotDimension.SUB_FLAG]: { 'zh-CN': '细分标识', en: 'Sub-flag' },
  [SnapshotDimension.FEMALE]: { 'zh-CN': '女性标识', en: 'Female flag' },
};
