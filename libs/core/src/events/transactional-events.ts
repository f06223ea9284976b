/** A listener runs inside the publisher's transaction: what it writes commits or rolls back with the change. */
export type TransactionalListener<Tx, E> = (tx: Tx, event: E) => Promise<void>;

/**
 * Domain events delivered synchronously inside the transaction that caused them. A context publishes what
 * happened to its aggregates; a downstream context subscribes (at module start) without the publisher knowing it,
 * so the dependency between the two stays one-way. A listener that throws rolls the whole change back.
 */
export class TransactionalEvents<Tx, E> {
  private readonly listeners: TransactionalListener<Tx, E>[] = [];

  subscribe(listener: TransactionalListener<Tx, E>): void {
    this.listeners.push(listener);
  }

  get subscriberCount(): number {
    return this.listeners.length;
  }

  async publish(tx: Tx, event: E): Promise<void> {
    for (const listener of this.listeners) await listener(tx, event);
  }
}
