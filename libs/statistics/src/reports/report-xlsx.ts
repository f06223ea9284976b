import ExcelJS from 'exceljs';
import { NOT_APPLICABLE_ZH } from '../formulas/ratio';
import type { ReportTable } from './report-tables';

const WAN_FORMAT = '#,##0.0000';

/**
 * A report as a workbook: title, subtitle, Chinese headers, one row per line (万元 with 4 decimals, counts, rates in
 * percent; a rate that does not apply reads 不适用), then every formula's definition under the table.
 */
export async function reportWorkbook(table: ReportTable, firstHeader: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'microloan-admin';
  const sheet = wb.addWorksheet(table.title['zh-CN'].slice(0, 31));
  sheet.addRow([table.title['zh-CN']]).font = { bold: true, size: 13 };
  sheet.addRow([`${table.subtitle['zh-CN']}${table.asOf ? `（数据截至${table.asOf}）` : '（无统计快照）'}`]);
  const header = sheet.addRow([firstHeader, ...table.columns.map((c) => c.header['zh-CN'])]);
  header.font = { bold: true };
  for (const row of table.rows) {
    const values = table.columns.map((c) => {
      const v = row.cells[c.key];
      if (v === null) return NOT_APPLICABLE_ZH;
      return c.kind === 'COUNT' || c.kind === 'WAN_YUAN' || c.kind === 'PERCENT' ? Number(v) : v;
    });
    const added = sheet.addRow([row.label['zh-CN'], ...values]);
    table.columns.forEach((c, i) => {
      const cell = added.getCell(i + 2);
      if (typeof cell.value !== 'number') return;
      if (c.kind === 'WAN_YUAN') cell.numFmt = WAN_FORMAT;
      if (c.kind === 'PERCENT') cell.numFmt = '0.00';
    });
  }
  sheet.addRow([]);
  sheet.addRow(['指标说明']).font = { bold: true };
  for (const f of table.formulas) sheet.addRow([f.name['zh-CN'], f.formula['zh-CN']]);
  sheet.addRow(['金额单位：万元（保留四位小数）；比率单位：%；分母为零的比率显示为“不适用”。']);
  sheet.getColumn(1).width = 26;
  for (let i = 2; i <= table.columns.length + 1; i++) sheet.getColumn(i).width = 16;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
