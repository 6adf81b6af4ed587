import { formatDateMultilingual, todayIso } from '../../../shared/dates.js';
import type { Answers, FieldKind } from '../../../shared/forms/form.js';
import { summaryRows, type SummaryRow } from '../../../shared/forms/summary.js';
import type { ArrivalNoticeLayout, CountryProfile } from '../../../shared/profiles/index.js';
import type { Translate } from '../../http/i18n.js';
import type { ArrivalNotice, NoticeRow, NoticeSection } from './notice-pdf.js';
import type { CardFacts } from './cards.repo.js';
import { countryName } from './pdf-parts.js';

/** Contacts are for the service to reach the foreigner, not part of the notice the state keeps. */
const NOT_PRINTED: readonly FieldKind[] = ['phone', 'email', 'upload'];

export interface NoticeInput {
  profile: CountryProfile;
  layout: ArrivalNoticeLayout;
  translate: Translate;
  facts: CardFacts;
  /** The answers as the registration form names them (decrypted where stored encrypted). */
  answers: Answers;
  addressLine: string;
  /** The receiving party: its name and its identity document or tax number, as printed. */
  host: { name: string; document: string };
  verifyUrl: string;
}

/** The form page, if the form has one, where the receiving party's own answers stand. */
const RECEIVING_PARTY_PAGE = 'receivingParty';

/**
 * The notice of arrival of one approved registration: its main part from the form's own summary
 * (so an answer the profile's form declares is printed without a change here), the receiving
 * party and the application, and the tear-off part's fixed lines.
 */
export function arrivalNotice(input: NoticeInput): ArrivalNotice {
  const { profile, translate, facts } = input;
  const languages = profile.card.languages;
  const inEach = (key: string) => [...new Set(languages.map((l) => translate(l, key)))].join(' / ');
  // The notice's own wording of a label where it has one, else the form's.
  const printed = (key: string, fallback: string) =>
    [
      ...new Set(
        languages.map((l) => {
          const text = translate(l, key);
          return text === key ? translate(l, fallback) : text;
        }),
      ),
    ].join(' / ');
  const date = (iso: string | null | undefined) => formatDateMultilingual(iso, languages);

  const value = (row: SummaryRow): string => {
    if (row.value === undefined || row.value === null || row.value === '') return '—';
    switch (row.kind) {
      case 'date':
        return date(String(row.value));
      case 'country':
        return countryName(String(row.value), languages);
      case 'boolean':
        return inEach('notice.yes');
      case 'property':
        return input.addressLine;
      case 'select':
        return row.optionLabel ? inEach(row.optionLabel) : String(row.value);
      default:
        return String(row.value);
    }
  };

  const answered = summaryRows(profile.registrationForm, input.answers)
    .map((section) => ({
      id: section.id,
      title: printed(`notice.pages.${section.id}`, section.title),
      rows: section.rows
        .filter((row) => !NOT_PRINTED.includes(row.kind))
        .map((row) => ({ label: printed(`notice.fields.${row.field}`, row.label), value: value(row) })),
    }))
    .filter((section) => section.rows.length > 0);

  const approvalDate = date(todayIso(facts.decided_at ?? new Date(), profile.clock));
  const receivingParty = [
    { label: inEach('notice.hostName'), value: input.host.name },
    { label: inEach('notice.hostDocument'), value: input.host.document },
  ];
  // Where the form has a page on the receiving party, its name heads that page's answers: one
  // section on the notice, not two.
  const ownPage = answered.find((section) => section.id === RECEIVING_PARTY_PAGE);
  if (ownPage) ownPage.rows.unshift(...receivingParty);
  const sections: NoticeSection[] = [
    ...answered.map(({ title, rows }) => ({ title, rows })),
    ...(ownPage ? [] : [{ title: inEach('notice.receivingParty'), rows: receivingParty }]),
    {
      title: inEach('notice.application'),
      rows: [
        { label: inEach('notice.applicationNumber'), value: facts.application_number },
        { label: inEach('notice.approvalDate'), value: approvalDate },
        { label: inEach('notice.registrationNumber'), value: facts.registration_number! },
      ],
    },
  ];

  const documentType = facts.passport_type ? inEach(`signup.passportTypes.${facts.passport_type}`) : '';
  const tearOff: NoticeRow[] = [
    {
      label: inEach('notice.fullName'),
      value: [facts.surname, facts.given_names, facts.patronymic].filter(Boolean).join(' '),
    },
    { label: inEach('notice.fields.birthDate'), value: date(facts.birth_date) },
    {
      label: inEach('notice.fields.passportCountry'),
      value: countryName(facts.passport_country ?? '', languages),
    },
    {
      label: inEach('notice.document'),
      value: `${documentType}, ${facts.passport_country ?? ''} ${String(input.answers.passportNumber ?? '')}`,
    },
    { label: inEach('notice.fields.propertyId'), value: input.addressLine },
    { label: inEach('notice.period'), value: `${date(facts.valid_from)} – ${date(facts.valid_until)}` },
    { label: inEach('notice.applicationNumber'), value: facts.application_number },
    { label: inEach('notice.approvalDate'), value: approvalDate },
  ];
  const department = languages
    .map((l) => profile.card.authority[l]?.[1])
    .filter(Boolean)
    .join(' / ');
  return {
    languages,
    authority: profile.card.authority,
    layout: input.layout,
    sections,
    tearOff,
    confirmedBy: `${department} — ${approvalDate}, №\u00a0${facts.registration_number!}`,
    verifyUrl: input.verifyUrl,
    registrationNumber: facts.registration_number!,
  };
}
