import { diffExtractions, extractPolicy } from "@trackwatch/policy";
import type { FixtureSite, PlanContent } from "@trackwatch/testkit";

/** A change the system must record exactly once: document URL, kind and the item's identity key. */
export interface ExpectedChange {
  url: string;
  kind: string;
  key: string | null;
  track: string | null;
}

export function changeIdentity(change: { url: string; kind: string; key: string | null }): string {
  return `${change.url} ${change.kind} ${change.key ?? "-"}`;
}

/**
 * A revision that moves one target and one rule by an amount unique to `round`, so every published
 * version differs from every earlier one (a crawl that missed a version still sees a change).
 */
export function revisePlanForRound(plan: PlanContent, round: number): PlanContent {
  const step = round + 1;
  return {
    ...plan,
    targets: plan.targets.map((target) =>
      target.id === "scale" ? { ...target, value: target.value + 100 * step } : target,
    ),
    rules: plan.rules.map((rule) =>
      rule.id === "project"
        ? { ...rule, sentence: rule.sentence.replace(/最高\d+万元/, `最高${2000 + 100 * step}万元`) }
        : rule,
    ),
  };
}

/** The page as the site serves it now, decoded by its declared charset (some fixture pages are GBK). */
async function fetchPage(url: string): Promise<{ html: string; contentType: string }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  const contentType = response.headers.get("content-type") ?? "text/html";
  const charset = /charset=([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  return { html: new TextDecoder(charset).decode(await response.arrayBuffer()), contentType };
}

/** One published revision: the page before and after, as the site served them. */
export interface PublishedRevision {
  url: string;
  before: { html: string; contentType: string };
  after: { html: string; contentType: string };
}

/** Publishes a revision of fixture document `id`, keeping both versions of its page. */
export async function publishRevision(
  site: FixtureSite,
  id: string,
  round: number,
): Promise<PublishedRevision> {
  const url = site.documentUrl(id);
  const before = await fetchPage(url);
  site.publishRevision(id, { plan: revisePlanForRound(site.document(id).plan, round) });
  return { url, before, after: await fetchPage(url) };
}

/**
 * The changes a revision must produce, derived from the two versions the site served with the pure
 * domain (extract both, diff), not from anything the pipeline stored.
 */
export function expectedChanges(revision: PublishedRevision): ExpectedChange[] {
  const { url } = revision;
  const read = (page: PublishedRevision["before"]) =>
    extractPolicy(page.html, { url, contentType: page.contentType });
  return diffExtractions(read(revision.before), read(revision.after)).map((event) => ({
    url,
    kind: event.kind,
    key: event.key,
    track: event.track,
  }));
}
