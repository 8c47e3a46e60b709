export { type Env, envSchema } from "./env-schema.ts";
export { ConfigError, formatIssues, loadConfig } from "./load-config.ts";
