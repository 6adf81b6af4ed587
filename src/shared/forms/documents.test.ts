import { describe, expect, it } from 'vitest';
import { kg } from '../profiles/kg';
import { ru } from '../profiles/ru';
import { attachmentFileName, requiredDocuments, scanDpi, transliterate } from './documents';
import { formSchema } from './build';
import { checklistForm } from '../../../tests/support/checklist-form';

const types = (answers: Record<string, unknown>) =>
  requiredDocuments(ru.registrationForm, answers).map((item) => item.type);

describe('the documents checklist of the ru form', () => {
  it('an owner living in their own dwelling, the foreigner on a visa', () => {
    expect(types({ receivingParty: 'owner', dwellingRented: false, stayDocument: 'visa' })).toEqual([
      'foreignerPassport',
      'visa',
      'ownershipDocument',
      'hostPassport',
    ]);
  });

  it('a rented dwelling asks for the lease and the owner’s consent, not the title', () => {
    expect(types({ receivingParty: 'owner', dwellingRented: true, stayDocument: 'migrationCard' })).toEqual([
      'foreignerPassport',
      'migrationCard',
      'leaseAgreement',
      'ownerConsent',
      'hostPassport',
    ]);
  });

  it('a relative proves the kinship; a representative the authority', () => {
    expect(types({ receivingParty: 'relative', stayDocument: 'visa' })).toEqual([
      'foreignerPassport',
      'visa',
      'hostPassport',
      'relationProof',
    ]);
    expect(types({ receivingParty: 'representative', stayDocument: 'visa' })).toEqual([
      'foreignerPassport',
      'visa',
      'hostPassport',
      'powerOfAttorney',
    ]);
  });

  it('an employer gives the contract, and no passport of a person', () => {
    expect(types({ receivingParty: 'employer', stayDocument: 'residencePermit' })).toEqual([
      'foreignerPassport',
      'residencePermit',
      'employmentContract',
    ]);
  });

  it('a temporary residence permit comes with medical insurance', () => {
    expect(types({ receivingParty: 'organisation', stayDocument: 'temporaryResidencePermit' })).toEqual([
      'foreignerPassport',
      'residencePermit',
      'insurance',
    ]);
  });

  it('kg declares no checklist: its two core uploads only', () => {
    expect(requiredDocuments(kg.registrationForm, { receivingParty: 'owner' })).toEqual([]);
    expect(kg.registrationForm.documents).toBeUndefined();
  });

  it('the form refuses a missing item, one problem per item, and counts the passport upload for the passport', () => {
    const schema = formSchema(checklistForm, { profile: ru, today: '2026-12-03' }, {});
    const issues = (answers: Record<string, unknown>) =>
      (schema.safeParse(answers).error?.issues ?? [])
        .filter((issue) => issue.path[0] === 'attachments')
        .map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues({ receivingParty: 'relative', stayDocument: 'visa' })).toEqual([
      ['attachments.foreignerPassport', 'errors.attachment.missing'],
      ['attachments.visa', 'errors.attachment.missing'],
      ['attachments.hostPassport', 'errors.attachment.missing'],
      ['attachments.relationProof', 'errors.attachment.missing'],
    ]);
    expect(
      issues({
        receivingParty: 'relative',
        stayDocument: 'visa',
        passportDocumentId: 5,
        attachments: [
          { type: 'visa', documentId: 6 },
          { type: 'hostPassport', documentId: 7 },
          { type: 'relationProof', documentId: 8 },
          { type: 'relationProof', documentId: 9 },
        ],
      }),
    ).toEqual([]);
    expect(issues({ attachments: [{ type: 'diploma', documentId: 6 }] })).toContainEqual([
      'attachments.0.type',
      'errors.attachment.type',
    ]);
  });
});

describe('a scan’s resolution', () => {
  it('is the pixels along the longer side over the page’s longer side, whatever the orientation', () => {
    // A4 at 300 dpi is 3507 px on its long side; at 299 dpi, 3496.
    expect(scanDpi({ width: 2480, height: 3507 }, 'a4')).toBe(300);
    expect(scanDpi({ width: 3496, height: 2480 }, 'a4')).toBe(299);
    // A passport page (ID-3, 125 mm) at 300 dpi needs 1476 px.
    expect(scanDpi({ width: 1476, height: 1040 }, 'id3')).toBe(300);
    expect(scanDpi({ width: 1470, height: 1040 }, 'id3')).toBe(298);
  });
});

describe('the names Konok gives the files', () => {
  it('are Latin letters, digits and underscores', () => {
    expect(transliterate('Щербакова-Ёлкина Юлия')).toBe('Shcherbakova_Elkina_Iuliia');
    expect(transliterate('Өмүрбеков Айбек')).toBe('Omurbekov_Aibek');
    expect(transliterate("O'Connor  José")).toBe('O_Connor_Jose');
  });

  it('are surname, first name and type, with the part when there are several', () => {
    const base = { surname: 'Иванов', givenNames: 'Пётр Сергеевич', type: 'leaseAgreement' };
    expect(attachmentFileName({ ...base, mediaType: 'application/pdf' })).toBe(
      'IVANOV_PETR_LeaseAgreement.pdf',
    );
    expect(attachmentFileName({ ...base, mediaType: 'image/jpeg', part: 2, parts: 3 })).toBe(
      'IVANOV_PETR_LeaseAgreement_part2.jpg',
    );
    expect(
      attachmentFileName({ surname: 'SMITH', givenNames: 'JOHN', type: 'visa', mediaType: 'image/png' }),
    ).toBe('SMITH_JOHN_Visa.png');
  });

  it('are one name whether the host is still typing or the application is stored in capitals', () => {
    const file = { type: 'migrationCard', mediaType: 'image/jpeg' };
    const typing = [
      { surname: 'Muller', givenNames: 'Anna Maria' },
      { surname: 'müller', givenNames: 'anna' },
      { surname: 'MÜLLER', givenNames: 'ANNA MARIA' },
    ].map((person) => attachmentFileName({ ...person, ...file }));
    expect(new Set(typing)).toEqual(new Set(['MULLER_ANNA_MigrationCard.jpg']));
    // The form's schema stores «Straße» as «STRASSE»: the name typed and the name stored agree.
    expect(attachmentFileName({ surname: 'Straße', givenNames: 'Jürgen', ...file })).toBe(
      attachmentFileName({ surname: 'STRASSE', givenNames: 'JÜRGEN', ...file }),
    );
    expect(attachmentFileName({ surname: 'Щербакова', givenNames: 'юлия', ...file })).toBe(
      'SHCHERBAKOVA_IULIIA_MigrationCard.jpg',
    );
  });
});
