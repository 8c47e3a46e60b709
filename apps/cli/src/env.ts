import { type Env, loadConfig } from "@trackwatch/config";

/** The only place the CLI reads process.env; parsed once, on first use. */
let cached: Env | undefined;
export function getConfig(): Env {
  cached ??= loadConfig(process.env);
  return cached;
}
