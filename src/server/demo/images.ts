import sharp from 'sharp';

/** A plain page of one colour: the demo has no real person's scan or photo. */
export const demoPage = (width: number, height: number, rgb: [number, number, number]): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .png()
    .toBuffer();
