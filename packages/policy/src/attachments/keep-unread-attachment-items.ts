import type { Extraction, Rule, Target } from "../types.ts";

/**
 * An attachment that gave no text this time (a scan without a text layer, a file that could not be
 * fetched or read) says nothing about its targets and rules: like a failed fetch, it keeps the
 * previous good state. The previous version's items from those attachments are carried into the
 * new extraction, so the diff reports no removals for them.
 */
export function keepUnreadAttachmentItems(
  previous: Pick<Extraction, "targets" | "rules">,
  next: Extraction,
  unreadUrls: readonly string[],
): Extraction {
  if (unreadUrls.length === 0) return next;
  const unread = new Set(unreadUrls);
  const fromUnread = (item: Target | Rule) => item.attachment != null && unread.has(item.attachment);
  const targetKeys = new Set(next.targets.map((t) => t.key));
  const ruleKeys = new Set(next.rules.map((r) => r.key));
  const targets = previous.targets.filter((t) => fromUnread(t) && !targetKeys.has(t.key));
  const rules = previous.rules.filter((r) => fromUnread(r) && !ruleKeys.has(r.key));
  if (targets.length + rules.length === 0) return next;
  const tracks = new Set(next.tracks);
  for (const item of [...targets, ...rules]) tracks.add(item.track);
  return {
    ...next,
    tracks: [...tracks],
    targets: [...next.targets, ...targets],
    rules: [...next.rules, ...rules],
    warnings: [
      ...next.warnings,
      `kept ${targets.length} targets and ${rules.length} rules from the previous version of unreadable attachments`,
    ],
  };
}
