import { describe, expect, it } from 'vitest';
import { PDF_LIMITS, PdfError, renderFirstPage } from './pdf';

/** A PDF of `pages` pages, each with `text` in 48-point Helvetica (one of the standard 14 fonts). */
function textPdf(text: string, pages = 1, size: [number, number] = [595, 842]): Buffer {
  const objects: string[] = [];
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push('PAGES'); // filled below
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const content = `BT /F1 48 Tf 72 600 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  const kids: number[] = [];
  for (let i = 0; i < pages; i++) {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size[0]} ${size[1]}] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>`,
    );
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const darkPixels = (page: { data: Buffer }) => {
  let dark = 0;
  for (let i = 0; i < page.data.length; i += 4) if (page.data[i]! < 100) dark++;
  return dark;
};

describe('rendering a PDF page with npm packages only', () => {
  it('draws text in a standard font at 200 dpi, on white', async () => {
    const page = await renderFirstPage(textPdf('P<UTOERIKSSON'));
    expect(page.width).toBe(Math.floor((595 * 200) / 72));
    expect(page.height).toBe(Math.floor((842 * 200) / 72));
    expect(page.data.length).toBe(page.width * page.height * 4);
    // The text is there (its font came from pdfjs-dist's standard fonts, not the system's).
    expect(darkPixels(page)).toBeGreaterThan(5_000);
    expect(page.data[0]).toBe(255);
  });

  it('scales a huge page down to the side limit', async () => {
    const page = await renderFirstPage(textPdf('BIG', 1, [14_400, 14_400]));
    expect(Math.max(page.width, page.height)).toBeLessThanOrEqual(PDF_LIMITS.maxSide);
  });

  it('refuses too many pages, garbage, and work past the time limit', async () => {
    await expect(renderFirstPage(textPdf('MANY', 3), { ...PDF_LIMITS, maxPages: 2 })).rejects.toThrow(
      PdfError,
    );
    await expect(renderFirstPage(Buffer.from('%PDF-1.4\nthis is not a pdf'))).rejects.toThrow(PdfError);
    await expect(renderFirstPage(textPdf('SLOW'), { ...PDF_LIMITS, timeoutMs: 1 })).rejects.toThrow(
      'rendering took too long',
    );
  });
});
