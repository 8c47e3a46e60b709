import { load } from "cheerio";
import { z } from "zod";
import { assertValidCron } from "./next-run-at.ts";

const cssSelector = z
  .string()
  .trim()
  .min(1)
  .superRefine((selector, ctx) => {
    try {
      load("<p></p>")(selector);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: `invalid CSS selector "${selector}": ${(error as Error).message}`,
      });
    }
  });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "expected an http(s):// URL");

/** A host the crawl may touch: "example.gov.cn", "*.sh.gov.cn" or "127.0.0.1:8080". */
const allowedHost = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/,
    "expected a host name, *.domain or host:port",
  );

export const sourceSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,62}$/,
        "expected lower-case letters, digits and dashes (e.g. sheitc-notices)",
      ),
    name: z.string().trim().min(1),
    issuer: z.string().trim().min(1).optional(),
    list: z.array(httpUrl).min(1, "expected at least one list page URL"),
    links: cssSelector.optional(),
    next: cssSelector.optional(),
    maxPages: z.number().int().min(1).max(1_000).default(5),
    render: z.enum(["static", "browser"]).default("static"),
    schedule: z
      .string()
      .trim()
      .superRefine((schedule, ctx) => {
        try {
          assertValidCron(schedule);
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            message: `invalid cron "${schedule}": ${(error as Error).message}`,
          });
        }
      })
      .default("0 */6 * * *"),
    allow: z.array(allowedHost).min(1, "expected at least one allowed host"),
    /** Minimum time between two requests to one host; the default comes from the crawler config. */
    spacingMs: z.number().int().min(0).max(300_000).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export type Source = z.infer<typeof sourceSchema>;
export type SourceInput = z.input<typeof sourceSchema>;

export const sourcesFileSchema = z.array(sourceSchema);
