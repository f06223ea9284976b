import { Role } from '@mla/auth';
import type { LabelCatalogue } from '@mla/core';

/**
 * What a region sets for a year. Targets are to be reached (at least the value); thresholds are lines not to cross
 * (at most the value). Units: FEN (integer fen), RATE (a fraction, '0.95' = 95%), COUNT.
 */
export enum TargetKind {
  /** Loans made in the year, principal (fen), e.g. 20,000,000 yuan. */
  LENDING_VOLUME = 'LENDING_VOLUME',
  /** 到期还款率 over the year so far, e.g. 1 (100%) or 0.95. */
  REPAYMENT_RATE = 'REPAYMENT_RATE',
  /** Loans made to women in the year (count). */
  WOMEN_REACHED = 'WOMEN_REACHED',
  /** Guarantee funds of the region: guaranteed principal outstanding ÷ (deposit × base leverage), at most. */
  FUND_LEVERAGE_USED = 'FUND_LEVERAGE_USED',
  /** PAR30, at most. */
  PAR30 = 'PAR30',
  /** 代偿率, at most. */
  COMPENSATION_RATE = 'COMPENSATION_RATE',
  /** Subsidy budgets of the region and year: paid and committed ÷ allocated, at most. */
  SUBSIDY_BUDGET_USED = 'SUBSIDY_BUDGET_USED',
  /** Applications whose review step is past its deadline, at most. */
  REVIEW_STEPS_LATE = 'REVIEW_STEPS_LATE',
}

export type TargetUnit = 'FEN' | 'RATE' | 'COUNT';

export interface TargetKindRule {
  unit: TargetUnit;
  /** TARGET: reach at least; THRESHOLD: stay at or under. */
  direction: 'TARGET' | 'THRESHOLD';
  /** Who must act when it is missed (shown on the warning). */
  responsible: ResponsibleParty;
}

/** Who must act on a warning. */
export enum ResponsibleParty {
  /** The county women's federation and its loan officers (follow-up visits, reminders, recommendations). */
  FEDERATION = 'FEDERATION',
  /** The partner banks (collection, disbursement pace). */
  BANK = 'BANK',
  /** The guarantee agency (fund capacity, compensation and recovery). */
  GUARANTEE_AGENCY = 'GUARANTEE_AGENCY',
  /** The finance bureau (subsidy budget). */
  FINANCE_BUREAU = 'FINANCE_BUREAU',
}

export const TARGET_RULES: Readonly<Record<TargetKind, TargetKindRule>> = {
  [TargetKind.LENDING_VOLUME]: { unit: 'FEN', direction: 'TARGET', responsible: ResponsibleParty.FEDERATION },
  [TargetKind.REPAYMENT_RATE]: { unit: 'RATE', direction: 'TARGET', responsible: ResponsibleParty.BANK },
  [TargetKind.WOMEN_REACHED]: { unit: 'COUNT', direction: 'TARGET', responsible: ResponsibleParty.FEDERATION },
  [TargetKind.FUND_LEVERAGE_USED]: {
    unit: 'RATE',
    direction: 'THRESHOLD',
    responsible: ResponsibleParty.GUARANTEE_AGENCY,
  },
  [TargetKind.PAR30]: { unit: 'RATE', direction: 'THRESHOLD', responsible: ResponsibleParty.BANK },
  [TargetKind.COMPENSATION_RATE]: {
    unit: 'RATE',
    direction: 'THRESHOLD',
    responsible: ResponsibleParty.GUARANTEE_AGENCY,
  },
  [TargetKind.SUBSIDY_BUDGET_USED]: {
    unit: 'RATE',
    direction: 'THRESHOLD',
    responsible: ResponsibleParty.FINANCE_BUREAU,
  },
  [TargetKind.REVIEW_STEPS_LATE]: { unit: 'COUNT', direction: 'THRESHOLD', responsible: ResponsibleParty.FEDERATION },
};

/** The roles whose users must act on a warning naming the party (told when it is raised). */
export const RESPONSIBLE_PARTY_ROLES: Readonly<Record<ResponsibleParty, readonly Role[]>> = {
  [ResponsibleParty.FEDERATION]: [Role.LOAN_OFFICER, Role.FEDERATION_ADMIN],
  [ResponsibleParty.BANK]: [Role.BANK_OFFICER],
  [ResponsibleParty.GUARANTEE_AGENCY]: [Role.GUARANTEE_OPERATOR],
  [ResponsibleParty.FINANCE_BUREAU]: [Role.FINANCE_REVIEWER],
};

export const TARGET_KINDS: readonly TargetKind[] = Object.values(TargetKind);
export const RESPONSIBLE_PARTIES: readonly ResponsibleParty[] = Object.values(ResponsibleParty);

export const TARGET_KIND_LABELS: LabelCatalogue<TargetKind> = {
  [TargetKind.LENDING_VOLUME]: { 'zh-CN': '年度放款目标', en: 'Yearly lending volume' },
  [TargetKind.REPAYMENT_RATE]: { 'zh-CN': '到期还款率目标', en: 'Repayment rate at maturity' },
  [TargetKind.WOMEN_REACHED]: { 'zh-CN': '扶持妇女人数目标', en: 'Women reached' },
  [TargetKind.FUND_LEVERAGE_USED]: { 'zh-CN': '担保基金放大倍数使用率上限', en: 'Fund leverage used (limit)' },
  [TargetKind.PAR30]: { 'zh-CN': 'PAR30上限', en: 'PAR30 (limit)' },
  [TargetKind.COMPENSATION_RATE]: { 'zh-CN': '代偿率上限', en: 'Compensation rate (limit)' },
  [TargetKind.SUBSIDY_BUDGET_USED]: { 'zh-CN': '贴息预算使用率上限', en: 'Subsidy budget used (limit)' },
  [TargetKind.REVIEW_STEPS_LATE]: { 'zh-CN': '超期审核件数上限', en: 'Review steps late (limit)' },
};

export const RESPONSIBLE_PARTY_LABELS: LabelCatalogue<ResponsibleParty> = {
  [ResponsibleParty.FEDERATION]: { 'zh-CN': '县妇联（信贷专干）', en: "Women's federation (loan officers)" },
  [ResponsibleParty.BANK]: { 'zh-CN': '经办银行', en: 'Partner banks' },
  [ResponsibleParty.GUARANTEE_AGENCY]: { 'zh-CN': '担保机构', en: 'Guarantee agency' },
  [ResponsibleParty.FINANCE_BUREAU]: { 'zh-CN': '财政局', en: 'Finance bureau' },
};
