// Writes src/server/reference/postal-indexes.tsv.br, the Russian postal-index reference, from a
// copy of github.com/sanmai/pindx (Russian Post's «Эталонный справочник почтовых индексов», PIndx,
// one JSON file per index under docs/json/NNN/NNNNNN.json). See src/server/reference/README.md.
// Usage: node --import tsx scripts/make-postal-indexes.ts <path to a sanmai/pindx checkout>
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { RU_REGIONS } from '../src/shared/reference/ru-regions';

/** PIndx's fields (its DBF columns INDEX, REGION, AUTONOM, AREA, CITY, CITY_1 …). */
interface PindxRecord {
  Index: number;
  Region: string;
  Autonom: string;
  City: string;
  City1: string;
}

/**
 * PIndx's region names → the region codes of src/shared/reference/ru-regions.ts. Autonomous okrugs
 * and the Jewish oblast come with an empty REGION and their name in AUTONOM.
 */
const POSTAL_REGIONS: Record<string, string> = {
  'Адыгея Республика': '01',
  'Башкортостан Республика': '02',
  'Бурятия Республика': '03',
  'Алтай Республика': '04',
  'Дагестан Республика': '05',
  'Ингушетия Республика': '06',
  'Кабардино-Балкарская Республика': '07',
  'Калмыкия Республика': '08',
  'Карачаево-Черкесская Республика': '09',
  'Карелия Республика': '10',
  'Коми Республика': '11',
  'Марий Эл Республика': '12',
  'Мордовия Республика': '13',
  'Саха (Якутия) Республика': '14',
  'Северная Осетия - Алания Республика': '15',
  'Татарстан Республика': '16',
  'Тыва Республика': '17',
  'Удмуртская Республика': '18',
  'Хакасия Республика': '19',
  'Чеченская Республика': '20',
  'Чувашия Республика': '21',
  'Алтайский край': '22',
  'Краснодарский край': '23',
  'Красноярский край': '24',
  'Приморский край': '25',
  'Ставропольский край': '26',
  'Хабаровский край': '27',
  'Амурская область': '28',
  'Архангельская область': '29',
  'Астраханская область': '30',
  'Белгородская область': '31',
  'Брянская область': '32',
  'Владимирская область': '33',
  'Волгоградская область': '34',
  'Вологодская область': '35',
  'Воронежская область': '36',
  'Ивановская область': '37',
  'Иркутская область': '38',
  'Калининградская область': '39',
  'Калужская область': '40',
  'Камчатский край': '41',
  'Кемеровская область': '42',
  'Кировская область': '43',
  'Костромская область': '44',
  'Курганская область': '45',
  'Курская область': '46',
  'Ленинградская область': '47',
  'Липецкая область': '48',
  'Магаданская область': '49',
  'Московская область': '50',
  'Мурманская область': '51',
  'Нижегородская область': '52',
  'Новгородская область': '53',
  'Новосибирская область': '54',
  'Омская область': '55',
  'Оренбургская область': '56',
  'Орловская область': '57',
  'Пензенская область': '58',
  'Пермский край': '59',
  'Псковская область': '60',
  'Ростовская область': '61',
  'Рязанская область': '62',
  'Самарская область': '63',
  'Саратовская область': '64',
  'Сахалинская область': '65',
  'Свердловская область': '66',
  'Смоленская область': '67',
  'Тамбовская область': '68',
  'Тверская область': '69',
  'Томская область': '70',
  'Тульская область': '71',
  'Тюменская область': '72',
  'Ульяновская область': '73',
  'Челябинская область': '74',
  'Забайкальский край': '75',
  'Ярославская область': '76',
  Москва: '77',
  'Санкт-Петербург': '78',
  'Еврейская автономная область': '79',
  'Ненецкий автономный округ': '83',
  'Ханты-Мансийский-Югра автономный округ': '86',
  'Чукотский автономный округ': '87',
  'Ямало-Ненецкий автономный округ': '89',
  'Крым Республика': '91',
  Севастополь: '92',
};

/** Russian Post's offices abroad and in the leased Baikonur: no place of stay in the Federation. */
const NOT_A_SUBJECT = new Set(['Германия', 'Байконур']);

const source = process.argv[2];
if (!source) throw new Error('usage: make-postal-indexes.ts <path to a sanmai/pindx checkout>');
const jsonDir = path.join(source, 'docs/json');

const records: PindxRecord[] = [];
for (const prefix of fs.readdirSync(jsonDir)) {
  const dir = path.join(jsonDir, prefix);
  if (!/^\d{3}$/.test(prefix) || !fs.statSync(dir).isDirectory()) continue;
  for (const file of fs.readdirSync(dir))
    if (/^\d{6}\.json$/.test(file)) records.push(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}
records.sort((a, b) => a.Index - b.Index);

const federalCities = new Map(RU_REGIONS.filter((r) => r.kind === 'federalCity').map((r) => [r.code, r.ru]));
const known = new Set(RU_REGIONS.map((r) => r.code));
const lines: string[] = [];
const skipped = new Map<string, number>();
let previousIndex = 0;
let previousRegion = '';
for (const record of records) {
  const postalRegion = record.Region || record.Autonom;
  if (NOT_A_SUBJECT.has(postalRegion)) {
    skipped.set(postalRegion, (skipped.get(postalRegion) ?? 0) + 1);
    continue;
  }
  const code = POSTAL_REGIONS[postalRegion];
  if (!code || !known.has(code)) throw new Error(`${record.Index}: unknown region «${postalRegion}»`);
  // CITY_1 names the village inside a rural settlement (CITY); in a federal city both are empty.
  const city = (record.City1 || record.City || federalCities.get(code) || '').trim();
  if (/[\t\n]/.test(city)) throw new Error(`${record.Index}: a tab or a newline in «${city}»`);
  lines.push(`${record.Index - previousIndex}\t${code === previousRegion ? '' : code}\t${city}`);
  previousIndex = record.Index;
  previousRegion = code;
}

const text = `${lines.join('\n')}\n`;
const compressed = brotliCompressSync(Buffer.from(text), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: text.length },
});
const target = path.resolve(import.meta.dirname, '../src/server/reference/postal-indexes.tsv.br');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, compressed);
console.log(
  `${lines.length} indexes (${[...skipped].map(([r, n]) => `${n} in ${r}`).join(', ')} left out), ` +
    `${compressed.length} bytes → ${path.relative(process.cwd(), target)}`,
);
