import { formatDateMultilingual } from '../../../shared/dates.js';
import PDFDocument from 'pdfkit';
import type { Language } from '../../../shared/profiles/index.js';
import type { Translate } from '../../http/i18n.js';
import { collect, countryName, drawAuthority, drawQr, registerFonts } from './pdf-parts.js';

export interface Card {
  languages: readonly Language[];
  authority: Partial<Record<Language, readonly string[]>>;
  registrationNumber: string;
  verifyUrl: string;
  photo?: Buffer;
  fullName: string;
  birthDate: string;
  /** ISO 3166 alpha-3 */
  citizenship: string;
  document: { type: string; number: string; country: string };
  documentValidUntil: string;
  entryDate: string;
  address: string;
  propertyCode: string;
  registrationDate: string;
  validFrom: string;
  validUntil: string;
  host: { name: string; document: { type: string; number: string; country: string } };
}

const INK = '#111111';
const MUTED = '#4a4a4a';
const RULE = '#9a9a9a';

/** One PDF page, A5 portrait, like the guide's sample: header, title, photo · number · QR, then the fields. */
export async function renderCardPdf(card: Card, translate: Translate): Promise<Buffer> {
  // Read in each of the card's languages: the month named in each, as a passport names it.
  const date = (iso: string) => formatDateMultilingual(iso, card.languages);
  const doc = new PDFDocument({
    size: 'A5',
    margin: 28,
    info: { Title: `${translate('en', 'card.title')} ${card.registrationNumber}`, Author: 'Konok' },
  });
  const done = collect(doc);
  registerFonts(doc);

  const left = 28;
  const width = doc.page.width - 56;
  const rule = (at: number) =>
    doc
      .moveTo(left, at)
      .lineTo(left + width, at)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
  const label = (key: string) => card.languages.map((l) => translate(l, `card.${key}`)).join(' / ');

  // The issuing authority, one line per language, and the title.
  let y = drawAuthority(doc, card, { left, width, y: 24, size: 7 });
  y += 5;
  doc.font('bold').fontSize(10.5).fillColor(INK).text(label('title'), left, y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(6.5)
    .fillColor(MUTED)
    .text(label('subtitle'), left, doc.y + 1, { width, align: 'center' });
  y = doc.y + 8;

  // Photo · registration number · QR.
  const photoW = 85;
  const photoH = 109;
  const qrSize = 118;
  if (card.photo)
    doc.image(card.photo, left, y, { fit: [photoW, photoH], align: 'center', valign: 'center' });
  else
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(label('photo'), left, y + photoH / 2, { width: photoW, align: 'center' });
  doc.rect(left, y, photoW, photoH).lineWidth(0.5).strokeColor(RULE).stroke();

  const middleX = left + photoW + 10;
  const middleW = width - photoW - qrSize - 20;
  doc
    .font('regular')
    .fontSize(6.5)
    .fillColor(MUTED)
    .text(label('number'), middleX, y + 20, { width: middleW });
  doc
    .font('bold')
    .fontSize(13)
    .fillColor(INK)
    .text(`№ ${card.registrationNumber}`, middleX, doc.y + 3, { width: middleW });
  doc
    .font('regular')
    .fontSize(6.5)
    .fillColor(MUTED)
    .text(label('validUntil'), middleX, doc.y + 8, { width: middleW });
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(INK)
    .text(date(card.validUntil), middleX, doc.y + 2, { width: middleW });

  drawQr(doc, card.verifyUrl, { x: left + width - qrSize, y: y - 4, size: qrSize });
  y += Math.max(photoH, qrSize - 8) + 10;

  // The fields: a small trilingual label over each value.
  const country = (code: string) => countryName(code, card.languages);
  const documentText = (d: Card['document']) =>
    `${[...new Set(card.languages.map((l) => translate(l, d.type === 'taxNumber' ? 'card.taxNumber' : `signup.passportTypes.${d.type}`)))].join(' / ')}, ${d.country} ${d.number}`;
  const rows: [string, string][] = [
    ['fullName', card.fullName],
    ['birthDate', date(card.birthDate)],
    ['citizenship', country(card.citizenship)],
    ['document', documentText(card.document)],
    ['documentValidity', date(card.documentValidUntil)],
    ['entryDate', date(card.entryDate)],
    ['address', `${card.address} (${label('propertyCode')}: ${card.propertyCode})`],
    ['registrationDate', date(card.registrationDate)],
    // A range: the period of stay, not only its end (which stands under the number above).
    ['period', `${date(card.validFrom)} – ${date(card.validUntil)}`],
    ['host', `${card.host.name}; ${documentText(card.host.document)}`],
  ];
  for (const [key, value] of rows) {
    rule(y);
    doc
      .font('condensed')
      .fontSize(6.3)
      .fillColor(MUTED)
      .text(label(key), left, y + 2.5, { width });
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(INK)
      .text(value, left, doc.y + 1, { width });
    y = doc.y + 4;
  }
  rule(y);
  doc
    .font('regular')
    .fontSize(6.5)
    .fillColor(MUTED)
    .text(label('verify'), left, y + 6, { width, align: 'center' });
  doc.end();
  return done;
}
