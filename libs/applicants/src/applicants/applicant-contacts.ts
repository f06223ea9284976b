import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PiiCipher, maskPersonName } from '@mla/core';

/** How to reach a borrower: decrypted for the one use that needs it (sending a message), never logged. */
export interface ApplicantContact {
  applicantId: string;
  name: string;
  maskedName: string;
  mobile: string;
  mobileIndex: string;
  mobileMasked: string;
  /** The federation officer who registered her (her loan officer). */
  officerUserId: string;
}

/**
 * The applicants context's port for messages to borrowers: names and phones by applicant id, decrypted here (the
 * only place that holds the column's key context), for the notifications context that sends reminders.
 */
@Injectable()
export class ApplicantContactPort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async contactsOf(
    applicantIds: string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ApplicantContact>> {
    const wanted = [...new Set(applicantIds)];
    if (wanted.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT id, name, mobile_ciphertext AS "mobileCiphertext", mobile_index AS "mobileIndex",
              mobile_masked AS "mobileMasked", created_by_user_id AS "officerUserId"
         FROM applicants WHERE id = ANY($1::uuid[])`,
      [wanted],
    )) as {
      id: string;
      name: string;
      mobileCiphertext: string;
      mobileIndex: string;
      mobileMasked: string;
      officerUserId: string;
    }[];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          applicantId: r.id,
          name: r.name,
          maskedName: maskPersonName(r.name),
          mobile: this.cipher.decrypt(r.mobileCiphertext, 'applicants.mobile'),
          mobileIndex: r.mobileIndex,
          mobileMasked: r.mobileMasked,
          officerUserId: r.officerUserId,
        },
      ]),
    );
  }

  /** Masked names by applicant id (lists). */
  async maskedNamesOf(
    applicantIds: string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(applicantIds)];
    if (wanted.length === 0) return new Map();
    const rows = (await tx.query(`SELECT id, name FROM applicants WHERE id = ANY($1::uuid[])`, [wanted])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, maskPersonName(r.name)]));
  }

  /** Which of these ids are applicants in a region under `regionPrefix` (scope checks of opt-outs). */
  async regionOf(applicantId: string, tx: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows = (await tx.query(`SELECT region_code AS "regionCode" FROM applicants WHERE id = $1`, [
      applicantId,
    ])) as {
      regionCode: string;
    }[];
    return rows[0]?.regionCode ?? null;
  }
}
