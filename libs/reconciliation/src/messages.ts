import { SHARED_MESSAGES, type ErrorCatalogue, type LabelCatalogue, type Messages } from '@mla/core';
import { ReconciliationErrorCode } from './errors';
import { ImportStatus, LineOutcome } from './imports/import-status';
import { StatementFormat } from './parsers/statement-types';
import type { Resolution } from './report/exception-resolution.service';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const RECONCILIATION_MESSAGES: ErrorCatalogue<ReconciliationErrorCode> = {
  [ReconciliationErrorCode.ACCOUNT_NOT_FOUND]: { 'zh-CN': '银行账户不存在', en: 'The bank account was not found' },
  [ReconciliationErrorCode.ACCOUNT_EXISTS]: { 'zh-CN': '该银行账户已登记', en: 'The account is registered already' },
  [ReconciliationErrorCode.NOT_A_BANK]: {
    'zh-CN': '所选机构不是您所在的银行',
    en: 'The organisation is not a bank of yours',
  },
  [ReconciliationErrorCode.IMPORT_NOT_FOUND]: {
    'zh-CN': '银行流水导入记录不存在',
    en: 'The statement import was not found',
  },
  [ReconciliationErrorCode.ALREADY_IMPORTED]: {
    'zh-CN': '该文件已导入或正在导入，本次未作任何更改',
    en: 'This file was imported already or is being imported; nothing was changed',
  },
  [ReconciliationErrorCode.FILE_EMPTY]: { 'zh-CN': '上传的文件是空文件', en: 'The file is empty' },
  [ReconciliationErrorCode.FILE_TOO_LARGE]: SHARED_MESSAGES.FILE_TOO_LARGE,
  [ReconciliationErrorCode.UNKNOWN_FORMAT]: {
    'zh-CN': '无法识别该银行流水文件的格式',
    en: 'The format of the statement file is not recognised',
  },
  [ReconciliationErrorCode.MAPPING_REQUIRED]: {
    'zh-CN': '该账户尚未设置此格式流水文件的列对应关系，请先保存列映射',
    en: 'The account has no column mapping for this format; save one first',
  },
  [ReconciliationErrorCode.LINE_NOT_FOUND]: { 'zh-CN': '流水明细不存在', en: 'The statement line was not found' },
  [ReconciliationErrorCode.INVALID_RESOLUTION]: {
    'zh-CN': [
      '拆分入账须针对尚未匹配的贷方流水，至少拆成两笔且合计等于{lineYuan}元（现合计{partsYuan}元）',
      '该处理方式不适用于这条流水',
    ],
    en: [
      'A split needs a credit not matched yet, and at least two parts adding up to {lineYuan} (they add up to {partsYuan})',
      'This resolution does not apply to the line',
    ],
  },
  [ReconciliationErrorCode.IMPORT_NOT_STOPPED]: {
    'zh-CN': '该导入没有中断，无需重新运行',
    en: 'The import has not stopped; there is nothing to re-run',
  },
  [ReconciliationErrorCode.IMPORT_RUNNING]: {
    'zh-CN': '该导入正在运行，请稍后再试',
    en: 'The import is running; try again later',
  },
  [ReconciliationErrorCode.STATEMENT_INVALID]: {
    'zh-CN': [
      '银行流水文件第{line}行「{field}」无法识别',
      '银行流水文件第{line}行无法识别',
      '银行流水文件「{field}」无法识别',
      '银行流水文件内容无法识别',
    ],
    en: [
      'The statement cannot be read at line {line}, field {field}',
      'The statement cannot be read at line {line}',
      'The statement cannot be read at field {field}',
      'The statement cannot be read',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_LINE_TOO_LONG]: {
    'zh-CN': [
      '银行流水文件第{line}行第{column}列起超过单行长度上限{maxKib}KiB，已拒绝读取',
      '银行流水文件第{line}行超过单行长度上限{maxKib}KiB，已拒绝读取',
      '银行流水文件有一行超过单行长度上限，已拒绝读取',
    ],
    en: [
      'Line {line} of the statement is longer than the limit of {maxKib} KiB from column {column}; the file was refused',
      'Line {line} of the statement is longer than the limit of {maxKib} KiB; the file was refused',
      'A line of the statement is longer than the limit; the file was refused',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_TOO_MANY_LINES]: {
    'zh-CN': ['银行流水文件在第{line}行超过行数上限{max}行，已拒绝读取', '银行流水文件超过行数上限，已拒绝读取'],
    en: [
      'The statement has more than the limit of {max} lines (at line {line}); the file was refused',
      'The statement has more lines than the limit; the file was refused',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_NESTED_TOO_DEEP]: {
    'zh-CN': [
      '银行流水文件第{line}行第{column}列的元素嵌套超过{max}层的上限，已拒绝读取',
      '银行流水文件的元素嵌套层数超过上限，已拒绝读取',
    ],
    en: [
      'An element at line {line}, column {column} of the statement is nested deeper than the limit of {max} levels; the file was refused',
      'The statement nests elements deeper than the limit; the file was refused',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_UNZIPPED_TOO_LARGE]: {
    'zh-CN': [
      '电子表格中的「{entry}」压缩比为{ratio}倍，超过{maxRatio}倍的上限，已拒绝读取',
      '电子表格解压后为{sizeMib}MiB，超过{maxMib}MiB的上限，已拒绝读取',
      '电子表格解压后超过{maxMib}MiB的上限，已拒绝读取',
      '电子表格解压后超过大小上限，已拒绝读取',
    ],
    en: [
      'The entry {entry} of the spreadsheet is compressed {ratio} to 1, beyond the limit of {maxRatio}; the file was refused',
      'The spreadsheet holds {sizeMib} MiB once unzipped, beyond the limit of {maxMib} MiB; the file was refused',
      'The spreadsheet holds more than the limit of {maxMib} MiB once unzipped; the file was refused',
      'The spreadsheet is larger than the limit once unzipped; the file was refused',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_SPREADSHEET_TOO_COSTLY]: {
    'zh-CN': [
      '读取该电子表格超过{seconds}秒或{memoryMib}MiB内存的上限，已停止读取',
      '读取该电子表格超过时间或内存上限，已停止读取',
    ],
    en: [
      'Reading the spreadsheet took more than the limit of {seconds} s or {memoryMib} MiB of memory; it was stopped',
      'Reading the spreadsheet went beyond the time or memory limit; it was stopped',
    ],
  },
  [ReconciliationErrorCode.INVALID_DATE_RANGE]: SHARED_MESSAGES.INVALID_DATE_RANGE,
  [ReconciliationErrorCode.REASON_REQUIRED]: SHARED_MESSAGES.REASON_REQUIRED,
  [ReconciliationErrorCode.INVALID_AMOUNT]: SHARED_MESSAGES.INVALID_AMOUNT,
  [ReconciliationErrorCode.LOAN_NOT_FOUND]: SHARED_MESSAGES.LOAN_NOT_FOUND,
  [ReconciliationErrorCode.INVALID_ACCOUNT]: {
    'zh-CN': '账号须为6至40位字母、数字或“-”',
    en: 'The account number must be 6 to 40 letters, digits or -',
  },
  [ReconciliationErrorCode.UNKNOWN_PRESET]: { 'zh-CN': '不支持该银行模板', en: 'Unknown bank preset' },
  [ReconciliationErrorCode.INVALID_MAPPING]: {
    'zh-CN': '列映射须包含日期列，以及金额列或借方、贷方两列',
    en: 'The column mapping needs the date, and the amount or both debit and credit',
  },
  [ReconciliationErrorCode.STATEMENT_DIRECTION_UNKNOWN]: {
    'zh-CN': [
      '银行流水文件第{line}行「{field}」的借贷方向“{value}”无法识别，请在列映射中列明收入和支出的取值',
      '银行流水文件第{line}行的借贷方向无法识别，请在列映射中列明收入和支出的取值',
      '银行流水文件中的借贷方向无法识别，请在列映射中列明收入和支出的取值',
    ],
    en: [
      'Line {line}, column {field}: the direction “{value}” is neither a credit nor a debit value of the mapping',
      'Line {line}: the direction is neither a credit nor a debit value of the mapping',
      'A direction in the file is neither a credit nor a debit value of the mapping',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_DIRECTION_REQUIRED]: {
    'zh-CN': [
      '银行流水文件第{line}行有借贷方向列「{column}」，列映射未指明该列，金额方向无法确定，文件未导入',
      '银行流水文件第{line}行「{field}」的金额为负数，但借贷方向为收入',
      '银行流水金额无法确定收支方向，文件未导入',
    ],
    en: [
      'Line {line}: the file has a direction column {column} that the mapping does not name; the direction of the amounts is unknown',
      'Line {line}, column {field}: the amount is negative but its direction says money in',
      'The direction of the amounts is unknown; nothing was imported',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_COLUMNS_EMPTY]: {
    'zh-CN': [
      '银行流水文件的金额列「{columns}」在{emptyRows}行（共{rows}行）为空，请检查列映射',
      '银行流水文件的金额列为空，请检查列映射',
    ],
    en: [
      'The amount columns {columns} are empty on {emptyRows} of {rows} rows; check the column mapping',
      'The amount columns are empty; check the column mapping',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_NO_LINES]: {
    'zh-CN': '银行流水文件中没有任何交易明细，文件未导入',
    en: 'The statement holds no transactions; nothing was imported',
  },
  [ReconciliationErrorCode.STATEMENT_ACCOUNT_MISMATCH]: {
    'zh-CN': [
      '银行流水文件的账号{fileAccount}与所选银行账户{account}不一致，文件未导入',
      '银行流水文件的账号与所选银行账户不一致，文件未导入',
    ],
    en: [
      'The statement is for account {fileAccount}, not the chosen account {account}; nothing was imported',
      'The statement is for another account than the chosen one; nothing was imported',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_BALANCE_MISMATCH]: {
    'zh-CN': [
      '银行流水文件第{line}行余额不连续：上一笔余额{previousYuan}元加本笔金额{amountYuan}元应为{expectedYuan}元，文件中为{balanceYuan}元',
      '银行流水文件第{line}行余额不连续',
      '银行流水文件的余额不连续',
    ],
    en: [
      'Line {line}: the balance does not follow: {previousYuan} plus {amountYuan} is {expectedYuan}, the file says {balanceYuan}',
      'Line {line}: the balance does not follow from the one before',
      'A balance of the statement does not follow from the one before',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_INTERIM_REPORT]: {
    'zh-CN': [
      '该文件是日间报告（MT942，第{line}行），不是对账单，请导入MT940对账单',
      '该文件是日间报告（MT942），不是对账单，请导入MT940对账单',
    ],
    en: [
      'This is an interim report (MT942, line {line}), not a statement; import the MT940 statement',
      'This is an interim report (MT942), not a statement; import the MT940 statement',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_CURRENCY_INVALID]: {
    'zh-CN': [
      '银行流水文件第{line}行「{field}」的币种“{value}”无法识别',
      '银行流水文件第{line}行的币种无法识别',
      '银行流水文件的币种无法识别',
    ],
    en: [
      'Line {line}, column {field}: the currency “{value}” is not known',
      'Line {line}: the currency is not known',
      'A currency of the statement is not known',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_DATE_INVALID]: {
    'zh-CN': [
      '银行流水文件第{line}行「{field}」的日期“{value}”不符合列映射的日期格式{format}',
      '银行流水文件第{line}行「{field}」的日期“{value}”无法识别',
      '银行流水文件第{line}行「{field}」的日期无法识别',
      '银行流水文件的日期无法识别',
    ],
    en: [
      'Line {line}, column {field}: the date “{value}” is not in the mapping’s format {format}',
      'Line {line}, column {field}: the date “{value}” cannot be read',
      'Line {line}, column {field}: the date cannot be read',
      'A date of the statement cannot be read',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID]: {
    'zh-CN': [
      '银行流水文件第{line}行「{field}」的金额“{value}”无法识别（须为数字，人民币最多两位小数）',
      '银行流水文件第{line}行的金额“{value}”无法识别（须为数字，人民币最多两位小数）',
      '银行流水文件中的金额“{value}”无法识别（须为数字，人民币最多两位小数）',
      '银行流水文件中的金额无法识别',
    ],
    en: [
      'Line {line}, column {field}: the amount “{value}” cannot be read (a number; yuan have at most two decimals)',
      'Line {line}: the amount “{value}” cannot be read (a number; yuan have at most two decimals)',
      'The amount “{value}” cannot be read (a number; yuan have at most two decimals)',
      'An amount of the statement cannot be read',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_AMOUNT_OUT_OF_RANGE]: {
    'zh-CN': [
      '银行流水文件第{line}行「{field}」的金额超出允许范围',
      '银行流水文件第{line}行的金额超出允许范围',
      '银行流水文件中有金额超出允许范围',
    ],
    en: [
      'Line {line}, column {field}: the amount is out of range',
      'Line {line}: the amount is out of range',
      'An amount of the statement is out of range',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_VALUE_MISSING]: {
    'zh-CN': [
      '银行流水文件第{line}行缺少「{field}」',
      '银行流水文件第{line}行缺少必填内容',
      '银行流水文件缺少必填内容',
    ],
    en: [
      'Line {line}: {field} is missing',
      'Line {line}: a required value is missing',
      'A required value of the statement is missing',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_TEXT_INVALID]: {
    'zh-CN': [
      '银行流水文件第{line}行「{field}」含有空字节或无效字符',
      '银行流水文件第{line}行含有空字节或无效字符',
      '银行流水文件不是有效的文本（编码错误或含有无效字符），请重新从网银导出',
    ],
    en: [
      'Line {line}, column {field}: the value holds a NUL byte or characters that are not valid text',
      'Line {line}: the line holds a NUL byte or characters that are not valid text',
      'The statement is not valid text (a wrong encoding or invalid characters); export it again from online banking',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_MALFORMED]: {
    'zh-CN': [
      '银行流水文件第{line}行格式错误，无法读取',
      '银行流水文件格式错误或已损坏，无法读取，请确认文件类型并重新从网银导出',
    ],
    en: [
      'Line {line} of the statement is malformed and cannot be read',
      'The statement is malformed or damaged and cannot be read; check its type and export it again from online banking',
    ],
  },
  [ReconciliationErrorCode.STATEMENT_COLUMN_MISSING]: {
    'zh-CN': [
      '银行流水文件的表头中没有列「{field}」，请检查列映射是否与文件一致',
      '银行流水文件的表头缺少列映射所列的列，请检查列映射是否与文件一致',
    ],
    en: [
      'The statement’s header has no column {field}; check that the column mapping fits the file',
      'The statement’s header lacks a column the mapping names; check that the column mapping fits the file',
    ],
  },
};

export const IMPORT_STATUS_LABELS: LabelCatalogue<ImportStatus> = {
  [ImportStatus.UPLOADING]: { 'zh-CN': '上传中', en: 'Uploading' },
  [ImportStatus.QUEUED]: { 'zh-CN': '排队中', en: 'Queued' },
  [ImportStatus.PROCESSING]: { 'zh-CN': '导入中', en: 'Processing' },
  [ImportStatus.IMPORTED]: { 'zh-CN': '已导入', en: 'Imported' },
  [ImportStatus.FAILED]: { 'zh-CN': '导入失败', en: 'Failed' },
};

export const LINE_OUTCOME_LABELS: LabelCatalogue<LineOutcome> = {
  [LineOutcome.PENDING]: { 'zh-CN': '待匹配', en: 'Pending' },
  [LineOutcome.MATCHED]: { 'zh-CN': '已匹配', en: 'Matched' },
  [LineOutcome.AMOUNT_DIFFERS]: { 'zh-CN': '金额不符', en: 'Amount differs' },
  [LineOutcome.SUGGESTED]: { 'zh-CN': '疑似匹配待确认', en: 'Suggested match' },
  [LineOutcome.BANK_ONLY]: { 'zh-CN': '银行单边账', en: 'Bank only' },
  [LineOutcome.DUPLICATE]: { 'zh-CN': '重复流水', en: 'Duplicate' },
  [LineOutcome.NOT_OURS]: { 'zh-CN': '非本系统业务', en: 'Not ours' },
};

export const STATEMENT_FORMAT_LABELS: LabelCatalogue<StatementFormat> = {
  [StatementFormat.CSV]: { 'zh-CN': 'CSV文件', en: 'CSV' },
  [StatementFormat.XLSX]: { 'zh-CN': 'Excel文件（XLSX）', en: 'Excel (XLSX)' },
  [StatementFormat.CAMT053]: { 'zh-CN': 'ISO 20022 camt.053 对账单', en: 'ISO 20022 camt.053' },
  [StatementFormat.MT940]: { 'zh-CN': 'SWIFT MT940 对账单', en: 'SWIFT MT940' },
};

export const RESOLUTION_ACTION_LABELS: LabelCatalogue<Resolution['action']> = {
  NOT_OURS: { 'zh-CN': '标记为非本系统业务', en: 'Mark as not ours' },
  LINK: { 'zh-CN': '关联贷款入账', en: 'Link to a loan' },
  SPLIT: { 'zh-CN': '拆分入账', en: 'Split' },
  CORRECT: { 'zh-CN': '按银行金额更正', en: 'Correct to the bank’s amount' },
};

/**
 * What an import's row says when it did not finish: stored in the bank clerk's words (zh-CN), like the messages of
 * the codes above, since the row is read later by whoever looks.
 */
export const IMPORT_NOTES = {
  dataException: {
    'zh-CN': ['文件中的数据无法保存：{reason}', '文件中的数据无法保存'],
    en: ['The file could not be stored: {reason}', 'The file could not be stored'],
  },
  stoppedOnFault: {
    'zh-CN': [
      '导入因系统故障中断，系统将自动继续（参考号{reference}），无需重新上传',
      '导入因系统故障中断，系统将自动继续，无需重新上传',
    ],
    en: [
      'The import stopped on a system fault and will be resumed (reference {reference}); nothing needs to be uploaded again',
      'The import stopped on a system fault and will be resumed; nothing needs to be uploaded again',
    ],
  },
  uploadRefused: {
    'zh-CN': ['上传未被接受：{reason}', '上传未被接受，请重新上传'],
    en: ['The upload was refused: {reason}', 'The upload was refused; upload the file again'],
  },
  uploadBrokeOff: {
    'zh-CN': '上传未被接受：文件未传完（上传中断），请重新上传',
    en: 'The upload was refused: the file stopped arriving; upload it again',
  },
} satisfies Record<string, Messages>;

/** PostgreSQL's data exceptions (class 22) said in words for the bank, never in the database's own. */
export const DATA_EXCEPTION_REASONS: Record<string, string> = {
  '22001': '有内容超过银行流水字段允许的长度',
  '22003': '金额或数字超出允许范围',
  '22007': '日期无效',
  '22008': '日期超出允许范围',
  '22021': '文件含有不符合其编码的字节',
  '22P05': '文件含有无法保存的字符',
};
