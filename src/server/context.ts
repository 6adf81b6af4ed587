import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { DomainEvents } from './events.js';
import type { CaptchaOptions } from './http/captcha.js';
import type { Translate } from './http/i18n.js';
import type { Acquirer } from './modules/payments/acquirer.js';
import type { CardKeyRing } from './modules/cards/card-keys.js';
import type { BatchedCounter } from './http/batched-counter.js';
import type { MrzPool } from './modules/documents/mrz/mrz-pool.js';
import type { FileStorage } from './modules/documents/storage.js';
import type { PropertyRegistry } from './modules/properties/registry.js';
import type { Secrets } from './security/secrets.js';
import type { CountryProfile } from '../shared/profiles/index.js';

/** What services need from the running app; built once in buildApp. */
export interface AppContext {
  config: Config;
  db: Db;
  secrets: Secrets;
  storage: FileStorage;
  profile: CountryProfile;
  /** The deployment's texts: the neutral dictionaries with the profile's words over them. */
  translate: Translate;
  captcha: CaptchaOptions;
  secureCookies: boolean;
  /** Multiplies every per-route rate limit; tests that make many requests from one address raise it. */
  rateLimitFactor: number;
  /** Where property codes are looked up: the embedded registry, or a real one over HTTP. */
  registry: PropertyRegistry;
  /** The card acquirer chosen by ACQUIRER. */
  acquirer: Acquirer;
  /** Where browsers and acquirers reach Konok: PUBLIC_URL, or the address it listens on. */
  publicUrl: () => string;
  /** Public status checks per caller, counted across processes (see BatchedCounter). */
  statusChecks: BatchedCounter;
  /** The keys that sign registration cards' seals. */
  cardKeys: CardKeyRing;
  /** The OCR pool, started on first use (it holds a trained model per thread). */
  mrzPool: () => MrzPool;
  /** What modules tell each other happened, inside the transaction that did it (see events.ts). */
  events: DomainEvents;
}
