import { Client } from 'pg';
import { isValidResidentId } from '@mla/core';

/**
 * Personal data must never sit in a table in clear: ID numbers, mobile phones and personal bank accounts are kept
 * encrypted, masked and as keyed hashes only. This scans every column of every table of a suite's database, as
 * text, for values shaped like them; every end-to-end suite runs it before its database is dropped.
 *
 * A match must stand alone (no letter, digit, `+`, `/` or `=` on either side), so that digit runs inside hex
 * hashes and base64 ciphertext are not mistaken for one.
 */
function isValidResidentIdSafe(value: string): boolean {
  try {
    return isValidResidentId(value);
  } catch {
    return false;
  }
}

const EDGE_BEFORE = '(?<![0-9A-Za-z+/=])';
const EDGE_AFTER = '(?![0-9A-Za-z+/])';
const PATTERNS: ReadonlyArray<{ kind: string; regex: RegExp; accept?: (value: string) => boolean }> = [
  {
    kind: 'resident ID',
    regex: new RegExp(`${EDGE_BEFORE}\\d{17}[\\dXx]${EDGE_AFTER}`, 'g'),
    accept: (v) => isValidResidentIdSafe(v),
  },
  { kind: 'mobile', regex: new RegExp(`${EDGE_BEFORE}1[3-9]\\d{9}${EDGE_AFTER}`, 'g') },
  { kind: 'bank card', regex: new RegExp(`${EDGE_BEFORE}62\\d{14,17}${EDGE_AFTER}`, 'g') },
];

/**
 * Columns that hold numbers of these shapes which are not personal: the schema's migration history (timestamps)
 * and the partner banks' own settlement accounts (an organisation's, published on every statement).
 */
const NOT_PERSONAL = new Set(['schema_migrations.timestamp', 'bank_accounts.account_number']);

export interface PiiFinding {
  table: string;
  column: string;
  kind: string;
  value: string;
}

/** Every personal value found in clear in the database at `databaseUrl` (table, column, kind, masked value). */
export async function findPersonalDataInClear(databaseUrl: string): Promise<PiiFinding[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')`,
    );
    const findings: PiiFinding[] = [];
    for (const { table_name: table, column_name: column, data_type: type } of columns) {
      if (NOT_PERSONAL.has(`${table}.${column}`)) continue;
      // bytea is read with non-ASCII bytes escaped (a raw file kept in clear shows its digits), the rest as text.
      const expression = type === 'bytea' ? `encode(${quote(column)}, 'escape')` : `${quote(column)}::text`;
      const { rows } = await client.query<{ v: string | null }>(
        `SELECT DISTINCT ${expression} AS v FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL`,
      );
      for (const { v } of rows) {
        if (!v) continue;
        for (const { kind, regex, accept } of PATTERNS) {
          for (const match of v.matchAll(regex)) {
            const value = match[0];
            if (accept && !accept(value)) continue;
            findings.push({ table, column, kind, value: `${value.slice(0, 4)}…${value.slice(-2)}` });
          }
        }
      }
    }
    return findings;
  } finally {
    await client.end();
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
