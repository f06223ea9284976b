import { BankAccount } from './accounts/bank-account.entity';
import { StatementFileChunk } from './imports/statement-file-chunk.entity';
import { StatementImport } from './imports/statement-import.entity';
import { StatementLine } from './imports/statement-line.entity';

export const RECONCILIATION_ENTITIES = [BankAccount, StatementImport, StatementFileChunk, StatementLine];
