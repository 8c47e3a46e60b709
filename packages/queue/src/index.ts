export * from "./connection.ts";
export * from "./crawl-queue.ts";
export * from "./digest-queue.ts";
export * from "./email-queue.ts";
export * from "./extract-queue.ts";
export * from "./job-follower.ts";
export * from "./prefix.ts";
export * from "./schedulers.ts";
