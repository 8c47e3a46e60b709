import { type Env, loadConfig } from "@trackwatch/config";

/** The only place the crawler reads process.env. */
export function getCrawlerConfig(): Env {
  return loadConfig(process.env);
}
