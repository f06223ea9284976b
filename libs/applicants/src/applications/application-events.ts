import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionalEvents } from '@mla/core';
import type { ApplicationStatus } from './application-status';

/** An application changed status (published inside the transaction that moved it). */
export interface ApplicationMoved {
  applicationId: string;
  action: string;
  fromStatus: ApplicationStatus;
  toStatus: ApplicationStatus;
}

/** What happens to applications, for contexts downstream (the guarantee fund releases a guarantee not taken up). */
@Injectable()
export class ApplicationEvents extends TransactionalEvents<EntityManager, ApplicationMoved> {}
