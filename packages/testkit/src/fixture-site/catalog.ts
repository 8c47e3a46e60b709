import { createHash } from "node:crypto";
import {
  buildPlan,
  createRandom,
  FIXTURE_TRACKS,
  type FixtureTrack,
  type PlanContent,
  revisePlan,
  TRACK_NAMES,
} from "./plan.ts";

export type FixtureSiteStyle = "municipal" | "commission";

/** A PDF or DOCX served beside a document and linked from its page (附件). */
export interface FixtureAttachment {
  fileName: string;
  path: string;
  contentType: string;
  body: Buffer;
  modifiedAt: Date;
}

export interface FixtureDocument {
  id: string;
  site: FixtureSiteStyle;
  path: string;
  title: string;
  docNumber: string | null;
  issuer: string;
  publishedAt: string;
  writtenAt: string;
  revisedAt: string | null;
  encoding: "utf-8" | "gbk";
  format: "html" | "text";
  plan: PlanContent;
  /** The plan before the latest revision, served by the `flip` fault. */
  previousPlan: PlanContent | null;
  version: number;
  modifiedAt: Date;
  /** Insertion order, used to break ties between documents published the same day. */
  seq: number;
  /** Set when it is a revision published at a new URL. */
  revisionOf: string | null;
  attachments: FixtureAttachment[];
}

const MUNICIPAL_ISSUER = "上海市人民政府办公厅";
const COMMISSION_ISSUER = "上海市经济和信息化委员会";

function hex32(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 32);
}

function pathFor(site: FixtureSiteStyle, publishedAt: string, id: string, format: "html" | "text"): string {
  const folder = site === "municipal" ? "nw12344" : "tzgg";
  return `/${folder}/${publishedAt.replaceAll("-", "")}/${hex32(id)}.${format === "text" ? "txt" : "html"}`;
}

export interface NewDocumentInput {
  id: string;
  site: FixtureSiteStyle;
  title: string;
  track: FixtureTrack;
  publishedAt: string;
  docNumber?: string | null;
  issuer?: string;
  encoding?: "utf-8" | "gbk";
  format?: "html" | "text";
  plan?: PlanContent;
  deadline?: number;
  revisionOf?: string | null;
}

/** The documents a fixture site serves and every mutation tests make to them. */
export class FixtureCatalog {
  readonly documents = new Map<string, FixtureDocument>();
  private readonly byPath = new Map<string, FixtureDocument>();
  private readonly attachmentsByPath = new Map<string, FixtureAttachment>();
  private readonly removedPaths = new Map<string, 404 | 410>();
  private seq = 0;
  private generated = 0;
  /** Bumped on every change so list pages get new validators. */
  lastChange: Date;

  constructor(private readonly now: () => Date) {
    this.lastChange = new Date(0);
  }

  add(input: NewDocumentInput): FixtureDocument {
    if (this.documents.has(input.id)) throw new Error(`fixture document ${input.id} already exists`);
    const format = input.format ?? "html";
    const doc: FixtureDocument = {
      id: input.id,
      site: input.site,
      path: pathFor(input.site, input.publishedAt, input.id, format),
      title: input.title,
      docNumber: input.docNumber ?? null,
      issuer: input.issuer ?? (input.site === "municipal" ? MUNICIPAL_ISSUER : COMMISSION_ISSUER),
      publishedAt: input.publishedAt,
      writtenAt: shiftDate(input.publishedAt, -14),
      revisedAt: null,
      encoding: input.encoding ?? "utf-8",
      format,
      plan: input.plan ?? buildPlan(input.track, { deadline: input.deadline ?? 2025 }),
      previousPlan: null,
      version: 1,
      // Published pages carry their publication time; only later edits move Last-Modified to "now".
      modifiedAt: new Date(`${input.publishedAt}T02:00:00Z`),
      seq: this.seq++,
      revisionOf: input.revisionOf ?? null,
      attachments: [],
    };
    if (doc.modifiedAt > this.lastChange) this.lastChange = doc.modifiedAt;
    this.documents.set(doc.id, doc);
    this.byPath.set(doc.path, doc);
    return doc;
  }

  get(id: string): FixtureDocument {
    const doc = this.documents.get(id);
    if (!doc)
      throw new Error(
        `no fixture document ${id}; known: ${[...this.documents.keys()].slice(0, 20).join(", ")}`,
      );
    return doc;
  }

  /** Takes a document off its list and its URL; the server then answers it with `status`. */
  remove(id: string, status: 404 | 410): FixtureDocument {
    const doc = this.get(id);
    this.documents.delete(id);
    this.byPath.delete(doc.path);
    this.removedPaths.set(doc.path, status);
    return doc;
  }

  removedStatus(path: string): 404 | 410 | undefined {
    return this.removedPaths.get(path);
  }

