export { createWebApp } from "./app.tsx";
export type { WebDeps, WebLog, WebSource } from "./deps.ts";
export { type RunningWeb, startWeb } from "./start-web.ts";
