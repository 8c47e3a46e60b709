import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import {
  confirmSubscription,
  findSubscriberByEmail,
  issueSubscriberToken,
  listChanges,
  listCurrentTargets,
  subscribe,
} from "@trackwatch/db";
import {
  CRAWL_QUEUE,
  connectRedis,
  createCrawlQueue,
  createExtractQueue,
  createJobFollower,
  createRedis,
  enqueueRecrawl,
  queuePrefix,
} from "@trackwatch/queue";
import { SEED_DOCUMENT_IDS, startFixtureSite } from "@trackwatch/testkit";
import { stringify } from "yaml";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";
import { startServices } from "../start/start-services.ts";

const USAGE = `
usage: trackwatch demo

Shows the whole system on this machine in about a minute: starts a fixture "official site" on a
free loopback port, runs Trackwatch on it (its own database under DATA_DIR/demo, mail to
DATA_DIR/demo/outbox, queues under their own Redis prefix), subscribes demo@example.org, crawls,
then publishes the site's revision of the Metaverse plan (the end-of-June implementation rules)
and recrawls. It prints what to open, and keeps running until Ctrl-C. Needs Redis.
`;

const DEMO_SUBSCRIBER = "demo@example.org";

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export const demoCommand: Command = {
  usage: USAGE,
  async run(argv) {
    if (argv.length > 0) throw new UsageError(`unexpected argument '${argv[0]}'`);
    const base = getConfig();
    const dataDir = resolve(base.DATA_DIR, "demo");
    // The demo's data is disposable: every run starts from an empty database and outbox.
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    const config = {
      ...base,
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      SMTP_URL: undefined,
      QUEUE_PREFIX: "{trackwatch-demo}",
    };

    const site = await startFixtureSite({ seed: true });
    const { municipal, commission } = site.sources();
    const sourcesFile = join(dataDir, "sources.yaml");
    await writeFile(sourcesFile, stringify([municipal, commission]));
    say(`fixture official site: ${site.origin}`);

    const services = await startServices(
      { ...config, PUBLIC_URL: base.PUBLIC_URL },
      ["web", "crawler", "notifier"],
      {
        sourcesFile,
      },
    );
    const webUrl = services.url ?? base.PUBLIC_URL;
    const prefix = queuePrefix(config);
    const producer = await connectRedis(config.REDIS_URL, { role: "producer" });
    const crawlQueue = createCrawlQueue(producer, prefix);
    const extractQueue = createExtractQueue(producer, prefix);
    const follower = await createJobFollower(CRAWL_QUEUE, {
      connection: createRedis(config.REDIS_URL, { role: "worker" }),
      prefix,
    });

    const crawlAll = async (label: string) => {
      for (const source of [municipal, commission]) {
        const { jobId } = await enqueueRecrawl(crawlQueue, { sourceId: source.id, requestedBy: "demo" });
        await follower.wait(jobId, { timeoutMs: 120_000 });
      }
      // Extraction runs on its own queue after the crawl hands over the snapshots.
      for (let i = 0; i < 240; i++) {
        const counts = await extractQueue.getJobCounts("waiting", "active", "delayed", "prioritized");
        if (Object.values(counts).every((n) => n === 0)) break;
        await delay(250);
      }
      say(label);
    };

    try {
      // The demo confirms its own subscriber; a visitor would follow the link in the confirmation mail.
      const preferences = { tracks: [] as string[], frequency: "immediate" as const, locale: "en" as const };
      await subscribe(services.db, { email: DEMO_SUBSCRIBER, ...preferences });
      const subscriber = await findSubscriberByEmail(services.db, DEMO_SUBSCRIBER);
      if (subscriber) {
        const token = await issueSubscriberToken(services.db, {
          subscriberId: subscriber.id,
          scope: "confirm",
          data: preferences,
        });
        await confirmSubscription(services.db, { token });
      }
      say(`subscribed and confirmed ${DEMO_SUBSCRIBER} (immediate digests, all tracks)`);

      await crawlAll("first crawl done");
      const targets = await listCurrentTargets(services.db, {});
      say(`  ${targets.length} current targets extracted`);

      const revisedAt = new Date();
      site.publishRevision(SEED_DOCUMENT_IDS.metaversePlan);
      say("the site published a revision of the Metaverse plan; recrawling");
      await crawlAll("second crawl done");
      const page = await listChanges(services.db, { from: revisedAt });
      say(`  ${page.changes.length} changes from the revision in the change log:`);
      for (const change of page.changes) say(`    ${change.kind} ${change.key ?? ""}`);

      const outbox = join(dataDir, "outbox");
      say("waiting for the immediate digest (debounced, under a minute)...");
      let digest: string | undefined;
      for (let i = 0; i < 90 && !digest; i++) {
        for (const file of await readdir(outbox).catch(() => [] as string[])) {
          const head = await readFile(join(outbox, file), "utf8").then((text) => text.slice(0, 4096));
          if (/^List-Unsubscribe-Post:/im.test(head)) digest = file;
        }
        if (!digest) await delay(1_000);
      }

      say("");
      say("Open:");
      say(`  ${webUrl}/                 overview: current targets per track`);
      say(`  ${webUrl}/changes          the change log (also /changes.atom and /api/changes)`);
      say(`  ${outbox}  the digest mail${digest ? `: ${digest}` : " (not written yet)"}`);
      say("Ctrl-C stops the demo.");
    } finally {
      await follower.close();
      await Promise.allSettled([crawlQueue.close(), extractQueue.close()]);
      producer.disconnect();
    }

    return await new Promise<number>((done) => {
      const stop = () => {
        process.stdout.write("stopping the demo\n");
        void services.close({ timeoutMs: 5_000 }).finally(() => site.close().finally(() => done(0)));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  },
};
