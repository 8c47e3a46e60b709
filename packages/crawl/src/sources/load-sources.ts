import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { isHostAllowed } from "../fetch/host-allow.ts";
import { DEFAULT_SOURCES_YAML } from "./default-sources.ts";
import { type Source, sourceSchema } from "./source-schema.ts";

export const BUILT_IN_SOURCES = "(built-in sources)";

/** A sources file that cannot be used; the message names the file, the entry and the field. */
export class SourcesError extends Error {
  override name = "SourcesError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  - ${problems.join("\n  - ")}`}`);
  }
}

function describeEntry(raw: unknown, index: number): string {
  const id = raw && typeof raw === "object" && "id" in raw ? String((raw as { id: unknown }).id) : null;
  return id ? `entry ${index + 1} (${id})` : `entry ${index + 1}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys")
    return `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return field ? `field "${field}": ${issue.message}` : issue.message;
}

/** Parses and validates sources YAML. Every problem in the file is reported at once. */
export function parseSources(text: string, file = BUILT_IN_SOURCES): Source[] {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0)
    throw new SourcesError(
      file,
      doc.errors.map((e) => `YAML: ${e.message}`),
    );
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new SourcesError(file, ['expected a list of sources (each entry starting with "- id: ...")']);
  }
  const problems: string[] = [];
  const sources: Source[] = [];
  const seen = new Map<string, number>();
  raw.forEach((entry: unknown, index) => {
    const where = describeEntry(entry, index);
    const parsed = sourceSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where}: ${describeIssue(issue)}`);
      return;
    }
    const source = parsed.data;
    const first = seen.get(source.id);
    if (first !== undefined) {
      problems.push(`${where}: field "id": "${source.id}" is already used by entry ${first + 1}`);
      return;
    }
    seen.set(source.id, index);
    source.list.forEach((url, i) => {
      if (!isHostAllowed(new URL(url), source.allow)) {
        problems.push(
          `${where}: field "list.${i}": host of ${url} is not in allow (${source.allow.join(", ")})`,
        );
      }
    });
    sources.push(source);
  });
  if (problems.length > 0) throw new SourcesError(file, problems);
  return sources;
}

/** Reads the sources file at `path`, or the built-in Shanghai sources when no path is given. */
export async function loadSources(path?: string | null): Promise<Source[]> {
  if (!path) return parseSources(DEFAULT_SOURCES_YAML, BUILT_IN_SOURCES);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SourcesError(path, [
      `cannot read the sources file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    ]);
  }
  return parseSources(text, path);
}
