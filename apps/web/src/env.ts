import { type Env, loadConfig } from "@trackwatch/config";

/** The only place the web app reads process.env. */
export function getWebConfig(): Env {
  return loadConfig(process.env);
}
