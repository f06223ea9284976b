import { ReconciliationErrorCode } from '../errors';
import { StatementParseError } from './statement-parse-error';

/**
 * What one statement file may cost to read. Each is configuration (STATEMENT_MAX_LINE_KIB, …); the defaults here
 * are the configuration's defaults, for callers without one (tests, the bench).
 */
export interface StatementLimits {
  /** The longest line of a text file, and the longest run of XML between two '<', in characters. */
  maxLineChars: number;
  /** The most lines (text), XML lines (camt.053) or sheet rows (spreadsheets). */
  maxLines: number;
  /** The deepest XML element nesting. */
  maxXmlDepth: number;
  /** The most a spreadsheet archive may hold unzipped, and the largest binary .xls, in bytes. */
  maxUnzippedBytes: number;
  /** The highest compression ratio of one archive entry. */
  maxZipRatio: number;
  /** Time and heap given to the worker thread that reads one spreadsheet. */
  spreadsheetTimeoutMs: number;
  spreadsheetMemoryMib: number;
}

export const DEFAULT_STATEMENT_LIMITS: Readonly<StatementLimits> = {
  maxLineChars: 64 * 1024,
  maxLines: 2_000_000,
  maxXmlDepth: 64,
  maxUnzippedBytes: 256 * 1024 * 1024,
  maxZipRatio: 200,
  spreadsheetTimeoutMs: 120_000,
  spreadsheetMemoryMib: 1024,
};

/** The limits as configured (the env's names and units). */
export function statementLimitsFrom(env: {
  STATEMENT_MAX_LINE_KIB: number;
  STATEMENT_MAX_LINES: number;
  STATEMENT_MAX_XML_DEPTH: number;
  STATEMENT_MAX_UNZIPPED_MIB: number;
  STATEMENT_MAX_ZIP_RATIO: number;
  STATEMENT_SPREADSHEET_TIMEOUT_SECONDS: number;
  STATEMENT_SPREADSHEET_MEMORY_MIB: number;
}): StatementLimits {
  return {
    maxLineChars: env.STATEMENT_MAX_LINE_KIB * 1024,
    maxLines: env.STATEMENT_MAX_LINES,
    maxXmlDepth: env.STATEMENT_MAX_XML_DEPTH,
    maxUnzippedBytes: env.STATEMENT_MAX_UNZIPPED_MIB * 1024 * 1024,
    maxZipRatio: env.STATEMENT_MAX_ZIP_RATIO,
    spreadsheetTimeoutMs: env.STATEMENT_SPREADSHEET_TIMEOUT_SECONDS * 1000,
    spreadsheetMemoryMib: env.STATEMENT_SPREADSHEET_MEMORY_MIB,
  };
}

export function limitsOrDefault(limits?: Partial<StatementLimits>): StatementLimits {
  return { ...DEFAULT_STATEMENT_LIMITS, ...limits };
}

const kib = (chars: number): number => Math.max(1, Math.round(chars / 1024));
const mib = (bytes: number): number => Math.max(1, Math.round(bytes / 1024 / 1024));

/**
 * A file refused because it goes beyond a reading limit: the code names the limit, the details say which setting
 * (`limit`), its value and where in the file. A bad file like any other: it fails once, without retries.
 */
export class StatementLimitError extends StatementParseError {
  private constructor(
    code: ReconciliationErrorCode,
    message: string,
    location: { line?: number },
    details: Record<string, unknown>,
  ) {
    super(message, location, code, details);
  }

  static lineTooLong(maxChars: number, line: number, column?: number): StatementLimitError {
    return new StatementLimitError(
      ReconciliationErrorCode.STATEMENT_LINE_TOO_LONG,
      `${column !== undefined ? `from column ${column}, ` : ''}the line is longer than the limit of ${kib(maxChars)} KiB (STATEMENT_MAX_LINE_KIB)`,
      { line },
      { limit: 'STATEMENT_MAX_LINE_KIB', maxKib: kib(maxChars), ...(column !== undefined ? { column } : {}) },
    );
  }

  static tooManyLines(max: number, line: number): StatementLimitError {
    return new StatementLimitError(
      ReconciliationErrorCode.STATEMENT_TOO_MANY_LINES,
      `the file has more than the limit of ${max} lines (STATEMENT_MAX_LINES)`,
      { line },
      { limit: 'STATEMENT_MAX_LINES', max },
    );
  }

  static nestedTooDeep(max: number, line: number, column: number): StatementLimitError {
    return new StatementLimitError(
      ReconciliationErrorCode.STATEMENT_NESTED_TOO_DEEP,
      `column ${column}: elements are nested deeper than the limit of ${max} (STATEMENT_MAX_XML_DEPTH)`,
      { line },
      { limit: 'STATEMENT_MAX_XML_DEPTH', max, column },
    );
  }

  static unzippedTooLarge(maxBytes: number, sizeBytes: number | null): StatementLimitError {
    const size = sizeBytes === null ? 'more' : `${mib(sizeBytes)} MiB`;
    return new StatementLimitError(
      ReconciliationErrorCode.STATEMENT_UNZIPPED_TOO_LARGE,
      `the spreadsheet holds ${size} once unzipped, beyond the limit of ${mib(maxBytes)} MiB (STATEMENT_MAX_UNZIPPED_MIB)`,
      {},
      {
        limit: 'STATEMENT_MAX_UNZIPPED_MIB',
        maxMib: mib(maxBytes),
        ...(sizeBytes === null ? {} : { sizeMib: mib(sizeBytes) }),
      },
    );
  }

  static zipRatio(maxRatio: number, entry: string, ratio: number): StatementLimitError {
    return new StatementLimitError(
      ReconciliationErrorCode.STATEMENT_UNZIPPED_TOO_LARGE,
      `the entry ${entry} is compressed ${ratio} to 1, beyond the limit of ${maxRatio} (STATEMENT_MAX_ZIP_RATIO)`,
      {},
      { limit: 'STATEMENT_MAX_ZIP_RATIO', entry: entry.slice(0, 100), ratio, maxRatio },
    );
  }

  /** `measured`: for memory, whether the worker's heap limit stopped it or the watch on the process's resident memory. */
  static spreadsheetTooCostly(
    limits: StatementLimits,
    which: 'time' | 'memory',
    measured?: 'heap' | 'process',
  ): StatementLimitError {
    const seconds = Math.round(limits.spreadsheetTimeoutMs / 1000);
    return new StatementLimitError(
      ReconciliationErrorCode.STATEMENT_SPREADSHEET_TOO_COSTLY,
      which === 'time'
        ? `reading the spreadsheet took longer than the limit of ${seconds} s (STATEMENT_SPREADSHEET_TIMEOUT_SECONDS)`
        : `reading the spreadsheet needed more than the limit of ${limits.spreadsheetMemoryMib} MiB (STATEMENT_SPREADSHEET_MEMORY_MIB)`,
      {},
      {
        limit: which === 'time' ? 'STATEMENT_SPREADSHEET_TIMEOUT_SECONDS' : 'STATEMENT_SPREADSHEET_MEMORY_MIB',
        seconds,
        memoryMib: limits.spreadsheetMemoryMib,
        ...(measured ? { measured } : {}),
      },
    );
  }
}
