import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@mla/config';
import { Clock, UnauthenticatedError, isUuid } from '@mla/core';
import { verifySignature } from '../channels/signing';
import { NotificationErrorCode } from '../errors';
import { MessageFailureCode } from '../notification-enums';
import { NotificationMessageRepository } from './message.repository';

export interface DeliveryReceipt {
  /** Our message id, as sent in the request (`outId`). */
  outId?: string;
  /** The gateway's message id (`bizId`). */
  bizId?: string;
  /** DELIVERED, or the gateway's failure status. */
  status: string;
  errorCode?: string;
  reportedAt?: string;
}

/** The gateway's delivery receipts (signed like our requests): a sent message becomes DELIVERED or fails for good. */
@Injectable()
export class DeliveryReceiptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly messages: NotificationMessageRepository,
  ) {}

  /** Checks the signature over the raw body, then records each receipt; returns how many messages changed. */
  async receive(
    headers: Record<string, string | string[] | undefined>,
    path: string,
    rawBody: string,
    receipts: DeliveryReceipt[],
  ): Promise<number> {
    const { NOTIFY_SMS_ACCESS_KEY_ID: keyId, NOTIFY_SMS_ACCESS_KEY_SECRET: secret } = this.config.env;
    if (
      !keyId ||
      !secret ||
      !verifySignature(secret, keyId, headers, 'POST', path, rawBody, this.clock.now().getTime())
    ) {
      throw new UnauthenticatedError(
        NotificationErrorCode.RECEIPT_SIGNATURE_INVALID,
        'receipt signature does not check out',
      );
    }
    let changed = 0;
    await this.dataSource.transaction(async (tx) => {
      for (const r of receipts) {
        const delivered = r.status === 'DELIVERED';
        const key = r.outId && isUuid(r.outId) ? { messageId: r.outId } : { gatewayMessageId: r.bizId };
        if (!key.messageId && !key.gatewayMessageId) continue;
        const at = r.reportedAt && !Number.isNaN(Date.parse(r.reportedAt)) ? new Date(r.reportedAt) : this.clock.now();
        const row = await this.messages.recordReceipt(
          tx,
          key,
          delivered,
          r.status.slice(0, 16),
          at,
          delivered ? null : MessageFailureCode.NOT_DELIVERED,
        );
        if (row) changed += 1;
      }
    });
    return changed;
  }
}
