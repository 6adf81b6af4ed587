import PDFDocument from 'pdfkit';
import type { ArrivalNoticeLayout, Language, Wording } from '../../../shared/profiles/index.js';
import type { Translate } from '../../http/i18n.js';
import { collect, drawAuthority, drawLine, drawQr, registerFonts } from './pdf-parts.js';

/** One printed line: its label already in every language of the document. */
export interface NoticeRow {
  label: string;
  value: string;
}
export interface NoticeSection {
  title: string;
  rows: NoticeRow[];
}

export interface ArrivalNotice {
  languages: readonly Language[];
  authority: Partial<Record<Language, readonly string[]>>;
  layout: ArrivalNoticeLayout;
  /** The main part, section by section, as the registration's answers give them. */
  sections: NoticeSection[];
  /** What the foreigner keeps: the tear-off part's lines. */
  tearOff: NoticeRow[];
  /** Who confirmed, and when, under the authority's mark. */
  confirmedBy: string;
  verifyUrl: string;
  registrationNumber: string;
}

const INK = '#111111';
const MUTED = '#4a4a4a';
const RULE = '#9a9a9a';
const BAND = '#ececec';
const MARGIN = 36;
const QR_SIZE = 104;

/**
 * The notice of arrival on one A4 page: the authority, the title, the main part in three columns
 * of labelled answers, and below a dashed cut line the tear-off part with the signed QR.
 */
