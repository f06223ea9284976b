import { AsyncLocalStorage } from 'node:async_hooks';

/** Who did something, as the audit log and the logs name them. */
export interface ActorRef {
  userId: string | null;
  username: string | null;
  organisationId: string | null;
}

export interface RequestContextData {
  requestId: string;
  ip?: string | null;
  actor?: ActorRef;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/**
 * The ambient request id (and, once authenticated, the actor) of the work in progress: set per HTTP request
 * and per queued job, read by the logger and the audit log so every line and row carries it.
 */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  setActor(actor: ActorRef): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};

/** The actor for work nobody triggered by hand (schedulers, migrations, the CLI without a user). */
export const SYSTEM_ACTOR: ActorRef = { userId: null, username: 'system', organisationId: null };
