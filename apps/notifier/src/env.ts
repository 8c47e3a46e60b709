import { type Env, loadConfig } from "@trackwatch/config";

/** The only place the notifier reads process.env. */
export function getNotifierConfig(source: Record<string, string | undefined> = process.env): Env {
  return loadConfig(source);
}
