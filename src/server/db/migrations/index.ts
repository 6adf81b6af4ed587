import type { Migration } from 'kysely';
import * as foundation from './2026-11-25T0900-foundation.js';
import * as properties from './2026-11-25T1300-properties.js';
import * as hardening from './2026-12-01T2200-hardening.js';
import * as registrations from './2026-12-01T2330-registrations.js';
import * as payments from './2026-12-02T0000-payments.js';
import * as review from './2026-12-02T0100-review.js';
import * as cards from './2026-12-02T0200-cards.js';
import * as legalEntities from './2026-12-02T0300-legal-entities.js';
import * as entityCabinets from './2026-12-02T0400-entity-cabinets.js';
import * as appliedCallbacks from './2026-12-03T0900-applied-callbacks.js';
import * as addressPlaces from './2026-12-03T1400-address-places.js';
import * as registrationMessages from './2026-12-03T1540-registration-messages.js';
import * as attachments from './2026-12-03T1520-attachments.js';
import * as registrationAnswers from './2026-12-03T1530-registration-answers.js';
import * as apiKeys from './2026-12-03T1920-api-keys.js';

/** Every migration by name, in order. Listed here (not read from disk) so bundlers and test runners see them. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T0900-foundation': foundation,
  '2026-11-25T1300-properties': properties,
  '2026-12-01T2200-hardening': hardening,
  '2026-12-01T2330-registrations': registrations,
  '2026-12-02T0000-payments': payments,
  '2026-12-02T0100-review': review,
  '2026-12-02T0200-cards': cards,
  '2026-12-02T0300-legal-entities': legalEntities,
  '2026-12-02T0400-entity-cabinets': entityCabinets,
  '2026-12-03T0900-applied-callbacks': appliedCallbacks,
  '2026-12-03T1400-address-places': addressPlaces,
  '2026-12-03T1540-registration-messages': registrationMessages,
  '2026-12-03T1520-attachments': attachments,
  '2026-12-03T1530-registration-answers': registrationAnswers,
  '2026-12-03T1920-api-keys': apiKeys,
};
