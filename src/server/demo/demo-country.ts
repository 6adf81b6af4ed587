import type { CountryProfile } from '../../shared/profiles/profile.js';
import type { AddressPlace } from '../../shared/schemas/properties.js';

/**
 * The demo's invented people and places, in each country's own shape: the host's passport and
 * phone, the demo hotel's letter, the foreigners in the archive and the answers the country's
 * form asks beyond the core. No real person's data; a country's demo is data here, not code.
 */
export interface DemoCountry {
  host: {
    surname: string;
    givenNames: string;
    passportType: string;
    passportCountry: string;
    passportNumber: string;
    phone: string;
  };
  /** Where the demo host's two places are, for a country whose places are addresses. */
  places: Omit<AddressPlace, 'confirmIndex'>[];
  hotel: {
    name: string;
    headName: string;
    trustedName: string;
    receptionistName: string;
    /** Legal, actual, the head's and the trusted person's address, as the letter writes them. */
    addresses: { legal: string; actual: string; head: string; trusted: string };
    other: { name: string; trustedName: string };
  };
  /** The foreigners: each an application in the archive, the last one a draft. */
  guests: readonly {
    surname: string;
    givenNames: string;
    sex: 'M' | 'F';
    country: string;
    passport: string;
    birth: string;
    phone: string;
  }[];
  /** The answers to the country's own fields, by name: each guest's form takes those it declares. */
  answers: readonly Record<string, unknown>[];
}

const KG: DemoCountry = {
  host: {
    surname: 'DEMOEV',
    givenNames: 'BAKYT',
    passportType: 'id_card',
    passportCountry: 'KGZ',
    passportNumber: 'AC1234590',
    phone: '996555123456',
  },
  places: [],
  hotel: {
    name: 'ОсОО «Демо Отель Ала-Тоо»',
    headName: 'Демоев Азамат',
    trustedName: 'Токтосунова Айгуль',
    receptionistName: 'Бекова Нургуль',
    addresses: {
      legal: 'г. Бишкек, ул. Демо, 1',
      actual: 'г. Бишкек, ул. Демо, 1',
      head: 'г. Бишкек, ул. Демо, 2',
      trusted: 'г. Бишкек, ул. Демо, 3',
    },
    other: { name: 'ОсОО «Демо Хостел Иссык-Куль»', trustedName: 'Асанов Тимур' },
  },
  guests: [
    {
      surname: 'SCHNEIDER',
      givenNames: 'LENA',
      sex: 'F',
      country: 'DEU',
      passport: 'C7T4K2M19',
      birth: '1991-07-03',
      phone: '+49 151 00000000',
    },
    {
      surname: 'TANAKA',
      givenNames: 'HIRO',
      sex: 'M',
      country: 'JPN',
      passport: 'TR5529174',
      birth: '1984-11-21',
      phone: '+81 90 0000 0001',
    },
    {
      surname: 'OKAFOR',
      givenNames: 'CHIDI',
      sex: 'M',
      country: 'NGA',
      passport: 'A09381726',
      birth: '1979-02-14',
      phone: '+234 803 000 0002',
    },
    {
      surname: 'DUBOIS',
      givenNames: 'CLAIRE',
      sex: 'F',
      country: 'FRA',
      passport: '19AV83621',
      birth: '1995-05-30',
      phone: '+33 6 00 00 00 03',
    },
  ],
  answers: [],
};

