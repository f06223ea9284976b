export * from './statement-types';
export * from './statement-parse-error';
export { BANK_PRESETS, parseCsvStatement } from './csv-statement';
export { parseXlsxStatement } from './xlsx-statement';
export * from './statement-limits';
export { parseCamt053Statement } from './camt053-statement';
export { parseMt940Statement } from './mt940-statement';
export { parseStatement, sniffFormat } from './parse-statement';
