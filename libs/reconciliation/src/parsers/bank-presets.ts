import { type LabelCatalogue } from '@mla/core';
import { type ColumnMapping } from './statement-types';

/** The banks whose online-banking exports have a preset column mapping. */
export enum MappingPreset {
  ICBC = 'ICBC',
  ABC = 'ABC',
  BOC = 'BOC',
  CCB = 'CCB',
  BOCOM = 'BOCOM',
  CMB = 'CMB',
  PSBC = 'PSBC',
  CITIC = 'CITIC',
  SPDB = 'SPDB',
  CGB = 'CGB',
  RCC = 'RCC',
}

export const MAPPING_PRESET_LABELS: LabelCatalogue<MappingPreset> = {
  [MappingPreset.ICBC]: { 'zh-CN': '中国工商银行', en: 'Industrial and Commercial Bank of China' },
  [MappingPreset.ABC]: { 'zh-CN': '中国农业银行', en: 'Agricultural Bank of China' },
  [MappingPreset.BOC]: { 'zh-CN': '中国银行', en: 'Bank of China' },
  [MappingPreset.CCB]: { 'zh-CN': '中国建设银行', en: 'China Construction Bank' },
  [MappingPreset.BOCOM]: { 'zh-CN': '交通银行', en: 'Bank of Communications' },
  [MappingPreset.CMB]: { 'zh-CN': '招商银行', en: 'China Merchants Bank' },
  [MappingPreset.PSBC]: { 'zh-CN': '中国邮政储蓄银行', en: 'Postal Savings Bank of China' },
  [MappingPreset.CITIC]: { 'zh-CN': '中信银行', en: 'China CITIC Bank' },
  [MappingPreset.SPDB]: { 'zh-CN': '上海浦东发展银行', en: 'Shanghai Pudong Development Bank' },
  [MappingPreset.CGB]: { 'zh-CN': '广发银行', en: 'China Guangfa Bank' },
  [MappingPreset.RCC]: { 'zh-CN': '农村信用合作联社（农商银行）', en: 'Rural credit cooperative' },
};

/**
 * Column mappings of the exports we know, as data: header texts exactly as each bank's online banking writes them
 * (account detail / 账户明细 exports, CSV or XLSX). A bank account refers to one by its code, so a corrected
 * preset reaches every account that uses it.
 */
export const BANK_PRESETS: Record<MappingPreset, ColumnMapping> = {
  /** 工商银行 企业网银 明细查询: title rows with 账号 and 起止日期; 借方/贷方发生额; 借/贷 column beside them. */
  ICBC: {
    date: '交易时间',
    debit: '借方发生额',
    credit: '贷方发生额',
    balance: '余额',
    transactionId: '凭证号',
    counterpartyName: '对方单位名称',
    counterpartyAccount: '对方账号',
    description: '摘要',
    reference: '用途',
  },
  /** 农业银行 debit card detail: one signed amount column, YYYYMMDD dates, 日志号 as the bank's id. */
  ABC: {
    date: '交易日期',
    time: '交易时间',
    amount: '交易金额',
    balance: '本次余额',
    counterpartyName: '对手信息',
    transactionId: '日 志 号',
    description: '交易摘要',
    reference: '交易附言',
  },
  /** 中国银行 交易流水明细单: a title line, newest first, amounts and balances with thousands separators. */
  BOC: {
    date: '记账日期',
    time: '记账时间',
    currency: '币别',
    amount: '金额',
    balance: '余额',
    description: '交易名称',
    reference: '附言',
    counterpartyName: '对方账户名',
    counterpartyAccount: '对方卡号/账号',
  },
  /** 建设银行 账户明细: 借方发生额（支取）/贷方发生额（收入）, 币种, 交易流水号. */
  CCB: {
    date: '记账日期',
    time: '交易时间',
    debit: '借方发生额（支取）',
    credit: '贷方发生额（收入）',
    balance: '余额',
    currency: '币种',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    description: '摘要',
    reference: '备注',
    transactionId: '交易流水号',
  },
  /** 交通银行: unsigned 交易金额 with 借贷标志 借/贷. */
  BOCOM: {
    date: '交易日期',
    time: '交易时间',
    amount: '交易金额',
    direction: '借贷标志',
    creditValues: ['贷'],
    debitValues: ['借'],
    balance: '余额',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    description: '摘要',
    reference: '附言',
    transactionId: '交易流水号',
  },
  /** 招商银行 account detail: signed amount, 联机余额 as the balance. */
  CMB: {
    date: '记账日期',
    currency: '货币',
    amount: '交易金额',
    balance: '联机余额',
    description: '交易摘要',
    counterpartyName: '对手信息',
    reference: '客户摘要',
  },
  /** 邮储银行: unsigned 交易金额 with 收/支. */
  PSBC: {
    date: '交易日期',
    amount: '交易金额',
    direction: '收/支',
    creditValues: ['收', '收入'],
    debitValues: ['支', '支出'],
    balance: '账户余额',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    description: '摘要',
    reference: '附言',
  },
  /** 中信银行: 借方金额/贷方金额, YYYYMMDD, 柜员交易号. */
  CITIC: {
    date: '交易日期',
    time: '交易时间',
    debit: '借方金额',
    credit: '贷方金额',
    balance: '账户余额',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    description: '摘要',
    transactionId: '柜员交易号',
  },
  /** 浦发银行: unsigned 交易金额 with 借贷标志 借 Dr/贷 Cr. */
  SPDB: {
    date: '交易日期',
    time: '交易时间',
    amount: '交易金额',
    direction: '借贷标志',
    creditValues: ['贷 Cr', '贷'],
    debitValues: ['借 Dr', '借'],
    balance: '余额',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    description: '摘要',
    reference: '附言',
    transactionId: '交易流水号',
  },
  /** 广发银行: unsigned 交易金额 with 存取标志 存入/取出, 币种. */
  CGB: {
    date: '交易日期',
    amount: '交易金额',
    direction: '存取标志',
    creditValues: ['存入'],
    debitValues: ['取出'],
    currency: '币种',
    balance: '余额',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    description: '摘要',
  },
  /** A rural credit cooperative (农村信用合作联社 / 农商银行): title lines, 借方/贷方发生额, YYYYMMDD dates. */
  RCC: {
    date: '交易日期',
    time: '交易时间',
    description: '摘要',
    debit: '借方发生额',
    credit: '贷方发生额',
    balance: '余额',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    transactionId: '流水号',
    reference: '附言',
  },
};

export function isMappingPreset(code: unknown): code is MappingPreset {
  return typeof code === 'string' && Object.hasOwn(BANK_PRESETS, code);
}
