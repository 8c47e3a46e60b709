import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";

/**
 * After the server accepted the messages. From here on a delivery is never sent again. Takes
 * several ids so a busy worker records a burst of sends in one statement (one JSON parameter, so
 * the statement costs the same to build for any number of ids).
 */
export async function markDeliveriesSent(db: Db, input: { ids: string[] }): Promise<void> {
  if (input.ids.length === 0) return;
  await db.execute(sql`
    update deliveries set status = 'sent', sent_at = now(), last_error = null
    where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(input.ids)}::jsonb))
      and status = 'sending'
  `);
}
