import type { MrzReading } from './read-mrz.js';

/**
 * The one shape the CLI and the API give: flat fields, absent when not read. A zone whose check
 * digits fail still gives its fields as printed, with the failing ones in `uncertain`: the host
 * checks a marked field against the passport instead of typing every one.
 */
export function toMrzResponse(reading: MrzReading) {
  const f = reading.fields ?? {};
  return {
    status: reading.status,
    ...(reading.type ? { type: reading.type } : {}),
    ...(reading.status === 'ok' || (reading.status === 'invalid' && reading.fields)
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
