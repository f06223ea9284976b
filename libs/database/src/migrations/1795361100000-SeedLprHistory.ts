import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published 1-year (and 5-year) LPR since the 2019 reform, so every installation can check contract rates from day
 * one. Later publications are added by administrators (POST /lpr-rates); rows already present are left alone.
 */
const RATES: [string, string, string][] = [
  ['2019-08-20', '4.25', '4.85'],
  ['2019-09-20', '4.20', '4.85'],
  ['2019-11-20', '4.15', '4.80'],
  ['2020-02-20', '4.05', '4.75'],
  ['2020-04-20', '3.85', '4.65'],
  ['2021-12-20', '3.80', '4.65'],
  ['2022-01-20', '3.70', '4.60'],
  ['2022-05-20', '3.70', '4.45'],
  ['2022-08-22', '3.65', '4.30'],
  ['2023-06-20', '3.55', '4.20'],
  ['2023-08-21', '3.45', '4.20'],
  ['2024-02-20', '3.45', '3.95'],
  ['2024-07-22', '3.35', '3.85'],
  ['2024-10-21', '3.10', '3.60'],
  ['2025-05-20', '3.00', '3.50'],
];

export class SeedLprHistory1795361100000 implements MigrationInterface {
  name = 'SeedLprHistory1795361100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [date, oneYear, fiveYear] of RATES) {
      await queryRunner.query(
        `INSERT INTO lpr_rates (effective_date, one_year_percent, five_year_percent) VALUES ($1, $2, $3)
         ON CONFLICT (effective_date) DO NOTHING`,
        [date, oneYear, fiveYear],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM lpr_rates WHERE effective_date = ANY($1::date[])`, [RATES.map(([d]) => d)]);
  }
}
