import type { DayCount, WorkingCalendar } from './calendar.js';
import type { ServiceClock } from '../dates.js';
import type { FormDeclaration } from '../forms/form.js';
import type { IdentifierName } from '../forms/identifiers.js';
export type Language = 'ru' | 'ky' | 'en';
export const LANGUAGES: readonly Language[] = ['ru', 'ky', 'en'];

export interface CountryProfile {
  code: 'kg' | 'ru';
  /** ICAO/ISO alpha-3 code of the country itself. */
  country: string;
  languages: readonly Language[];
  defaultLanguage: Language;
  currency: string;
  subjectTypes: readonly string[];
  /** Documents a host may open a cabinet with (the foreigners' are in `registration`). */
  hostPassportTypes: readonly string[];
  phone: {
    /** Shown to the user as the expected format. */
    pattern: string;
    /** Digits only, after spaces, hyphens, brackets and '+' are removed. */
    regex: RegExp;
    format: (digits: string) => string;
  };
  personalNumber: {
    regex: RegExp;
    /** Birth date encoded in the number, to cross-check the passport's; undefined if none. */
    birthDate?: (value: string) => string | undefined;
  };
  /**
   * A legal entity's tax number (ИНН): its shape, and the named identifier rule that checks its
   * check digits where the country publishes one (src/shared/forms/identifiers.ts).
   */
  taxNumber: { example: string; regex: RegExp; rule?: IdentifierName };
  propertyCode: {
    /** Shown to the user as an example of the format. */
    example: string;
    regex: RegExp;
  };
  /**
   * How a host names a place of stay: by its code in a registry of dwellings, which Konok looks up
   * (the address, area and rooms come from there), or by its address, typed in the country's own
   * parts and checked against the country's postal reference (a mismatch is a warning, not a refusal).
   */
  placeOfStay: PlaceOfStay;
  /** What a legal entity's application to open a cabinet asks, in this country. */
  entityApplication: EntityApplicationRules;
  /** Living area per person (m²) used to suggest how many people a property can accommodate. */
  areaPerPersonM2: number;
  /** Versions of the legal texts a host accepts when opening a cabinet. */
  legal: { terms: string; privacy: string };
  contacts: { phone: string; email: string; address: Record<Language, string> };
  /** The document an approved registration is printed as: its languages in order, who issues it, its shape. */
  card: CardDeclaration;
  registration: RegistrationRules;
  /** The registration form: its fields, pages and checks (src/shared/forms). */
  registrationForm: FormDeclaration;
  /**
   * Which words name the statuses (i18n namespace): Kyrgyzstan's portal says «Заявка подана» /
   * «Регистрация действительна» / «Отклонено»; Russia's «В обработке» / «На проверке документов»
   * / «Одобрено» / «Отклонено».
   */
  statusWords: 'archive.statuses' | 'archive.statusesRu';
  /** Working days: deadlines (late registration, the operators' one working day) count them. */
  calendar: WorkingCalendar;
  /** The zone the service's days and times are in (deadlines end at its midnight). */
  clock: ServiceClock;
  /** What an operator may decide and how long a host has to answer (src/server/modules/review). */
  review: ReviewRules;
}

/** The operators' side of a registration, as the country's rules have it. */
export interface ReviewRules {
  /**
   * How long a host has to answer a request for documents, from the day it was asked; after the
   * last day the application is overdue in the operators' queue (the host may still answer until
   * an operator decides).
   */
  answerWithin: DayCount;
  /** The reasons an operator rejects with (i18n keys under operator.queue.reasons), «other» last. */
  rejectionReasons: readonly string[];
  /** The reason for a request for documents that went unanswered past its day (one of the above). */
  noAnswerReason: string;
}

/** Text in each of the profile's languages. */
export type Wording = Partial<Record<Language, string>>;

export interface CardDeclaration {
  languages: readonly Language[];
  /** The issuing authority, one or two lines in each language (ministry, then its department). */
  authority: Partial<Record<Language, readonly string[]>>;
  /** What the verification page at /v/<seal> calls the document it checks. */
  verifyTitle: Wording;
  /**
   * The document's layout, by name: Kyrgyzstan's registration card (A5, photo, number, QR), or
   * Russia's notice of arrival at the place of stay (A4, its sections from the registration form's
   * answers, and a tear-off part for the foreigner below a cut line, with the same QR).
   */
  document: { layout: 'card' } | ArrivalNoticeLayout;
}

