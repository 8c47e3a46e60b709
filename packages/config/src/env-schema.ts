import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const url = (protocols: string[], what: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `expected ${what}`);

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const timeZone = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "expected an IANA time zone such as Asia/Shanghai");

/** Every environment variable Trackwatch reads, with its default. The README's table is checked against it. */
export const envSchema = z.object({
  DATABASE_URL: optional(
    url(["postgres:", "postgresql:"], "a postgres:// URL, or unset for embedded PGlite"),
  ),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  REDIS_URL: url(["redis:", "rediss:"], "a redis:// URL").default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:{}_-]+$/, "expected letters, digits, : _ - and {} (a Redis Cluster hash tag)")
    .default("{trackwatch}"),
  SMTP_URL: optional(url(["smtp:", "smtps:"], "an smtp:// or smtps:// URL, or unset to write .eml files")),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  /** A delivery claimed this long without a result is taken to be abandoned by a dead worker and sent again. */
  DELIVERY_STALE_MS: z.coerce.number().int().min(1_000).default(120_000),
  MAIL_FROM: z.string().trim().min(3).default("Trackwatch <trackwatch@localhost>"),
  ADMIN_EMAIL: optional(z.email("expected an email address")),
  DKIM_DOMAIN: optional(z.string().trim().min(1)),
  DKIM_SELECTOR: optional(z.string().trim().min(1)),
  DKIM_PRIVATE_KEY: optional(z.string().min(1)),
  PUBLIC_URL: url(["http:", "https:"], "an http(s):// URL where the web app is reached").default(
    "http://localhost:3000",
  ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** /metrics of a process without the web app (`trackwatch start crawler|notifier`); unset: none. */
  METRICS_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  ADMIN_TOKEN: optional(z.string().min(16, "expected at least 16 characters")),
  CHROMIUM_PATH: optional(z.string().trim().min(1)),
  TRACKWATCH_SOURCES: optional(z.string().trim().min(1)),
  CONTACT_URL: optional(
    url(["http:", "https:", "mailto:"], "an http(s):// or mailto: URL naming the operator"),
  ),
  CRAWL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  TZ: timeZone.default("Asia/Shanghai"),
});

export type Env = z.infer<typeof envSchema>;
