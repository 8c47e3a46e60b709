#!/usr/bin/env node
// Runs the CLI from its TypeScript source through tsx, so a fresh `npm ci` needs no build step.
// Deployments that prefer a bundle run `node apps/cli/dist/main.js` after `npm run build`.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
