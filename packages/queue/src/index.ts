export * from "./connection.ts";
export * from "./crawl-queue.ts";
export * from "./extract-queue.ts";
export * from "./prefix.ts";
export * from "./schedulers.ts";
export * from "./digest-queue.ts";
export * from "./email-queue.ts";
