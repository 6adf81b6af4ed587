// MRZ reader benchmark on generated document photos (a seed not used for tuning) and, separately,
// on real images that open-source MRZ readers publish (tests/fixtures/mrz-real).
// Usage: npm run bench:mrz -- [COUNT=130] [SEED=27182] [--accuracy] [--kinds=glare,td2]
//   COUNT pages cycle through every kind of page (130 = each of 26 kinds five times); --accuracy
//   skips the throughput runs; --kinds keeps only those kinds (negatives always run).
// Prints accuracy per kind, false accepts, negatives, latency with a warm pool, throughput with 1
// and 2 workers, peak memory; and, as the baseline measured in the same run, the same engine
// reading the whole page without finding the zone first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { formatOf, MRZ_FIELDS, parseMrz, repairByPosition } from '../src/shared/mrz/index';
import { MrzPool } from '../src/server/modules/documents/mrz/mrz-pool';
import { shapeLines, type MrzReading } from '../src/server/modules/documents/mrz/read-mrz';
import { createMrzRecognizer } from '../src/server/modules/documents/mrz/tesseract';
import { makeSampleSet, type Sample } from '../scripts/mrz-samples';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [count = '130', seed = '27182'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const accuracyOnly = flags.includes('--accuracy');
const kinds = flags
  .find((f) => f.startsWith('--kinds='))
  ?.slice('--kinds='.length)
  .split(',');
const kindOf = (name: string) => (name.startsWith('negative') ? 'negative' : name.replace(/-\d+\.\w+$/, ''));

const REAL = path.join(import.meta.dirname, '../tests/fixtures/mrz-real');
/** Each real image with its zone as printed (expected.json); the fields are what that zone says. */
function realSamples(): Sample[] {
  const file = path.join(REAL, 'expected.json');
  if (!fs.existsSync(file)) return [];
  const expected = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { mrz: string[] }>;
  return Object.entries(expected).map(([name, { mrz }]) => {
    const parsed = parseMrz(mrz)!;
    return {
      name,
      body: fs.readFileSync(path.join(REAL, name)),
      expected: { status: 'ok', format: parsed.format, fields: parsed.fields },
    };
  });
}

const generated = (await makeSampleSet(Number(count), Number(seed))).filter(
  (s) => !kinds || kindOf(s.name) === 'negative' || kinds.includes(kindOf(s.name)),
);
const real = realSamples();
const samples = [...generated, ...real];
const positives = generated.filter((s) => s.expected.status === 'ok');
const negatives = generated.filter((s) => s.expected.status !== 'ok');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

interface Score {
  /** Per kind of page: documents right, of how many. */
  kinds: Map<string, { right: number; total: number }>;
  documentsRight: number;
  fieldsRight: number;
  fieldsTotal: number;
  falseAccepts: number;
  negativesRight: number;
  wrong: string[];
}

function score(results: Map<Sample, MrzReading>): Score {
  const s: Score = {
    kinds: new Map(),
    documentsRight: 0,
    fieldsRight: 0,
    fieldsTotal: 0,
    falseAccepts: 0,
    negativesRight: 0,
    wrong: [],
  };
  for (const [sample, reading] of results) {
    const expected = sample.expected;
    const kind = s.kinds.get(kindOf(sample.name)) ?? { right: 0, total: 0 };
    s.kinds.set(kindOf(sample.name), kind);
    kind.total++;
    if (expected.status !== 'ok') {
      if (reading.status === expected.status || reading.status === expected.orElse) {
        s.negativesRight++;
        kind.right++;
      } else s.wrong.push(`${sample.name}: ${reading.status} (expected ${expected.status})`);
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
    if (all) {
      s.documentsRight++;
      kind.right++;
    } else if (reading.status !== 'ok') s.wrong.push(`${sample.name}: ${reading.status}`);
    else {
      const flagged = MRZ_FIELDS.filter((f) => String(reading.fields?.[f]) !== String(expected.fields[f]));
      s.wrong.push(
        `${sample.name}: flagged wrong ${flagged.map((f) => `${f}=${reading.fields?.[f]} (is ${expected.fields[f]})`).join(', ')}`,
      );
    }
  }
  return s;
}

async function runPool(size: number, parallel: boolean, samples: Sample[]) {
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
async function runBaseline(samples: Sample[]) {
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
        const format = shaped && formatOf(shaped);
        const parsed = format ? parseMrz(repairByPosition(shaped, format)) : undefined;
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

const sequential = await runPool(2, false, samples);
const one = accuracyOnly ? undefined : await runPool(1, true, generated);
const two = accuracyOnly ? undefined : await runPool(2, true, generated);
const baseline = await runBaseline(samples);
clearInterval(sampler);

const only = (results: Map<Sample, MrzReading>, set: Sample[]) =>
  new Map([...results].filter(([sample]) => set.includes(sample)));
const konok = score(only(sequential.results, generated));
const base = score(only(baseline.results, generated));
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
const ms = (v: number) => `${Math.round(v)} ms`;
const latencyOf = (run: { latencies: number[] }, set: Sample[]) =>
  run.latencies.filter((_, i) => set.includes(samples[i]!));
const positiveLatencies = latencyOf(sequential, positives);
const baselineLatencies = latencyOf(baseline, positives);

console.log(
  `MRZ benchmark: ${positives.length} generated pages + ${negatives.length} negatives, seed ${seed}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
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
console.log('  per kind (documents right)          Konok        baseline');
for (const [kind, k] of [...konok.kinds].sort((a, b) => a[0].localeCompare(b[0]))) {
  const b = base.kinds.get(kind)!;
  console.log(`    ${kind.padEnd(32)} ${`${k.right}/${k.total}`.padEnd(12)} ${b.right}/${b.total}`);
}
console.log(
  `  latency per image, warm pool        median ${ms(percentile(positiveLatencies, 50))}, p95 ${ms(percentile(positiveLatencies, 95))}`,
);
console.log(
  `  baseline latency (whole page)       median ${ms(percentile(baselineLatencies, 50))}, p95 ${ms(percentile(baselineLatencies, 95))}`,
);
console.log(
  `  ratio median latency Konok/baseline ${(percentile(positiveLatencies, 50) / percentile(baselineLatencies, 50)).toFixed(2)}`,
);
if (one && two) {
  console.log(
    `  throughput 1 worker                 ${(generated.length / one.seconds).toFixed(2)} images/s`,
  );
  console.log(
    `  throughput 2 workers                ${(generated.length / two.seconds).toFixed(2)} images/s   (ratio ${(one.seconds / two.seconds).toFixed(2)} vs 1 worker)`,
  );
}
console.log(`  peak RSS                            ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
if (konok.wrong.length) console.log(`  not right:\n    ${konok.wrong.join('\n    ')}`);
if (real.length) {
  const r = score(only(sequential.results, real));
  const rb = score(only(baseline.results, real));
  const realPositives = real.filter((s) => s.expected.status === 'ok').length;
  console.log(`Real images (tests/fixtures/mrz-real): ${real.length}`);
  console.log(
    `  documents with every field right   ${r.documentsRight}/${realPositives}   (baseline ${rb.documentsRight}/${realPositives})`,
  );
  console.log(`  false accepts                       ${r.falseAccepts}   (baseline ${rb.falseAccepts})`);
  if (r.wrong.length) console.log(`  not right:\n    ${r.wrong.join('\n    ')}`);
}
