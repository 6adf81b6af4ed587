import fs from 'node:fs';
import { makeSample, type Variant } from './scripts/mrz-samples';
import { readMrz } from './src/server/modules/documents/mrz/read-mrz';
import { createMrzRecognizer } from './src/server/modules/documents/mrz/tesseract';
const { recognize, terminate } = await createMrzRecognizer();
const cases: [number, Variant][] = [[27182024, 'td1-glare'], [27182017, 'glare'], [27182018, 'shadow']];
for (const [seed, v] of cases) {
  const s = await makeSample(seed, v);
  let n = 0;
  const r = await readMrz(s.body, async (png, engine) => { const out = await recognize(png, engine); fs.writeFileSync(`/tmp/samples/crop-${v}-${n}.png`, png); if (n++ < 4) console.log(v, engine, JSON.stringify(out.text)); return out; });
  console.log(v, r.status, n, 'reads');
}
await terminate();
