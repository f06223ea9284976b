import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PiiCipher } from '@mla/core';
import { USER_PHONE_CONTEXT } from './user.service';

/** A user's work mobile, decrypted for sending, with the hash messages are capped by and the masked form. */
export interface UserContact {
  userId: string;
  displayName: string;
  phone: string;
  phoneIndex: string;
  phoneMasked: string;
}

/**
 * The auth context's port for messages to officers: active users' work mobiles by id (users without one are left
 * out), decrypted here and nowhere else.
 */
@Injectable()
export class UserContactPort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async contactsOf(userIds: string[], tx: EntityManager = this.dataSource.manager): Promise<Map<string, UserContact>> {
    const wanted = [...new Set(userIds)];
    if (wanted.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT id, display_name AS "displayName", phone_ciphertext AS "ciphertext", phone_masked AS "masked"
         FROM users WHERE id = ANY($1::uuid[]) AND phone_ciphertext IS NOT NULL AND status = 'ACTIVE'`,
      [wanted],
    )) as { id: string; displayName: string; ciphertext: string; masked: string }[];
    return new Map(
      rows.map((r) => {
        const phone = this.cipher.decrypt(r.ciphertext, USER_PHONE_CONTEXT);
        return [
          r.id,
          {
            userId: r.id,
            displayName: r.displayName,
            phone,
            phoneIndex: this.cipher.blindIndex(phone, 'mobile'),
            phoneMasked: r.masked,
          },
        ];
      }),
    );
  }
}
