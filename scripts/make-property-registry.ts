// Writes the embedded property registry: invented but realistic Kyrgyz properties (deterministic).
// Usage: node --import tsx scripts/make-property-registry.ts [COUNT=600]
import fs from 'node:fs';
import path from 'node:path';
import { random } from './mrz-samples';

interface Place {
  region: string;
  district: string;
  locality: string;
  postal: number;
  streets: string[];
}

const PLACES: Place[] = [
  {
    region: 'г. Бишкек',
    district: 'Первомайский район',
    locality: 'Бишкек',
    postal: 720001,
    streets: [
      'ул. Киевская',
      'пр. Чуй',
      'ул. Токтогула',
      'ул. Абдрахманова',
      'бул. Эркиндик',
      'ул. Логвиненко',
    ],
  },
  {
    region: 'г. Бишкек',
    district: 'Свердловский район',
    locality: 'Бишкек',
    postal: 720017,
    streets: ['ул. Ахунбаева', 'пр. Манаса', 'ул. Исанова', 'мкр. Джал', 'ул. Боконбаева'],
  },
  {
    region: 'г. Бишкек',
    district: 'Октябрьский район',
    locality: 'Бишкек',
    postal: 720044,
    streets: ['пр. Мира', 'ул. Горького', 'мкр. Асанбай', 'ул. Ахунбаева', 'ул. Байтик Баатыра'],
  },
  {
    region: 'г. Бишкек',
    district: 'Ленинский район',
    locality: 'Бишкек',
    postal: 720021,
    streets: ['ул. Фрунзе', 'пр. Жибек Жолу', 'ул. Льва Толстого', 'мкр. Тунгуч', 'ул. Ибраимова'],
  },
  {
    region: 'г. Ош',
    district: 'г. Ош',
    locality: 'Ош',
    postal: 723500,
    streets: ['ул. Ленина', 'ул. Курманжан Датки', 'ул. Масалиева', 'пр. Навои', 'ул. Кыргызстан'],
  },
  {
    region: 'Иссык-Кульская область',
    district: 'г. Каракол',
    locality: 'Каракол',
    postal: 722360,
    streets: ['ул. Абдрахманова', 'ул. Токтогула', 'ул. Гебзе', 'ул. Раззакова'],
  },
  {
    region: 'Иссык-Кульская область',
    district: 'Иссык-Кульский район',
    locality: 'Чолпон-Ата',
    postal: 722100,
    streets: ['ул. Советская', 'ул. Торекул Айтматова', 'ул. Садовая', 'ул. Мира'],
  },
  {
    region: 'Джалал-Абадская область',
    district: 'г. Джалал-Абад',
    locality: 'Джалал-Абад',
    postal: 715600,
    streets: ['ул. Эркиндик', 'ул. Токтогула', 'ул. Барпы', 'ул. Ленина'],
  },
  {
    region: 'Нарынская область',
    district: 'г. Нарын',
    locality: 'Нарын',
    postal: 722600,
    streets: ['ул. Ленина', 'ул. Орозбакова', 'ул. Раззакова'],
  },
  {
    region: 'Чуйская область',
    district: 'Аламудунский район',
    locality: 'с. Лебединовка',
    postal: 724311,
    streets: ['ул. Центральная', 'ул. Мира', 'ул. Садовая'],
  },
  {
    region: 'Таласская область',
    district: 'г. Талас',
    locality: 'Талас',
    postal: 724200,
    streets: ['ул. Бердике Баатыра', 'ул. Сарыгулова', 'ул. Манаса'],
  },
  {
    region: 'Баткенская область',
    district: 'г. Баткен',
    locality: 'Баткен',
    postal: 720100,
    streets: ['ул. Ленина', 'ул. Исы Ахунбаева', 'ул. Молдокулова'],
  },
];

const count = Number(process.argv[2] ?? 600);
const rand = random(20261125);
const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const codes = new Set<string>();
const records = [];
while (records.length < count) {
  const placeIndex = Math.floor(rand() * PLACES.length);
  const place = PLACES[placeIndex]!;
  const flat = rand() < 0.7 ? 1 + Math.floor(rand() * 140) : undefined;
  // Code: region-district-zone-block-parcel, and the flat for apartments.
  const code = `1-${pad(placeIndex + 1, 2)}-${pad(1 + Math.floor(rand() * 20), 2)}-${pad(Math.floor(rand() * 10000), 4)}-${pad(Math.floor(rand() * 10000), 4)}${flat ? `-${pad(flat, 3)}` : ''}`;
  if (codes.has(code)) continue;
  codes.add(code);
  const area = flat ? 28 + Math.round(rand() * 110) : 60 + Math.round(rand() * 240);
  records.push({
    code,
    region: place.region,
    district: place.district,
    locality: place.locality,
    street: pick(place.streets),
    house: String(1 + Math.floor(rand() * 250)) + (rand() < 0.15 ? pick(['А', 'Б', '/1', '/2']) : ''),
    building: rand() < 0.1 ? String(1 + Math.floor(rand() * 4)) : null,
    flat: flat ? String(flat) : null,
    postalCode: String(place.postal + Math.floor(rand() * 20)),
    areaM2: area,
    rooms: Math.max(1, Math.min(8, Math.round(area / (flat ? 22 : 30)))),
  });
}
const out = path.resolve(
  import.meta.dirname ?? '.',
  '../src/server/modules/properties/data/kg-registry.json',
);
fs.writeFileSync(out, JSON.stringify(records) + '\n');
console.log(`${records.length} properties → ${out}`);
