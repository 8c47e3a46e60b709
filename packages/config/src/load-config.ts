import type { z } from "zod";
import { type Env, envSchema } from "./env-schema.ts";

/** Thrown when the environment is invalid; the message names each variable and what it expects. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const name = issue.path.join(".") || "(environment)";
      return `${name}: ${issue.message}`;
    })
    .join("; ");
}

/**
 * Parses the environment once at start. Callers pass `process.env` from their `env.ts`;
 * nothing else reads it.
 */
export function loadConfig(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new ConfigError(`invalid configuration: ${formatIssues(result.error.issues)}`);
  return Object.freeze(result.data);
}
