import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import type { InvoiceFields } from "@/db/schema";
import { minorDigits } from "@/server/money/currency";

/** "1234.50 EUR": the ISO code, not a symbol (the standard fonts carry only Latin-1 symbols). */
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const whole = Math.trunc(abs / scale);
  const frac = abs - whole * scale;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${minor < 0 ? "-" : ""}${grouped}${digits > 0 ? `.${String(frac).padStart(digits, "0")}` : ""} ${currency}`;
}

export const REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the recipient\n(Article 196, Council Directive 2006/112/EC).";
export const SELF_BILLING_NOTE = "Self-billing invoice: issued by the customer on behalf of the supplier under a self-billing agreement\n(Article 224, Council Directive 2006/112/EC).";

/** Text the standard font can draw: anything outside its character set becomes "?" rather than failing the issue. */
function drawable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/[\r\t]/g, " ")].map((c) => (known.has(c.codePointAt(0) ?? 0) ? c : "?")).join("");
}

/**
 * The statement as a PDF, drawn from its stored fields with pdf-lib's standard fonts (no font files, no
 * binaries). Called once, when the invoice is issued; the bytes are kept and served from then on.
 */
export async function renderInvoicePdf(f: InvoiceFields): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const issued = new Date(f.issuedAt);
  pdf.setTitle(`${f.kind === "invoice" ? "Self-billing invoice" : "Credit note"} ${f.number}`);
  pdf.setCreator("Touchpoint");
  pdf.setProducer("Touchpoint (pdf-lib)");
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595.28, 841.89]); // A4
  let y = 790;
  const left = 50;
  const write = (text: string, opts: { size?: number; font?: PDFFont; x?: number; color?: [number, number, number] } = {}) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? 10;
    for (const line of drawable(font, text).split("\n")) {
      if (y < 60) {
        page = pdf.addPage([595.28, 841.89]);
        y = 790;
      }
      page.drawText(line, { x: opts.x ?? left, y, size, font, color: rgb(...(opts.color ?? [0.06, 0.09, 0.16])) });
      y -= size + 4;
    }
  };
  const gap = (n = 10) => (y -= n);

  write(f.kind === "invoice" ? "Self-billing invoice" : "Credit note", { size: 18, font: bold });
  write(`Number ${f.number}`, { size: 12, font: bold });
  write(`Issued ${issued.toISOString().slice(0, 10)}   Payout ${f.batchId}${f.reference ? `   Payment reference ${f.reference}` : ""}`);
  if (f.creditsNumber) write(`Credits invoice ${f.creditsNumber}`, { font: bold });
  gap();

  const top = y;
  write("Supplier (partner)", { font: bold });
  write(f.partner.legalName ?? f.partner.name);
  if (f.partner.address) write(f.partner.address);
  if (f.partner.country) write(f.partner.country);
  write(f.partner.vatNumber ? `VAT ${f.partner.vatNumber}` : "No VAT number");
  const afterPartner = y;
  y = top;
  const right = 310;
  write("Customer (operator)", { font: bold, x: right });
  write(f.operator.legalName || f.operator.name, { x: right });
  if (f.operator.address) write(f.operator.address, { x: right });
  if (f.operator.country) write(f.operator.country, { x: right });
  if (f.operator.vatNumber) write(`VAT ${f.operator.vatNumber}`, { x: right });
  if (f.operator.registration) write(`Registration ${f.operator.registration}`, { x: right });
  if (f.operator.email) write(f.operator.email, { x: right });
  y = Math.min(y, afterPartner);
  gap(16);

  write("Description", { font: bold });
  y += 14;
  write("Amount", { font: bold, x: 440 });
  page.drawLine({ start: { x: left, y: y + 8 }, end: { x: 545, y: y + 8 }, thickness: 0.5, color: rgb(0.8, 0.83, 0.87) });
  for (const line of f.lines) {
    write(line.description.slice(0, 80));
    y += 14;
    write(amountText(line.amount, f.currency), { x: 440 });
  }
  page.drawLine({ start: { x: left, y: y + 8 }, end: { x: 545, y: y + 8 }, thickness: 0.5, color: rgb(0.8, 0.83, 0.87) });
  write("Total", { font: bold });
  y += 14;
  write(amountText(f.total, f.currency), { font: bold, x: 440 });
  gap(16);

  if (f.reason) write(`Reason: ${f.reason}`);
  if (f.reverseCharge) write(REVERSE_CHARGE_NOTE, { size: 9 });
  write(SELF_BILLING_NOTE, { size: 8, color: [0.4, 0.45, 0.53] });
  return pdf.save();
}
