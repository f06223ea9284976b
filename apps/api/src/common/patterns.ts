import { type ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { LocalDate } from '@mla/core';

/** Input shapes shared by request DTOs; the domain validates meaning (real dates, known regions) again. */

/** An amount in yuan with at most two decimals, e.g. '80000.00'. */
export const YUAN = /^\d{1,12}(\.\d{1,2})?$/;

/** A business date, 'YYYY-MM-DD'. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An administrative division code: 6 (province/city/county), 9 (township) or 12 (village) digits. */
export const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/;

/**
 * A business date that exists: 'YYYY-MM-DD', years 0001–9999, and no 2024-02-30 (the shape alone would let it
 * reach the database, which refuses it with a server error).
 */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DATE.test(value)) return false;
          try {
            LocalDate.parse(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be a real date YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
