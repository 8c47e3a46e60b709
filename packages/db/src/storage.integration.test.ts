import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgErrorCode, RESTRICT_VIOLATION, UNIQUE_VIOLATION } from "../test/pg-error-code.ts";
import type { Database } from "./create-db.ts";
import type { Db } from "./db-type.ts";
import { migrate } from "./migrate.ts";
import { changes, deliveries, documents, snapshots, sources, subscribers } from "./schema/index.ts";
import {
  createTestDb,
  ENGINES,
  makeChange,
  makeDelivery,
  makeDocument,
  makeSnapshot,
  makeSource,
  makeSubscriber,
  sha256,
} from "./testing/index.ts";

describe.each(ENGINES)("storage on %s", (kind) => {
  let handle: Database;
  let db: Db;

  beforeAll(async () => {
    handle = await createTestDb(kind);
    db = handle.db;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("migrating an up-to-date database again changes nothing", async () => {
    await migrate(db);
    const [row] = await db.select({ n: count() }).from(documents);
    expect(row?.n).toBe(0);
  });

  it("keeps one document per URL", async () => {
    const document = await makeDocument(db);
    expect(
      await pgErrorCode(db.insert(documents).values({ sourceId: document.sourceId, url: document.url })),
    ).toBe(UNIQUE_VIOLATION);
    const rows = await db.select().from(documents).where(eq(documents.url, document.url));
    expect(rows.map((r) => r.id)).toEqual([document.id]);
  });

  it("stores the same bytes of a document once (content-addressed snapshots)", async () => {
    const document = await makeDocument(db);
    const body = "<p>到2025年，元宇宙相关产业规模达到3500亿元</p>";
    const first = await makeSnapshot(db, { documentId: document.id, body });
    expect(first.sha256).toBe(sha256(body));

    // What a crawler does on a re-fetch of identical bytes: insert-or-find by (document, sha256).
    const again = await db
      .insert(snapshots)
      .values({ documentId: document.id, sha256: sha256(body), httpStatus: 200, byteSize: 1, body })
      .onConflictDoNothing({ target: [snapshots.documentId, snapshots.sha256] })
      .returning();
    expect(again).toEqual([]);
    expect(await pgErrorCode(makeSnapshot(db, { documentId: document.id, body }))).toBe(UNIQUE_VIOLATION);

    // Different bytes are a new version; the same bytes under another document are that document's.
    await makeSnapshot(db, { documentId: document.id, body: `${body}<p>4000亿元</p>` });
    const other = await makeDocument(db, { sourceId: document.sourceId });
    await makeSnapshot(db, { documentId: other.id, body });

    const [mine] = await db
      .select({ n: count() })
      .from(snapshots)
      .where(eq(snapshots.documentId, document.id));
    expect(mine?.n).toBe(2);
    const [same] = await db
      .select({ n: count() })
      .from(snapshots)
      .where(and(eq(snapshots.documentId, document.id), eq(snapshots.sha256, sha256(body))));
    expect(same?.n).toBe(1);
  });

  describe("change log", () => {
    it("refuses UPDATE, DELETE and TRUNCATE of a change", async () => {
      const change = await makeChange(db);
      expect(
        await pgErrorCode(db.update(changes).set({ metric: "edited" }).where(eq(changes.id, change.id))),
      ).toBe(RESTRICT_VIOLATION);
      expect(await pgErrorCode(db.delete(changes).where(eq(changes.id, change.id)))).toBe(RESTRICT_VIOLATION);
      expect(await pgErrorCode(db.execute(sql`truncate table changes cascade`))).toBe(RESTRICT_VIOLATION);

      const [stored] = await db.select().from(changes).where(eq(changes.id, change.id));
      expect(stored).toEqual(change);
    });

    it("refuses a second change with the same dedup key", async () => {
      const change = await makeChange(db);
      expect(
        await pgErrorCode(
          makeChange(db, {
            dedupKey: change.dedupKey,
            documentId: change.documentId,
            sourceId: change.sourceId,
          }),
        ),
      ).toBe(UNIQUE_VIOLATION);
      const rows = await db.select().from(changes).where(eq(changes.dedupKey, change.dedupKey));
      expect(rows).toHaveLength(1);
    });

    it("still accepts new changes after a refused one", async () => {
      const change = await makeChange(db);
      await pgErrorCode(db.delete(changes).where(eq(changes.id, change.id)));
      const next = await makeChange(db, { documentId: change.documentId, sourceId: change.sourceId });
      expect(next.id).toBeGreaterThan(change.id);
    });
  });

  it("treats subscriber emails as unique regardless of case", async () => {
    const subscriber = await makeSubscriber(db, { email: `Reader.${Date.now()}@Example.TEST` });
    expect(await pgErrorCode(makeSubscriber(db, { email: subscriber.email.toLowerCase() }))).toBe(
      UNIQUE_VIOLATION,
    );
    expect(await pgErrorCode(makeSubscriber(db, { email: subscriber.email.toUpperCase() }))).toBe(
      UNIQUE_VIOLATION,
    );
    const found = await db
      .select()
      .from(subscribers)
      .where(eq(sql`lower(${subscribers.email})`, subscriber.email.toLowerCase()));
    expect(found.map((s) => s.id)).toEqual([subscriber.id]);
  });

  it("keeps one delivery per subscriber and digest window", async () => {
    const delivery = await makeDelivery(db, { windowKey: "daily:2026-11-28" });
    expect(
      await pgErrorCode(
        makeDelivery(db, {
          subscriberId: delivery.subscriberId,
          recipient: delivery.recipient,
          windowKey: delivery.windowKey,
        }),
      ),
    ).toBe(UNIQUE_VIOLATION);
    // Another window for the same subscriber, and the same window for someone else, are fine.
    await makeDelivery(db, {
      subscriberId: delivery.subscriberId,
      recipient: delivery.recipient,
      windowKey: "daily:2026-11-29",
    });
    await makeDelivery(db, { windowKey: delivery.windowKey });
    const rows = await db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.subscriberId, delivery.subscriberId!),
          eq(deliveries.windowKey, delivery.windowKey),
        ),
      );
    expect(rows).toHaveLength(1);
  });

  it("rolls back everything a query function did inside a failed transaction", async () => {
    const id = `tx-${kind}-${Date.now()}`;
    // Factories take Db; passing the transaction in its place is what query callers do.
    const attempt = db.transaction(async (tx) => {
      await makeSource(tx, { id });
      await makeDocument(tx, { sourceId: id });
      throw new Error("abort");
    });
    await expect(attempt).rejects.toThrow("abort");
    expect(await db.select().from(sources).where(eq(sources.id, id))).toEqual([]);
  });
});
