// What a phone on a hotel counter does to a document page: glare from a lamp, a hand's shadow, a
// tilt, a 1-bit photocopy, heavy JPEG. Each takes a clean page (PNG) and a seeded random source.
import sharp from 'sharp';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const TABLE = '#3a3430';

const overlay = (width: number, height: number, body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`);

const size = async (png: Buffer) => {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  return { width, height };
};

/** A lamp's reflection: a bright, soft ellipse over part of the zone, its centre almost white. */
export async function withGlare(png: Buffer, zone: Box, rand: () => number): Promise<Buffer> {
  const { width, height } = await size(png);
  const cx = zone.left + zone.width * (0.15 + rand() * 0.7);
  const cy = zone.top + zone.height * (0.3 + rand() * 0.4);
  const rx = zone.width * (0.14 + rand() * 0.16);
  const ry = zone.height * (0.6 + rand() * 0.5);
  // Up to 85% white: brighter glare leaves nothing of the print for any reader to find.
  const peak = (0.55 + rand() * 0.3).toFixed(2);
  const glare = overlay(
    width,
    height,
    `<defs><radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="${peak}"/><stop offset="0.55" stop-color="#fff" stop-opacity="${(Number(peak) * 0.85).toFixed(2)}"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>` +
      `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="url(#g)" transform="rotate(${(rand() - 0.5) * 40} ${cx} ${cy})"/>`,
  );
  return sharp(png)
    .composite([{ input: glare }])
    .png()
    .toBuffer();
}

/** A hand's shadow: a dark, blurred shape reaching over one end of the zone from the page's edge. */
export async function withShadow(png: Buffer, zone: Box, rand: () => number): Promise<Buffer> {
  const { width, height } = await size(png);
  const fromLeft = rand() < 0.5;
  const reach = zone.width * (0.3 + rand() * 0.35);
  const x = fromLeft ? -zone.width * 0.2 : width - reach;
  const darkness = (0.45 + rand() * 0.25).toFixed(2);
  const shadow = overlay(
    width,
    height,
    `<defs><filter id="b"><feGaussianBlur stdDeviation="${18 + rand() * 20}"/></filter></defs>` +
      `<ellipse cx="${x + (reach + zone.width * 0.2) / 2}" cy="${zone.top + zone.height * (0.4 + rand() * 0.6)}" rx="${(reach + zone.width * 0.2) / 2}" ry="${zone.height * (1 + rand())}" fill="#000" fill-opacity="${darkness}" filter="url(#b)"/>`,
  );
  return sharp(png)
    .composite([{ input: shadow }])
    .png()
    .toBuffer();
}

/** The page lying on a table, photographed turned by `degrees` (a few either way), light falling off. */
export async function onTable(png: Buffer, degrees: number, rand: () => number): Promise<Buffer> {
  const turned = await sharp(png)
    .flatten({ background: '#fff' })
    .extend({ top: 50, bottom: 50, left: 50, right: 50, background: TABLE })
    .rotate(degrees, { background: TABLE })
    .png()
    .toBuffer();
  const { width, height } = await size(turned);
  const light = overlay(
    width,
    height,
    `<defs><radialGradient id="g" cx="${0.3 + rand() * 0.4}" cy="${0.3 + rand() * 0.4}" r="0.9"><stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>`,
  );
  return sharp(turned)
    .composite([{ input: light }])
    .png()
    .toBuffer();
}

/** Saved by a phone or a messenger that squeezes it: JPEG at quality 35–70. */
export const lowJpeg = (png: Buffer, rand: () => number) =>
  sharp(png)
    .flatten({ background: '#fff' })
    .jpeg({ quality: 35 + Math.floor(rand() * 36) })
    .toBuffer();

/** A photocopy scanned in black and white: toner specks, strokes thickened or thinned by the threshold. */
export async function photocopy(png: Buffer, rand: () => number): Promise<Buffer> {
  const { data, info } = await sharp(png)
    .flatten({ background: '#fff' })
    .grayscale()
    .blur(0.6 + rand() * 0.5)
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++) {
    const speck = rand() < 0.002 ? -200 : 0;
    data[i] = Math.max(0, Math.min(255, data[i]! + (rand() - 0.5) * 50 + speck));
  }
  return sharp(data, { raw: info })
    .threshold(110 + Math.floor(rand() * 50))
    .png({ palette: true, colours: 2 })
    .toBuffer();
}

/** Two images side by side on white, as one photo of an ID card's front and back. */
export async function sideBySide(left: Buffer, right: Buffer): Promise<Buffer> {
  const a = await size(left);
  const b = await size(right);
  return sharp({
    create: {
      width: a.width + b.width + 60,
      height: Math.max(a.height, b.height) + 40,
      channels: 3,
      background: '#fff',
    },
  })
    .composite([
      { input: left, left: 20, top: 20 },
      { input: right, left: a.width + 40, top: 20 },
    ])
    .png()
    .toBuffer();
}
