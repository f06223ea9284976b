/** The 10 national borrower categories of the entrepreneurship guaranteed loan (after 2018). */
export enum BorrowerCategory {
  URBAN_REGISTERED_UNEMPLOYED = 'URBAN_REGISTERED_UNEMPLOYED',
  EMPLOYMENT_DIFFICULTY = 'EMPLOYMENT_DIFFICULTY',
  VETERAN = 'VETERAN',
  RELEASED_PRISONER = 'RELEASED_PRISONER',
  GRADUATE = 'GRADUATE',
  OVERCAPACITY_WORKER = 'OVERCAPACITY_WORKER',
  RETURNING_MIGRANT_WORKER = 'RETURNING_MIGRANT_WORKER',
  ONLINE_MERCHANT = 'ONLINE_MERCHANT',
  POVERTY_REGISTERED = 'POVERTY_REGISTERED',
  RURAL_SELF_EMPLOYED = 'RURAL_SELF_EMPLOYED',
}

export const BORROWER_CATEGORIES: readonly BorrowerCategory[] = Object.values(BorrowerCategory);

export const BORROWER_CATEGORY_LABELS_ZH: Readonly<Record<BorrowerCategory, string>> = {
  [BorrowerCategory.URBAN_REGISTERED_UNEMPLOYED]: '城镇登记失业人员',
  [BorrowerCategory.EMPLOYMENT_DIFFICULTY]: '就业困难人员(含残疾人)',
  [BorrowerCategory.VETERAN]: '复员转业退役军人',
  [BorrowerCategory.RELEASED_PRISONER]: '刑满释放人员',
  [BorrowerCategory.GRADUATE]: '高校毕业生(含大学生村官、留学回国学生)',
  [BorrowerCategory.OVERCAPACITY_WORKER]: '化解过剩产能企业职工和失业人员',
  [BorrowerCategory.RETURNING_MIGRANT_WORKER]: '返乡创业农民工',
  [BorrowerCategory.ONLINE_MERCHANT]: '网络商户',
  [BorrowerCategory.POVERTY_REGISTERED]: '建档立卡贫困人口/脱贫人口',
  [BorrowerCategory.RURAL_SELF_EMPLOYED]: '农村自主创业农民',
};

export function isBorrowerCategory(value: unknown): value is BorrowerCategory {
  return BORROWER_CATEGORIES.includes(value as BorrowerCategory);
}
