import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a workbook as a download named `fileName`. */
export function xlsxDownload(res: Response, fileName: string, workbook: Buffer): StreamableFile {
  res.setHeader('Content-Type', XLSX_MEDIA_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`);
  return new StreamableFile(workbook);
}
