import { kg } from './kg.js';
import type { CountryProfile } from './profile.js';
import { ru } from './ru.js';

export * from './profile.js';

export const PROFILES: Record<CountryProfile['code'], CountryProfile> = { kg, ru };

export function getProfile(code: string): CountryProfile {
  return PROFILES[code as CountryProfile['code']] ?? kg;
}