const RU: DemoCountry = {
  host: {
    surname: 'ДЕМИДОВ',
    givenNames: 'ИВАН',
    passportType: 'passport',
    passportCountry: 'RUS',
    passportNumber: '4510123456',
    phone: '79001234567',
  },
  places: [
    {
      region: '77',
      city: 'Москва',
      streetType: 'street',
      street: 'Демонстрационная',
      house: '12',
      building: '1',
      flat: '34',
      postalIndex: '101000',
      capacity: 3,
    },
    {
      region: '78',
      city: 'Санкт-Петербург',
      streetType: 'embankment',
      street: 'Демонстрационная',
      house: '5',
      flat: '8',
      postalIndex: '190000',
      capacity: 4,
    },
  ] as DemoCountry['places'],
  hotel: {
    name: 'ООО «Демо Отель Волга»',
    headName: 'Демидова Анна Сергеевна',
    trustedName: 'Петрова Мария Игоревна',
    receptionistName: 'Смирнова Ольга',
    addresses: {
      legal: '101000, г. Москва, ул. Демонстрационная, д. 1',
      actual: '101000, г. Москва, ул. Демонстрационная, д. 1',
      head: '101000, г. Москва, ул. Демонстрационная, д. 2',
      trusted: '101000, г. Москва, ул. Демонстрационная, д. 3',
    },
    other: { name: 'ООО «Демо Хостел Нева»', trustedName: 'Орлов Павел' },
  },
  guests: [
    {
      surname: 'KARIMOV',
      givenNames: 'RUSTAM',
      sex: 'M',
      country: 'UZB',
      passport: 'FA1234567',
      birth: '1990-04-11',
      phone: '+998 90 000 00 01',
    },
    {
      surname: 'SCHNEIDER',
      givenNames: 'LENA',
      sex: 'F',
      country: 'DEU',
      passport: 'C7T4K2M19',
      birth: '1991-07-03',
      phone: '+49 151 00000000',
    },
    {
      surname: 'WANG',
      givenNames: 'LEI',
      sex: 'M',
      country: 'CHN',
      passport: 'E12345678',
      birth: '1986-09-23',
      phone: '+86 139 0000 0002',
    },
    {
      surname: 'RAHIMOV',
      givenNames: 'SARDOR',
      sex: 'M',
      country: 'TJK',
      passport: '401234567',
      birth: '1994-01-30',
      phone: '+992 90 000 0003',
    },
    {
      surname: 'NURLANOVA',
      givenNames: 'AIGERIM',
      sex: 'F',
      country: 'KAZ',
      passport: 'N12345678',
      birth: '1998-12-05',
      phone: '+7 701 000 0004',
    },
  ],
  answers: [
    // Visa-free, on a migration card, at the owner's own flat.
    {
      receivingParty: 'owner',
      hostPassportSeries: '4510',
      hostPassportNumber: '123456',
      dwellingRented: false,
      passportIssuedBy: 'MIA UZB',
      stayDocument: 'migrationCard',
      migrationCardSeries: '4615',
      migrationCardNumber: '0012345',
      entryCheckpoint: 'Шереметьево',
    },
    // On a tourist visa.
    {
      receivingParty: 'owner',
      hostPassportSeries: '4510',
      hostPassportNumber: '123456',
      dwellingRented: false,
      passportIssuedBy: 'Stadt Berlin',
      stayDocument: 'visa',
      visaNumber: '123456789',
      visaType: 'tourist',
      visaValidFrom: '2026-01-10',
      visaValidUntil: '2027-12-31',
    },
    {
      receivingParty: 'owner',
      hostPassportSeries: '4510',
      hostPassportNumber: '123456',
      dwellingRented: false,
      passportIssuedBy: 'NIA PRC',
      stayDocument: 'visa',
      visaNumber: '223456789',
      visaType: 'business',
      visaValidFrom: '2026-01-10',
      visaValidUntil: '2027-12-31',
    },
    {
      receivingParty: 'owner',
      hostPassportSeries: '4510',
      hostPassportNumber: '123456',
      dwellingRented: false,
      passportIssuedBy: 'MIA TJK',
      stayDocument: 'migrationCard',
      migrationCardSeries: '4615',
      migrationCardNumber: '0012346',
      entryCheckpoint: 'Домодедово',
    },
    {
      receivingParty: 'owner',
      hostPassportSeries: '4510',
      hostPassportNumber: '123456',
      dwellingRented: false,
      passportIssuedBy: 'MIA KAZ',
      stayDocument: 'migrationCard',
      migrationCardSeries: '4615',
      migrationCardNumber: '0012347',
      entryCheckpoint: 'Внуково',
    },
  ],
};

const COUNTRIES: Record<CountryProfile['code'], DemoCountry> = { kg: KG, ru: RU };

export const demoCountry = (profile: CountryProfile): DemoCountry => COUNTRIES[profile.code];
