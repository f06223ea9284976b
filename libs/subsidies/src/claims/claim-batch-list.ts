import { In, type EntityManager } from 'typeorm';
import { Organisation, Region } from '@mla/auth';
import type { SubsidyClaimBatch } from './subsidy-claim-batch.entity';

/** A batch as lists show it: the bank's and the jurisdiction's names beside their ids. */
export type ClaimBatchListItem = SubsidyClaimBatch & { bankName: string; regionName: string };

/** The names of the batches' banks and jurisdictions, read in two queries for the whole page. */
export async function withNames(tx: EntityManager, batches: SubsidyClaimBatch[]): Promise<ClaimBatchListItem[]> {
  if (batches.length === 0) return [];
  const bankIds = [...new Set(batches.map((b) => b.bankOrganisationId))];
  const regionCodes = [...new Set(batches.map((b) => b.regionCode))];
  const [banks, regions] = await Promise.all([
    tx.findBy(Organisation, { id: In(bankIds) }),
    tx.findBy(Region, { code: In(regionCodes) }),
  ]);
  const bankName = new Map(banks.map((b) => [b.id, b.name]));
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  return batches.map((b) => ({
    ...b,
    bankName: bankName.get(b.bankOrganisationId) ?? '',
    regionName: regionName.get(b.regionCode) ?? '',
  }));
}
