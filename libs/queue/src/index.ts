export * from './errors';
export * from './queue-names';
export * from './redis';
export * from './entities';
export * from './outbox/outbox-message.entity';
export * from './outbox/outbox.repository';
export * from './redis.module';
export * from './heartbeat';
