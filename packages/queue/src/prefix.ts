import type { Env } from "@trackwatch/config";

/** Default prefix: a hash tag, so every key of every queue lands in one Redis Cluster slot. */
export const DEFAULT_QUEUE_PREFIX = "{trackwatch}";

export function queuePrefix(config: Pick<Env, "QUEUE_PREFIX">): string {
  return config.QUEUE_PREFIX || DEFAULT_QUEUE_PREFIX;
}
