import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import type { AttachmentKind } from "./find-attachment-links.ts";

export interface AttachmentText {
  text: string;
  /** Set when the file gave no text: a scan without a text layer, or a file the library could not read. */
  warning: string | null;
}

/** Text of a PDF (unpdf) or DOCX (mammoth). Never throws: an unreadable file is a warning. */
export async function extractAttachmentText(
  kind: AttachmentKind,
  bytes: Uint8Array,
  name: string,
): Promise<AttachmentText> {
  try {
    const raw =
      kind === "pdf"
        ? (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text
        : (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    const text = normalizeText(raw);
    if (!text) return { text: "", warning: `attachment ${name} has no text layer` };
    return { text, warning: null };
  } catch (error) {
    return { text: "", warning: `attachment ${name} could not be read: ${(error as Error).message}` };
  }
}

/** One paragraph a line, without the blank runs PDF and DOCX text comes with. */
function normalizeText(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}
