import type { subscribers } from "../../schema/subscribers.ts";
import type { SubscriberView } from "./subscriber-input.ts";

export function toSubscriberView(row: typeof subscribers.$inferSelect): SubscriberView {
  return {
    id: row.id,
    email: row.email,
    tracks: row.tracks,
    frequency: row.frequency,
    locale: row.locale,
    status: row.status,
  };
}
