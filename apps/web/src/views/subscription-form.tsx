/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Locale } from "../i18n/locale.ts";
import { type Messages, trackName } from "../i18n/messages.ts";
import { CsrfField } from "./layout.tsx";

export const FREQUENCY_CHOICES = ["immediate", "daily", "weekly"] as const;

export interface SubscriptionFormValues {
  email?: string;
  tracks: string[];
  frequency: string;
  locale: string;
}

export type FieldErrors = Partial<Record<"email" | "tracks" | "frequency" | "locale" | "form", string>>;

function FieldError(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <p class="error" id={props.id}>
      {props.message}
    </p>
  ) : null;
}

/** The subscribe form and the preferences form: same fields, errors beside each. */
export function SubscriptionForm(props: {
  t: Messages;
  locale: Locale;
  action: string;
  csrfToken: string;
  /** Tracks to offer (the built-in ones and any the change log has seen). */
  tracks: string[];
  values: SubscriptionFormValues;
  errors: FieldErrors;
  withEmail: boolean;
  submitLabel: string;
}) {
  const { t, values, errors } = props;
  const tracks = [...new Set([...props.tracks, ...values.tracks])];
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      {errors.form ? (
        <p class="alert" role="alert">
          {errors.form}
        </p>
      ) : null}
      {props.withEmail ? (
        <div class="field">
          <label for="email">{t.email}</label>
          <input
            type="email"
            id="email"
            name="email"
            autocomplete="email"
            required
            maxlength={254}
            value={values.email ?? ""}
            aria-invalid={errors.email ? "true" : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
          />
          <FieldError id="email-error" message={errors.email} />
        </div>
      ) : null}
      <fieldset aria-describedby={errors.tracks ? "tracks-error tracks-hint" : "tracks-hint"}>
        <legend>{t.tracks}</legend>
        <p class="muted" id="tracks-hint">
          {t.tracksHint}
        </p>
        {tracks.map((track) => (
          <label>
            <input type="checkbox" name="tracks" value={track} checked={values.tracks.includes(track)} />{" "}
            {trackName(track, props.locale)}
          </label>
        ))}
        <FieldError id="tracks-error" message={errors.tracks} />
      </fieldset>
      <fieldset aria-describedby={errors.frequency ? "frequency-error" : undefined}>
        <legend>{t.frequency}</legend>
        {FREQUENCY_CHOICES.map((frequency) => (
          <label>
            <input type="radio" name="frequency" value={frequency} checked={values.frequency === frequency} />{" "}
            {t[`freq_${frequency}`]}
          </label>
        ))}
        <FieldError id="frequency-error" message={errors.frequency} />
      </fieldset>
      <div class="field">
        <label for="locale">{t.language}</label>
        <select
          id="locale"
          name="locale"
          aria-invalid={errors.locale ? "true" : undefined}
          aria-describedby={errors.locale ? "locale-error" : undefined}
        >
          <option value="zh" selected={values.locale === "zh"}>
            中文
          </option>
          <option value="en" selected={values.locale === "en"}>
            English
          </option>
        </select>
        <FieldError id="locale-error" message={errors.locale} />
      </div>
      <button type="submit">{props.submitLabel}</button>
    </form>
  );
}
