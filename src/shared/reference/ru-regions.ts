/**
 * The subjects of the Russian Federation an address can name, as the browser offers them in a
 * select and the postal-index reference (src/server/reference/) files its indexes under.
 *
 * `code` is the two-digit region code of the tax service and the address registries (КЛАДР/ФИАС):
 * the first two digits of an organisation's ИНН and of a cadastral number. The list is the one
 * Russian Post's «Эталонный справочник почтовых индексов» files indexes under (its names,
 * «Адыгея Республика», are written here in their official form, «Республика Адыгея»).
 */
export type RuRegionKind =
  'republic' | 'krai' | 'oblast' | 'federalCity' | 'autonomousOblast' | 'autonomousOkrug';

export interface RuRegion {
  code: string;
  kind: RuRegionKind;
  ru: string;
  en: string;
}

const region = (code: string, kind: RuRegionKind, ru: string, en: string): RuRegion => ({
  code,
  kind,
  ru,
  en,
});

export const RU_REGIONS: readonly RuRegion[] = [
  region('01', 'republic', 'Республика Адыгея', 'Republic of Adygea'),
  region('02', 'republic', 'Республика Башкортостан', 'Republic of Bashkortostan'),
  region('03', 'republic', 'Республика Бурятия', 'Republic of Buryatia'),
  region('04', 'republic', 'Республика Алтай', 'Altai Republic'),
  region('05', 'republic', 'Республика Дагестан', 'Republic of Dagestan'),
  region('06', 'republic', 'Республика Ингушетия', 'Republic of Ingushetia'),
  region('07', 'republic', 'Кабардино-Балкарская Республика', 'Kabardino-Balkarian Republic'),
  region('08', 'republic', 'Республика Калмыкия', 'Republic of Kalmykia'),
  region('09', 'republic', 'Карачаево-Черкесская Республика', 'Karachay-Cherkess Republic'),
  region('10', 'republic', 'Республика Карелия', 'Republic of Karelia'),
  region('11', 'republic', 'Республика Коми', 'Komi Republic'),
  region('12', 'republic', 'Республика Марий Эл', 'Mari El Republic'),
  region('13', 'republic', 'Республика Мордовия', 'Republic of Mordovia'),
  region('14', 'republic', 'Республика Саха (Якутия)', 'Sakha (Yakutia) Republic'),
  region('15', 'republic', 'Республика Северная Осетия — Алания', 'Republic of North Ossetia–Alania'),
  region('16', 'republic', 'Республика Татарстан', 'Republic of Tatarstan'),
  region('17', 'republic', 'Республика Тыва', 'Tuva Republic'),
  region('18', 'republic', 'Удмуртская Республика', 'Udmurt Republic'),
  region('19', 'republic', 'Республика Хакасия', 'Republic of Khakassia'),
  region('20', 'republic', 'Чеченская Республика', 'Chechen Republic'),
  region('21', 'republic', 'Чувашская Республика', 'Chuvash Republic'),
  region('22', 'krai', 'Алтайский край', 'Altai Krai'),
  region('23', 'krai', 'Краснодарский край', 'Krasnodar Krai'),
  region('24', 'krai', 'Красноярский край', 'Krasnoyarsk Krai'),
  region('25', 'krai', 'Приморский край', 'Primorsky Krai'),
  region('26', 'krai', 'Ставропольский край', 'Stavropol Krai'),
  region('27', 'krai', 'Хабаровский край', 'Khabarovsk Krai'),
  region('28', 'oblast', 'Амурская область', 'Amur Oblast'),
  region('29', 'oblast', 'Архангельская область', 'Arkhangelsk Oblast'),
  region('30', 'oblast', 'Астраханская область', 'Astrakhan Oblast'),
  region('31', 'oblast', 'Белгородская область', 'Belgorod Oblast'),
  region('32', 'oblast', 'Брянская область', 'Bryansk Oblast'),
  region('33', 'oblast', 'Владимирская область', 'Vladimir Oblast'),
  region('34', 'oblast', 'Волгоградская область', 'Volgograd Oblast'),
  region('35', 'oblast', 'Вологодская область', 'Vologda Oblast'),
  region('36', 'oblast', 'Воронежская область', 'Voronezh Oblast'),
  region('37', 'oblast', 'Ивановская область', 'Ivanovo Oblast'),
  region('38', 'oblast', 'Иркутская область', 'Irkutsk Oblast'),
  region('39', 'oblast', 'Калининградская область', 'Kaliningrad Oblast'),
  region('40', 'oblast', 'Калужская область', 'Kaluga Oblast'),
  region('41', 'krai', 'Камчатский край', 'Kamchatka Krai'),
  region('42', 'oblast', 'Кемеровская область — Кузбасс', 'Kemerovo Oblast – Kuzbass'),
  region('43', 'oblast', 'Кировская область', 'Kirov Oblast'),
  region('44', 'oblast', 'Костромская область', 'Kostroma Oblast'),
  region('45', 'oblast', 'Курганская область', 'Kurgan Oblast'),
  region('46', 'oblast', 'Курская область', 'Kursk Oblast'),
  region('47', 'oblast', 'Ленинградская область', 'Leningrad Oblast'),
  region('48', 'oblast', 'Липецкая область', 'Lipetsk Oblast'),
  region('49', 'oblast', 'Магаданская область', 'Magadan Oblast'),
  region('50', 'oblast', 'Московская область', 'Moscow Oblast'),
  region('51', 'oblast', 'Мурманская область', 'Murmansk Oblast'),
  region('52', 'oblast', 'Нижегородская область', 'Nizhny Novgorod Oblast'),
  region('53', 'oblast', 'Новгородская область', 'Novgorod Oblast'),
  region('54', 'oblast', 'Новосибирская область', 'Novosibirsk Oblast'),
  region('55', 'oblast', 'Омская область', 'Omsk Oblast'),
  region('56', 'oblast', 'Оренбургская область', 'Orenburg Oblast'),
  region('57', 'oblast', 'Орловская область', 'Oryol Oblast'),
  region('58', 'oblast', 'Пензенская область', 'Penza Oblast'),
  region('59', 'krai', 'Пермский край', 'Perm Krai'),
  region('60', 'oblast', 'Псковская область', 'Pskov Oblast'),
  region('61', 'oblast', 'Ростовская область', 'Rostov Oblast'),
  region('62', 'oblast', 'Рязанская область', 'Ryazan Oblast'),
  region('63', 'oblast', 'Самарская область', 'Samara Oblast'),
  region('64', 'oblast', 'Саратовская область', 'Saratov Oblast'),
  region('65', 'oblast', 'Сахалинская область', 'Sakhalin Oblast'),
  region('66', 'oblast', 'Свердловская область', 'Sverdlovsk Oblast'),
  region('67', 'oblast', 'Смоленская область', 'Smolensk Oblast'),
  region('68', 'oblast', 'Тамбовская область', 'Tambov Oblast'),
  region('69', 'oblast', 'Тверская область', 'Tver Oblast'),
  region('70', 'oblast', 'Томская область', 'Tomsk Oblast'),
  region('71', 'oblast', 'Тульская область', 'Tula Oblast'),
  region('72', 'oblast', 'Тюменская область', 'Tyumen Oblast'),
  region('73', 'oblast', 'Ульяновская область', 'Ulyanovsk Oblast'),
  region('74', 'oblast', 'Челябинская область', 'Chelyabinsk Oblast'),
  region('75', 'krai', 'Забайкальский край', 'Zabaykalsky Krai'),
  region('76', 'oblast', 'Ярославская область', 'Yaroslavl Oblast'),
  region('77', 'federalCity', 'Москва', 'Moscow'),
  region('78', 'federalCity', 'Санкт-Петербург', 'Saint Petersburg'),
  region('79', 'autonomousOblast', 'Еврейская автономная область', 'Jewish Autonomous Oblast'),
  region('83', 'autonomousOkrug', 'Ненецкий автономный округ', 'Nenets Autonomous Okrug'),
  region(
    '86',
    'autonomousOkrug',
    'Ханты-Мансийский автономный округ — Югра',
    'Khanty-Mansi Autonomous Okrug – Yugra',
  ),
  region('87', 'autonomousOkrug', 'Чукотский автономный округ', 'Chukotka Autonomous Okrug'),
  region('89', 'autonomousOkrug', 'Ямало-Ненецкий автономный округ', 'Yamalo-Nenets Autonomous Okrug'),
  region('91', 'republic', 'Республика Крым', 'Republic of Crimea'),
  region('92', 'federalCity', 'Севастополь', 'Sevastopol'),
];

export function findRuRegion(code: string): RuRegion | undefined {
  return RU_REGIONS.find((r) => r.code === code);
}
