import { makeSample, type Variant } from './scripts/mrz-samples';
import { readMrz } from './src/server/modules/documents/mrz/read-mrz';
import { createMrzRecognizer } from './src/server/modules/documents/mrz/tesseract';
import { MRZ_FIELDS } from './src/shared/mrz/index';
const { recognize, terminate } = await createMrzRecognizer();
const cases: [number, Variant][] = [[27182017, 'glare'], [27182024, 'td1-glare'], [27182018, 'shadow'], [27182022, 'td2'], [27182050, 'td1-glare'], [27182043, 'glare']];
for (const [seed, v] of cases) {
  const s = await makeSample(seed, v);
  const t = performance.now();
  const r = await readMrz(s.body, recognize);
  const exp = s.expected as { fields: Record<string, string> };
  const wrong = r.status === 'ok' ? MRZ_FIELDS.filter((f) => String(r.fields?.[f]) !== String(exp.fields[f])) : [];
  console.log(s.name, r.status, Math.round(performance.now() - t), 'ms wrong:', wrong.join(','), 'flagged:', r.uncertain.join(','));
}
await terminate();
