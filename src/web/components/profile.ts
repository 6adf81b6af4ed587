import { pageProfile } from '../i18n';
import type { CountryProfile } from '../../shared/profiles/profile';

/** The country profile the server runs, as it wrote it on the page (kg unless configured otherwise). */
export function useProfile(): CountryProfile {
  return pageProfile;
}
