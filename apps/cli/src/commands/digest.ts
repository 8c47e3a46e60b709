import { createDb } from "@trackwatch/db";
import { DIGEST_PREVIEW, type RenderedMail, renderDigest } from "@trackwatch/mail";
import { previewDigests } from "@trackwatch/notifier";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";

const USAGE = `
usage: trackwatch digest --preview EMAIL [--html]
       trackwatch digest --frequency immediate|daily|weekly [--limit N] [--html]
       trackwatch digest --sample [--locale zh|en] [--html]

Renders the digest that would be sent next, without sending, recording or changing anything:
the changes after the subscriber's last digest, in the tracks they follow, in their language.
Links carry placeholder tokens. Prints the plain-text part, or the HTML with --html.

  --preview EMAIL     one subscriber (any case)
  --frequency F       every active subscriber of that frequency with something to say (first N)
  --limit N           with --frequency, at most N subscribers (default 20)
  --sample            the built-in example (Shanghai's Metaverse plan revised); needs no database
  --locale L          with --sample, zh (default) or en
  --html              print the HTML part instead of the text
`;

const FREQUENCIES = ["immediate", "daily", "weekly"] as const;
type Frequency = (typeof FREQUENCIES)[number];

function print(email: string | null, mail: RenderedMail, html: boolean) {
  const head = [email ? `To: ${email}` : null, `Subject: ${mail.subject}`].filter(Boolean).join("\n");
  process.stdout.write(`${head}\n\n${html ? mail.html : mail.text}\n`);
}

export const digestCommand: Command = {
  usage: USAGE,
  async run(argv) {
    let email: string | undefined;
    let frequency: Frequency | undefined;
    let limit = 20;
    let html = false;
    let sample = false;
    let locale: "zh" | "en" = "zh";
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      const value = () => {
        const v = argv[++i];
        if (!v || v.startsWith("--")) throw new UsageError(`${arg} needs a value`);
        return v;
      };
      if (arg === "--preview") email = value();
      else if (arg === "--frequency") {
        const v = value();
        if (!FREQUENCIES.includes(v as Frequency))
          throw new UsageError("--frequency is immediate, daily or weekly");
        frequency = v as Frequency;
      } else if (arg === "--limit") {
        limit = Number(value());
        if (!Number.isInteger(limit) || limit < 1)
          throw new UsageError("--limit needs a positive whole number");
      } else if (arg === "--html") html = true;
      else if (arg === "--sample") sample = true;
      else if (arg === "--locale") {
        const v = value();
        if (v !== "zh" && v !== "en") throw new UsageError("--locale is zh or en");
        locale = v;
      } else throw new UsageError(`unexpected argument '${arg}'`);
    }
    if ([email, frequency, sample || undefined].filter(Boolean).length !== 1) {
      throw new UsageError("give one of --preview EMAIL, --frequency F or --sample");
    }
    if (sample) {
      print(null, renderDigest({ ...DIGEST_PREVIEW, locale }), html);
      return 0;
    }

    const config = getConfig();
    const database = await createDb(config);
    try {
      const previews = await previewDigests(database.db, {
        email,
        frequency,
        limit,
        publicUrl: config.PUBLIC_URL,
      });
      if (previews.length === 0) {
        process.stdout.write(
          email
            ? `nothing to send to ${email}: no new changes in the tracks it follows\n`
            : `nothing to send: no ${frequency} subscriber has new changes\n`,
        );
        return 0;
      }
      for (const preview of previews) print(preview.email, preview.mail, html);
      return 0;
    } finally {
      await database.close();
    }
  },
};
