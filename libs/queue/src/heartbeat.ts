/** Redis key where the worker records when it last ran its heartbeat job. */
export function heartbeatKey(prefix: string): string {
  return `${prefix}:worker:heartbeat`;
}
