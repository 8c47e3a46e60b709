import type { IncomingMessage } from "node:http";
import type { WebDeps } from "./deps.ts";
import type { Locale } from "./i18n/locale.ts";
import type { Messages } from "./i18n/messages.ts";

/** Hono generics for every route: the node request (absent under app.request) and per-request values. */
export interface AppEnv {
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    deps: WebDeps;
    locale: Locale;
    t: Messages;
    /** The double-submit token every form carries as `_csrf`. */
    csrfToken: string;
  };
}
