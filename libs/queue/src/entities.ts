import { OutboxMessage } from './outbox/outbox-message.entity';

export const QUEUE_ENTITIES = [OutboxMessage];
