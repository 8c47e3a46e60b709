import { Document, Packer, Paragraph } from "docx";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";

/**
 * A PDF with a text layer, one line per entry. pdf-lib's standard fonts are Latin-only, so the
 * lines must be Latin text (English-language plans).
 */
export async function buildPdf(lines: readonly string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, i) => {
    page.drawText(line, { x: 40, y: 800 - i * 18, size: 9, font });
  });
  return Buffer.from(await pdf.save());
}

/** A scanned page: drawn shapes, no text layer (what a scanner's PDF looks like to a text extractor). */
export async function buildScannedPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  for (let i = 0; i < 20; i++) {
    page.drawRectangle({ x: 40, y: 780 - i * 30, width: 400 + (i % 5) * 20, height: 8, color: rgb(0, 0, 0) });
  }
  return Buffer.from(await pdf.save());
}

/** A DOCX with one paragraph per entry (any script: the text is stored as XML). */
export async function buildDocx(paragraphs: readonly string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph({ text })) }] });
  return Packer.toBuffer(doc);
}