  findByPath(path: string): FixtureDocument | undefined {
    return this.byPath.get(path);
  }

  findAttachment(path: string): FixtureAttachment | undefined {
    return this.attachmentsByPath.get(path);
  }

  /** Newest first, as both real sites list them. */
  list(site: FixtureSiteStyle): FixtureDocument[] {
    return [...this.documents.values()]
      .filter((doc) => doc.site === site)
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.seq - a.seq);
  }

  /** Revises a plan in place (same URL): new target value and deadline, one rule added, one removed. */
  publishRevision(id: string, options: { at?: Date; plan?: PlanContent } = {}): FixtureDocument {
    const doc = this.get(id);
    doc.previousPlan = doc.plan;
    doc.plan = options.plan ?? revisePlan(doc.plan);
    doc.version += 1;
    doc.modifiedAt = this.tick(options.at);
    doc.revisedAt = isoDate(doc.modifiedAt);
    return doc;
  }

  /** The revision published as a new announcement at a new URL, titled （YYYY年修订）. */
  publishRevisionAsNewUrl(id: string, options: { at?: Date; year?: number } = {}): FixtureDocument {
    const original = this.get(id);
    const at = options.at ?? this.now();
    const year = options.year ?? at.getUTCFullYear();
    const publishedAt = isoDate(at) > original.publishedAt ? isoDate(at) : shiftDate(original.publishedAt, 1);
    return this.add({
      id: `${id}-rev${year}`,
      site: original.site,
      title: `${stripRevision(original.title)}（${year}年修订）`,
      track: original.plan.track,
      publishedAt,
      docNumber: original.docNumber ? original.docNumber.replace(/〔\d{4}〕/, `〔${year}〕`) : null,
      issuer: original.issuer,
      encoding: original.encoding,
      format: original.format,
      plan: revisePlan(original.plan),
      revisionOf: original.id,
    });
  }

  setAttachment(
    id: string,
    input: { fileName: string; contentType: string; body: Buffer },
  ): FixtureAttachment {
    const doc = this.get(id);
    const dir = doc.path.slice(0, doc.path.lastIndexOf("/"));
    const ext = input.fileName.includes(".") ? input.fileName.slice(input.fileName.lastIndexOf(".")) : "";
    const path = `${dir}/P${hex32(`${id}/${input.fileName}`).slice(0, 18)}${ext}`;
    const attachment: FixtureAttachment = { ...input, path, modifiedAt: this.tick() };
    doc.attachments = [...doc.attachments.filter((a) => a.fileName !== input.fileName), attachment];
    doc.modifiedAt = this.tick();
    this.attachmentsByPath.set(path, attachment);
    return attachment;
  }

  /** Adds `count` generated announcements spread over both sites and the four tracks. */
  generate(
    count: number,
    options: { seed?: number; site?: FixtureSiteStyle | undefined } = {},
  ): FixtureDocument[] {
    const random = createRandom((options.seed ?? 20220708) + this.generated);
    const added: FixtureDocument[] = [];
    for (let i = 0; i < count; i++) {
      const n = this.generated++;
      const track = FIXTURE_TRACKS[n % FIXTURE_TRACKS.length]!;
      const site: FixtureSiteStyle = options.site ?? (n % 2 === 0 ? "commission" : "municipal");
      const topic = TOPICS[Math.floor(random() * TOPICS.length)]!;
      const startYear = 2020 + Math.floor(random() * 3);
      const deadline = startYear + 3;
      // Dates walk backwards from mid-2022 so the seeded plans stay on the first list page.
      const publishedAt = shiftDate("2022-06-30", -Math.floor(n / 3));
      added.push(
        this.add({
          id: `gen-${n}`,
          site,
          title: `关于印发《上海市${TRACK_NAMES[track]}${topic}（${startYear}—${deadline}年）》的通知（第${n + 1}号）`,
          track,
          publishedAt,
          docNumber:
            site === "municipal"
              ? `沪府办发〔${startYear}〕${100 + n}号`
              : `沪经信规〔${startYear}〕${100 + n}号`,
          encoding: n % 5 === 4 ? "gbk" : "utf-8",
          plan: buildPlan(track, { deadline, random }),
        }),
      );
    }
    return added;
  }

  /** HTTP dates have one-second resolution: every change moves at least a second forward. */
  private tick(at?: Date): Date {
    const wanted = Math.floor((at ?? this.now()).getTime() / 1000) * 1000;
    const next = new Date(Math.max(wanted, this.lastChange.getTime() + 1000));
    this.lastChange = next;
    return next;
  }
}

const TOPICS = [
  "产业发展行动方案",
  "高质量发展实施意见",
  "创新发展若干措施",
  "专项支持政策实施细则",
  "三年行动计划",
];

function stripRevision(title: string): string {
  return title.replace(/（\d{4}年修订）$/, "");
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}
