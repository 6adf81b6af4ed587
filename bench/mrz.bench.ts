// MRZ reader benchmark on generated passport pages (a seed not used for tuning).
// Usage: npm run bench:mrz -- [COUNT=130] [SEED=27182]  (130 = every kind of page ten times)
// Prints accuracy, false accepts, negatives, latency with a warm pool, throughput with 1 and 2
// workers, peak memory; and, as the baseline measured in the same run, the same engine reading the
// whole page without finding the zone first.
import os from 'node:os';
import sharp from 'sharp';
import { correctMrz, MRZ_FIELDS } from '../src/shared/mrz/index';
import { MrzPool } from '../src/server/modules/documents/mrz/mrz-pool';
import { shapeLines, type MrzReading } from '../src/server/modules/documents/mrz/read-mrz';
import { createMrzRecognizer } from '../src/server/modules/documents/mrz/tesseract';
import { makeSampleSet, type Sample } from '../scripts/mrz-samples';

const [count = '130', seed = '27182'] = process.argv.slice(2);
const samples = await makeSampleSet(Number(count), Number(seed));
const positives = samples.filter((s) => s.expected.status === 'ok');
const negatives = samples.filter((s) => s.expected.status !== 'ok');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

interface Score {
  documentsRight: number;
  fieldsRight: number;
  fieldsTotal: number;
  falseAccepts: number;
  negativesRight: number;
  wrong: string[];
}

function score(results: Map<Sample, MrzReading>): Score {
  const s: Score = {
    documentsRight: 0,
    fieldsRight: 0,
    fieldsTotal: 0,
    falseAccepts: 0,
    negativesRight: 0,
    wrong: [],
  };
  for (const [sample, reading] of results) {
    const expected = sample.expected;
    if (expected.status !== 'ok') {
      if (reading.status === expected.status || reading.status === expected.orElse) s.negativesRight++;
      else s.wrong.push(`${sample.name}: ${reading.status} (expected ${expected.status})`);
      continue;
    }
    let all = true;
    for (const field of MRZ_FIELDS) {
      s.fieldsTotal++;
      const right =
        reading.status === 'ok' && String(reading.fields?.[field]) === String(expected.fields[field]);
      if (right) s.fieldsRight++;
      else all = false;
      if (reading.status === 'ok' && !right && !reading.uncertain.includes(field)) {
        s.falseAccepts++;
        s.wrong.push(
          `${sample.name}: FALSE ACCEPT ${field} = ${reading.fields?.[field]} (is ${expected.fields[field]})`,
        );
      }
    }
    if (all) s.documentsRight++;
    else if (reading.status !== 'ok') s.wrong.push(`${sample.name}: ${reading.status}`);
    else {
      const flagged = MRZ_FIELDS.filter((f) => String(reading.fields?.[f]) !== String(expected.fields[f]));
      s.wrong.push(
        `${sample.name}: flagged wrong ${flagged.map((f) => `${f}=${reading.fields?.[f]} (is ${expected.fields[f]})`).join(', ')}`,
      );
    }
  }
  return s;
}

async function runPool(size: number, parallel: boolean) {
  const pool = new MrzPool({ size, queueLimit: samples.length });
  await Promise.all(Array.from({ length: size }, () => pool.read(samples[0]!.body))); // warm: models loaded
  const results = new Map<Sample, MrzReading>();
  const latencies: number[] = [];
  const started = performance.now();
  if (parallel) {
    await Promise.all(samples.map(async (sample) => results.set(sample, await pool.read(sample.body))));
  } else {
    for (const sample of samples) {
      const t = performance.now();
      results.set(sample, await pool.read(sample.body));
      latencies.push(performance.now() - t);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { results, latencies, seconds };
}

/** Baseline: the same engine over the whole page, no zone finding, no voting. */
async function runBaseline() {
  const { recognize, terminate } = await createMrzRecognizer();
  const results = new Map<Sample, MrzReading>();
  const latencies: number[] = [];
  for (const sample of samples) {
    const t = performance.now();
    let reading: MrzReading = { status: 'unreadable', uncertain: [] };
    try {
      const page = await sharp(sample.body).rotate().grayscale().png().toBuffer();
      const { text } = await recognize(page, 'legacy');
      for (const lines of [3, 2]) {
        const shaped = shapeLines(text, lines);
        const correction = shaped ? correctMrz(shaped) : undefined;
        const parsed = correction?.parsed;
        if (parsed?.valid) {
          reading = {
            status: 'ok',
            type: parsed.format,
            fields: parsed.fields,
            mrz: parsed.lines,
            uncertain: [],
          };
          break;
        }
      }
    } catch {
      reading = { status: 'bad-file', uncertain: [] };
    }
    results.set(sample, reading);
    latencies.push(performance.now() - t);
  }
  await terminate();
  return { results, latencies };
}

const sequential = await runPool(2, false);
const one = await runPool(1, true);
const two = await runPool(2, true);
const baseline = await runBaseline();
clearInterval(sampler);

const konok = score(sequential.results);
const base = score(baseline.results);
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
const ms = (v: number) => `${Math.round(v)} ms`;
const positiveLatencies = sequential.latencies;

console.log(
  `MRZ benchmark: ${positives.length} generated pages + ${negatives.length} negatives, seed ${seed}, ${os.availableParallelism()} cores`,
);
console.log(
  `  documents with every field right   ${pct(konok.documentsRight, positives.length)}   (baseline ${pct(base.documentsRight, positives.length)})`,
);
console.log(
  `  fields right                        ${pct(konok.fieldsRight, konok.fieldsTotal)}   (baseline ${pct(base.fieldsRight, base.fieldsTotal)})`,
);
console.log(
  `  false accepts                       ${konok.falseAccepts}   (baseline ${base.falseAccepts}, which flags nothing)`,
);
console.log(
  `  negatives classified right          ${konok.negativesRight}/${negatives.length}   (baseline ${base.negativesRight}/${negatives.length})`,
);
console.log(
  `  latency per image, warm pool        median ${ms(percentile(positiveLatencies, 50))}, p95 ${ms(percentile(positiveLatencies, 95))}`,
);
console.log(
  `  baseline latency (whole page)       median ${ms(percentile(baseline.latencies, 50))}, p95 ${ms(percentile(baseline.latencies, 95))}`,
);
console.log(
  `  ratio median latency Konok/baseline ${(percentile(positiveLatencies, 50) / percentile(baseline.latencies, 50)).toFixed(2)}`,
);
console.log(`  throughput 1 worker                 ${(samples.length / one.seconds).toFixed(2)} images/s`);
console.log(
  `  throughput 2 workers                ${(samples.length / two.seconds).toFixed(2)} images/s   (ratio ${(one.seconds / two.seconds).toFixed(2)} vs 1 worker)`,
);
console.log(`  peak RSS                            ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
if (konok.wrong.length) console.log(`  not right:\n    ${konok.wrong.join('\n    ')}`);