export interface ArrivalNoticeLayout {
  layout: 'arrivalNotice';
  title: Wording;
  /** Who gives the notice, under the title. */
  subtitle: Wording;
  tearOffTitle: Wording;
  /** The authority's mark on the tear-off part that the receiving party did what the law asks. */
  confirmation: Wording;
  /** The name of the downloaded file, before the registration number. */
  fileName: string;
}

/** A fee and the dates it applies between (inclusive; an open end applies until changed). */
export interface Fee {
  from: string;
  until?: string;
  amountMinor: number;
  currency: string;
}

export interface RegistrationRules {
  /** Data with validity dates: a later change never reprices an application made before it. */
  fees: readonly Fee[];
  /** Purposes of the stay a host chooses from (i18n keys under registration.purpose). */
  purposes: readonly string[];
  /** Passport types a foreigner may be registered with. */
  passportTypes: readonly string[];
  /** The longest registration period, in days, first and last included. */
  maxPeriodDays: number;
  /** The stay a new registration's period is set to at first (the host changes it): the usual visa-free stay. */
  usualPeriodDays: number;
  /** Under this age a foreigner is registered together with a parent or guardian. */
  adultAge: number;
  /**
   * Registration is due this long after entry, in the unit the law counts in; later is allowed
   * but flagged, with the fine the host risks when the law names one.
   */
  lateAfter: DayCount;
  /** The fine for a late registration, and the most a repeat offence costs where the law says. */
  lateFine?: { minMinor: number; maxMinor: number; repeatMaxMinor?: number; currency: string };
  /**
   * i18n keys (the profile's own words, under `profileNotices`) of what the host is told right
   * before confirming with the PIN: the liability the country's law sets for a false registration.
   */
  beforeConfirm?: readonly string[];
  /**
   * Control of fictitious registration: more applications than this at one property, or by one
   * host, within the days given, are flagged for the operators (not refused).
   */
  busy: { days: number; perProperty: number; perHost: number };
}

/** The fee that applies on `date` ('YYYY-MM-DD'), or undefined when the schedule has none. */
export function feeOn(rules: RegistrationRules, date: string): Fee | undefined {
  return rules.fees.find((fee) => fee.from <= date && (!fee.until || date <= fee.until));
}

/** Whether registering ever costs anything: where it never does, no page speaks of paying. */
export function chargesFee(rules: RegistrationRules): boolean {
  return rules.fees.some((fee) => fee.amountMinor > 0);
}

/** 'DDMMYYYY' → 'YYYY-MM-DD' if it is a real calendar date. */
export function dateFromDdMmYyyy(value: string): string | undefined {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export type PlaceOfStay =
  | { kind: 'registryCode' }
  | {
      kind: 'address';
      /** The first-level divisions a host picks from (code, and the name in each language). */
      regions: readonly { code: string; ru: string; en: string }[];
      /** Kinds of street, written out as the address is printed (the seed: no «ул.» for «улица»). */
      streetTypes: readonly { value: string; ru: string; en: string }[];
      /** The postal reference the index is checked against, by name (src/server/reference). */
      postalReference: 'russianPost';
    };

/** The identifiers a legal entity's application may carry, by field. */
export type EntityIdentifierField = 'taxNumber' | 'registrationNumber' | 'kpp';

export interface EntityApplicationRules {
  /**
   * The legal forms the applicant picks before typing the name (ООО, АО, ИП…); `entrepreneur` marks
   * an individual entrepreneur, whose identifiers differ. Empty: the full name is typed whole.
   */
  legalForms: readonly { value: string; ru: string; en: string; entrepreneur?: boolean }[];
  /**
   * The identifier fields and the rule (src/shared/forms/identifiers.ts) each is checked by, for an
   * organisation and for an entrepreneur; a field not named is not asked. Undefined: the tax number
   * alone, by `CountryProfile.taxNumber`.
   */
  identifiers?: Record<
    'organisation' | 'entrepreneur',
    Partial<Record<EntityIdentifierField, IdentifierName>>
  >;
  /** Whether the head is identified by the country's personal number. */
  headPersonalNumber: boolean;
  /** The entity's documents, each its own upload (i18n entity.documents.<name>). */
  documents: readonly string[];
  /** Each property's documents, uploaded as `<name>.<index>`. */
  propertyDocuments: readonly string[];
}
