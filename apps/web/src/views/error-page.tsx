/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Messages } from "../i18n/messages.ts";

export function ErrorBody(props: { t: Messages; message: string }) {
  return (
    <section class="card">
      <p role="alert">{props.message}</p>
      <p>
        <a href="/">{props.t.back}</a>
      </p>
    </section>
  );
}
