import type { ValueTransformer } from 'typeorm';

/**
 * pg returns bigint columns as strings (a JS number would lose fen above 2^53); this turns them into bigint
 * and back, so entities hold fen as bigint. Null stays null.
 */
export const BIGINT_FEN: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
