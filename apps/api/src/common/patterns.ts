/** Input shapes shared by request DTOs; the domain validates meaning (real dates, known regions) again. */

/** An amount in yuan with at most two decimals, e.g. '80000.00'. */
export const YUAN = /^\d{1,12}(\.\d{1,2})?$/;

/** A business date, 'YYYY-MM-DD'. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An administrative division code: 6 (province/city/county), 9 (township) or 12 (village) digits. */
export const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/;
