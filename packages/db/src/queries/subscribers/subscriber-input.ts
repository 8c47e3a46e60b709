import { z } from "zod";
import { FREQUENCIES, LOCALES } from "../../schema/subscribers.ts";

/** RFC 5321: 254 octets for a whole path, 64 for the local part. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;
const MAX_TRACKS = 50;

// Deliberately narrower than RFC 5322: no quoted local parts, no comments, no IP literals.
// Mail to such addresses is rare, and every accepted character ends up in a To: header.
const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$/;

/**
 * One bare address, as typed into the subscribe form. Each refusal says what is wrong, so the form
 * can show it next to the field. CR/LF is checked before anything is trimmed: a value carrying a
 * line break is an injection attempt, not a typo.
 */
export const subscriberEmailSchema = z
  .string({ error: "enter an email address" })
  .refine((v) => !/[\r\n]/.test(v), "the address must be on one line (line breaks are not allowed)")
  .transform((v) => v.trim())
  .refine((v) => v.length > 0, "enter an email address")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "the address contains control characters")
  .refine(
    (v) => v.length <= EMAIL_MAX_LENGTH,
    `the address is too long (at most ${EMAIL_MAX_LENGTH} characters)`,
  )
  .refine((v) => !/[,;]/.test(v) && (v.match(/@/g)?.length ?? 0) <= 1, "enter a single address")
  .refine((v) => !/[<>"()\s]/.test(v), "enter just the address (name@example.org), without a name")
  .refine((v) => {
    const at = v.lastIndexOf("@");
    if (at <= 0 || at === v.length - 1) return false;
    const local = v.slice(0, at);
    const domain = v.slice(at + 1);
    return (
      local.length <= LOCAL_PART_MAX_LENGTH &&
      LOCAL_PART.test(local) &&
      !local.startsWith(".") &&
      !local.endsWith(".") &&
      !local.includes("..") &&
      DOMAIN.test(domain)
    );
  }, "that does not look like an email address (name@example.org)");

const trackSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "unknown track id");

/** Tracks to follow; an empty list means every track, including ones added later. */
export const tracksSchema = z
  .array(trackSchema)
  .max(MAX_TRACKS, `at most ${MAX_TRACKS} tracks`)
  .transform((tracks) => [...new Set(tracks)].sort());

export const preferencesSchema = z.object({
  tracks: tracksSchema.default([]),
  frequency: z.enum(FREQUENCIES, { error: "frequency must be immediate, daily or weekly" }).default("daily"),
  locale: z.enum(LOCALES, { error: "language must be zh or en" }).default("zh"),
});
export type Preferences = z.infer<typeof preferencesSchema>;
export type PreferencesInput = z.input<typeof preferencesSchema>;

export const subscribeInputSchema = preferencesSchema.extend({ email: subscriberEmailSchema });
export type SubscribeInput = z.input<typeof subscribeInputSchema>;

/** What the web app shows about a subscriber; never the token hashes. */
export interface SubscriberView {
  id: string;
  email: string;
  tracks: string[];
  frequency: Preferences["frequency"];
  locale: Preferences["locale"];
  status: "pending" | "active" | "unsubscribed" | "expired";
}
