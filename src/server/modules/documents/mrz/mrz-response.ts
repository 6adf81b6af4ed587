import type { MrzReading } from './read-mrz.js';

/** The one shape the CLI and the API give: flat fields, absent when not read. */
export function toMrzResponse(reading: MrzReading) {
  const f = reading.fields ?? {};
  return {
    status: reading.status,
    ...(reading.type ? { type: reading.type } : {}),
    ...(reading.status === 'ok'
      ? {
          documentCode: f.documentCode,
          issuingState: f.issuingState,
          surname: f.surname,
          givenNames: f.givenNames,
          documentNumber: f.documentNumber,
          nationality: f.nationality,
          birthDate: f.birthDate,
          sex: f.sex,
          expiryDate: f.expiryDate,
          personalNumber: f.personalNumber,
        }
      : {}),
    ...(reading.mrz ? { mrz: reading.mrz } : {}),
    uncertain: reading.uncertain,
  };
}