export async function renderArrivalNoticePdf(notice: ArrivalNotice, translate: Translate): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${notice.layout.title.en ?? ''} ${notice.registrationNumber}`.trim(), Author: 'Konok' },
  });
  const done = collect(doc);
  registerFonts(doc);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const words = (wording: Wording) =>
    notice.languages.map((l) => wording[l]).filter((text): text is string => Boolean(text));
  const label = (key: string) =>
    [...new Set(notice.languages.map((l) => translate(l, `notice.${key}`)))].join(' / ');

  let y = header(doc, notice, words, { left, width });
  y = sections(doc, notice.sections, { left, width, top: y });

  const tearHeight = tearOffHeight(doc, notice, words, { width, verify: label('verify') });
  let tearTop = doc.page.height - MARGIN - tearHeight;
  // A main part too long for the page leaves the tear-off part whole, on a page of its own.
  if (y + 24 > tearTop) {
    doc.addPage();
    tearTop = MARGIN + 16;
  }
  cutLine(doc, { left, width, y: tearTop - 14, text: label('cutLine') });
  tearOff(doc, notice, words, { left, width, top: tearTop, verify: label('verify') });
  doc.end();
  return done;
}

type Box = { left: number; width: number };
type Words = (wording: Wording) => string[];

function header(doc: PDFKit.PDFDocument, notice: ArrivalNotice, words: Words, { left, width }: Box) {
  let y = drawAuthority(doc, notice, { left, width, y: MARGIN - 8, size: 7.5 });
  y += 6;
  const [first, ...others] = words(notice.layout.title);
  doc
    .font('bold')
    .fontSize(10.5)
    .fillColor(INK)
    .text(first ?? '', left, y, { width, align: 'center' });
  for (const other of others)
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(INK)
      .text(other, left, doc.y + 1, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(MUTED)
    .text(words(notice.layout.subtitle).join(' / '), left, doc.y + 2, { width, align: 'center' });
  return doc.y + 8;
}

/** Columns of the main part's grid: three short answers to a line keep the whole notice on one page. */
const COLUMNS = 3;

/**
 * Each section as a grey band with its title, then its rows on a grid of three columns, the label
 * over the value; a value too long for one column takes two, or the whole line.
 */
function sections(
  doc: PDFKit.PDFDocument,
  list: NoticeSection[],
  { left, width, top }: Box & { top: number },
) {
  const gap = 10;
  const column = (width - gap * (COLUMNS - 1)) / COLUMNS;
  const spanWidth = (span: number) => column * span + gap * (span - 1);
  const spanOf = (row: NoticeRow) => {
    const valueWidth = doc.font('bold').fontSize(8).widthOfString(row.value);
    for (let span = 1; span < COLUMNS; span++) if (valueWidth <= spanWidth(span)) return span;
    return COLUMNS;
  };
  const cellHeight = (row: NoticeRow, cell: number) =>
    doc.font('condensed').fontSize(6).heightOfString(row.label, { width: cell }) +
    1 +
    doc.font('bold').fontSize(8).heightOfString(row.value, { width: cell });
  let y = top;
  for (const section of list) {
    doc.font('bold').fontSize(7.5);
    const bandHeight = doc.heightOfString(section.title, { width: width - 8 }) + 4;
    doc.rect(left, y, width, bandHeight).fill(BAND);
    doc.fillColor(INK).text(section.title, left + 4, y + 2, { width: width - 8 });
    y += bandHeight + 3;
    for (const line of lines(section.rows, spanOf)) {
      const height = Math.max(...line.map(({ row, span }) => cellHeight(row, spanWidth(span))));
      let x = left;
      for (const { row, span } of line) {
        const cell = spanWidth(span);
        doc.font('condensed').fontSize(6).fillColor(MUTED).text(row.label, x, y, { width: cell });
        doc
          .font('bold')
          .fontSize(8)
          .fillColor(INK)
          .text(row.value, x, doc.y + 1, { width: cell });
        x += cell + gap;
      }
      y += height + 1.5;
      drawLine(doc, { left, width, y, weight: 0.3, color: RULE });
      y += 2;
    }
    y += 3;
  }
  return y;
}

/** Rows in their order, as many to a line as their spans fit in the grid's columns. */
function lines(rows: NoticeRow[], spanOf: (row: NoticeRow) => number): { row: NoticeRow; span: number }[][] {
  const result: { row: NoticeRow; span: number }[][] = [];
  let open: { row: NoticeRow; span: number }[] = [];
  let used = 0;
  for (const row of rows) {
    const span = spanOf(row);
    if (used + span > COLUMNS) {
      result.push(open);
      open = [];
      used = 0;
    }
    open.push({ row, span });
    used += span;
  }
  if (open.length > 0) result.push(open);
  return result;
}

function cutLine(doc: PDFKit.PDFDocument, { left, width, y, text }: Box & { y: number; text: string }) {
  // DejaVu has the scissors (U+2702): the line says where to cut in any language.
  const caption = `✂  ${text}`;
  doc.font('regular').fontSize(7);
  const captionWidth = doc.widthOfString(caption) + 12;
  doc
    .moveTo(left, y)
    .lineTo(left + width - captionWidth, y)
    .dash(4, { space: 3 })
    .lineWidth(0.7)
    .strokeColor(INK)
    .stroke()
    .undash();
  doc.fillColor(INK).text(caption, left + width - captionWidth + 6, y - 4, { lineBreak: false });
}

const tearOffRowsWidth = (width: number) => width - QR_SIZE - 12;

const qrCaptionHeight = (doc: PDFKit.PDFDocument, caption: string) =>
  doc.font('regular').fontSize(6).heightOfString(caption, { width: QR_SIZE }) + 2;

function tearOffHeight(
  doc: PDFKit.PDFDocument,
  notice: ArrivalNotice,
  words: Words,
  { width, verify }: { width: number; verify: string },
) {
  const rowsWidth = tearOffRowsWidth(width);
  let height = doc
    .font('bold')
    .fontSize(8.5)
    .heightOfString(words(notice.layout.tearOffTitle).join(' / '), { width });
  height += 6;
  let rows = 0;
  for (const row of notice.tearOff)
    rows +=
      doc.font('regular').fontSize(8).heightOfString(`${row.label}: ${row.value}`, { width: rowsWidth }) + 3;
  height += Math.max(rows, QR_SIZE + qrCaptionHeight(doc, verify));
  height +=
    8 +
    doc.font('regular').fontSize(7).heightOfString(words(notice.layout.confirmation).join(' / '), { width });
  return height + 4 + doc.font('bold').fontSize(8).heightOfString(notice.confirmedBy, { width }) + 8;
}

function tearOff(
  doc: PDFKit.PDFDocument,
  notice: ArrivalNotice,
  words: Words,
  { left, width, top, verify }: Box & { top: number; verify: string },
) {
  doc
    .font('bold')
    .fontSize(8.5)
    .fillColor(INK)
    .text(words(notice.layout.tearOffTitle).join(' / '), left, top, { width, align: 'center' });
  const rowsTop = doc.y + 6;
  const rowsWidth = tearOffRowsWidth(width);
  let y = rowsTop;
  for (const row of notice.tearOff) {
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${row.label}: `, left, y, { width: rowsWidth, continued: true })
      .font('bold')
      .fillColor(INK)
      .text(row.value);
    y = doc.y + 3;
  }
  const qrX = left + width - QR_SIZE;
  drawQr(doc, notice.verifyUrl, { x: qrX, y: rowsTop - 6, size: QR_SIZE });
  doc
    .font('regular')
    .fontSize(6)
    .fillColor(MUTED)
    .text(verify, qrX, rowsTop + QR_SIZE - 4, { width: QR_SIZE, align: 'center' });
  y = Math.max(y, doc.y) + 6;
  drawLine(doc, { left, width, y, weight: 0.3, color: RULE });
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(MUTED)
    .text(words(notice.layout.confirmation).join(' / '), left, y + 4, { width });
  doc
    .font('bold')
    .fontSize(8)
    .fillColor(INK)
    .text(notice.confirmedBy, left, doc.y + 4, { width });
}
