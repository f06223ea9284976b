import { Injectable } from '@nestjs/common';
import {
  BadInputError,
  PiiCipher,
  maskBankAccount,
  maskMobile,
  maskResidentId,
  normalizeBankAccount,
  normalizeMobile,
  parseResidentId,
} from '@mla/core';
import { ApplicantErrorCode } from '../errors';
import type { Applicant } from './applicant.entity';
import { PiiField } from './applicant-enums';

/** Column contexts bind each ciphertext to its column (a value copied elsewhere will not decrypt). */
const CONTEXT: Record<PiiField, string> = {
  [PiiField.ID_NUMBER]: 'applicants.id_number',
  [PiiField.MOBILE]: 'applicants.mobile',
  [PiiField.SPOUSE_ID_NUMBER]: 'applicants.spouse_id_number',
  [PiiField.BANK_ACCOUNT]: 'applicants.bank_account',
};

/** The one place that turns personal data into stored columns and back. */
@Injectable()
export class ApplicantPii {
  constructor(private readonly cipher: PiiCipher) {}

  /** The keyed hash any person's ID number is looked up by (applicants and spouses share it). */
  idIndex(normalizedId: string): string {
    return this.cipher.blindIndex(normalizedId, 'resident-id');
  }

  mobileIndex(normalizedMobile: string): string {
    return this.cipher.blindIndex(normalizedMobile, 'mobile');
  }

  idNumberColumns(raw: string, field: 'idNumber' | 'spouseIdNumber') {
    const info = parseResidentId(raw);
    const ctx = field === 'idNumber' ? CONTEXT[PiiField.ID_NUMBER] : CONTEXT[PiiField.SPOUSE_ID_NUMBER];
    return {
      info,
      ciphertext: this.cipher.encrypt(info.normalized, ctx),
      index: this.idIndex(info.normalized),
      masked: maskResidentId(info.normalized),
    };
  }

  mobileColumns(raw: string) {
    const normalized = normalizeMobile(raw);
    return {
      ciphertext: this.cipher.encrypt(normalized, CONTEXT[PiiField.MOBILE]),
      index: this.mobileIndex(normalized),
      masked: maskMobile(normalized),
    };
  }

  bankAccountColumns(raw: string) {
    const normalized = normalizeBankAccount(raw);
    return {
      ciphertext: this.cipher.encrypt(normalized, CONTEXT[PiiField.BANK_ACCOUNT]),
      masked: maskBankAccount(normalized),
    };
  }

  reveal(applicant: Applicant, field: PiiField): string {
    const stored = {
      [PiiField.ID_NUMBER]: applicant.idNumberCiphertext,
      [PiiField.MOBILE]: applicant.mobileCiphertext,
      [PiiField.SPOUSE_ID_NUMBER]: applicant.spouseIdNumberCiphertext,
      [PiiField.BANK_ACCOUNT]: applicant.bankAccountCiphertext,
    }[field];
    if (!stored)
      throw new BadInputError(ApplicantErrorCode.NO_SUCH_VALUE, `${field} is not recorded for this applicant`, {
        field,
      });
    return this.cipher.decrypt(stored, CONTEXT[field]);
  }
}
