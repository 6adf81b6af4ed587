import sharp from 'sharp';
import { makeSample } from './scripts/mrz-samples';
import { binarizeLocal } from './src/server/modules/documents/mrz/local-threshold';
import { binarize, dropLongStrokes } from './src/server/modules/documents/mrz/band';
const s = await makeSample(27182024, 'td1-glare');
const { data, info } = await sharp(s.body).grayscale().raw().toBuffer({ resolveWithObject: true });
const g = { data: new Uint8Array(data), width: info.width, height: info.height };
for (const [name, raw] of [['paper', binarizeLocal(g, Math.max(8, g.width / 80))], ['page', binarize(g)]] as const) {
  const ink = dropLongStrokes(raw, g.width, g.height);
  const px = Buffer.alloc(ink.length); for (let j = 0; j < ink.length; j++) px[j] = ink[j] ? 0 : 255;
  await sharp(px, { raw: { width: g.width, height: g.height, channels: 1 } }).resize({ width: 700 }).png().toFile(`/tmp/samples/t1g-${name}.png`);
}
