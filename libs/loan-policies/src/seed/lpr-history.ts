import type { AddLprRateInput } from '../lpr/lpr.service';

/**
 * Published LPR (percent per year) at every publication that changed a rate since the reform of 2019-08-20.
 * Months without a change are left out: the rate in force is the latest row on or before a date.
 * The first reformed 1-year LPR (2019-08-20) was 4.25%; 4.31% was the last quote under the old mechanism.
 */
export const LPR_HISTORY: readonly AddLprRateInput[] = [
  { effectiveDate: '2019-08-20', oneYearPercent: '4.25', fiveYearPercent: '4.85' },
  { effectiveDate: '2019-09-20', oneYearPercent: '4.20', fiveYearPercent: '4.85' },
  { effectiveDate: '2019-11-20', oneYearPercent: '4.15', fiveYearPercent: '4.80' },
  { effectiveDate: '2020-02-20', oneYearPercent: '4.05', fiveYearPercent: '4.75' },
  { effectiveDate: '2020-04-20', oneYearPercent: '3.85', fiveYearPercent: '4.65' },
  { effectiveDate: '2021-12-20', oneYearPercent: '3.80', fiveYearPercent: '4.65' },
  { effectiveDate: '2022-01-20', oneYearPercent: '3.70', fiveYearPercent: '4.60' },
  { effectiveDate: '2022-05-20', oneYearPercent: '3.70', fiveYearPercent: '4.45' },
  { effectiveDate: '2022-08-22', oneYearPercent: '3.65', fiveYearPercent: '4.30' },
  { effectiveDate: '2023-06-20', oneYearPercent: '3.55', fiveYearPercent: '4.20' },
  { effectiveDate: '2023-08-21', oneYearPercent: '3.45', fiveYearPercent: '4.20' },
  { effectiveDate: '2024-02-20', oneYearPercent: '3.45', fiveYearPercent: '3.95' },
  { effectiveDate: '2024-07-22', oneYearPercent: '3.35', fiveYearPercent: '3.85' },
  { effectiveDate: '2024-10-21', oneYearPercent: '3.10', fiveYearPercent: '3.60' },
  { effectiveDate: '2025-05-20', oneYearPercent: '3.00', fiveYearPercent: '3.50' },
];
