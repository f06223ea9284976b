import { Injectable } from '@nestjs/common';
import { PiiCipher } from '@mla/core';
import type { TemplateValues } from '../templates/render';

/** What a message carries that is personal: the phone and the template's values. Stored encrypted only. */
export interface Envelope {
  phone: string;
  values: TemplateValues;
}

const CONTEXT = 'notification_messages.envelope';

@Injectable()
export class EnvelopeCipher {
  constructor(private readonly cipher: PiiCipher) {}

  seal(envelope: Envelope): string {
    return this.cipher.encrypt(JSON.stringify(envelope), CONTEXT);
  }

  open(ciphertext: string): Envelope {
    return JSON.parse(this.cipher.decrypt(ciphertext, CONTEXT)) as Envelope;
  }
}
