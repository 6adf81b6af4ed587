import type { ServiceClock } from './dates.js';
import type { CountryProfile, Language, Wording } from './profiles/profile.js';

/**
 * What the card verification page (/v/<seal>) needs of the deployment's profile: it is a small
 * page apart from the app, kept for offline use, so the server writes this into the page itself
 * rather than the page loading the whole profile.
 */
export interface VerifyPageProfile {
  languages: readonly Language[];
  defaultLanguage: Language;
  /** The page's heading: the check of the document this country issues. */
  title: Wording;
  authority: Partial<Record<Language, readonly string[]>>;
  /**
   * The seal's place code is shown where it is a registry's code someone can look up; where places
   * are addresses it is only a digest of the address, which tells a reader nothing.
   */
  showsPlaceCode: boolean;
  /** The card's days are this country's calendar days. */
  clock: ServiceClock;
}

export const VERIFY_PROFILE_ID = 'verify-profile';

export function verifyPageProfile(profile: CountryProfile): VerifyPageProfile {
  return {
    languages: profile.languages,
    defaultLanguage: profile.defaultLanguage,
    title: profile.card.verifyTitle,
    authority: profile.card.authority,
    showsPlaceCode: profile.placeOfStay.kind === 'registryCode',
    clock: profile.clock,
  };
}

/** The page with the profile written in as data (not script: the strict CSP stays as it is). */
export function verifyPageHtml(html: string, profile: CountryProfile): string {
  // '<' escaped: no text of the profile can close the element early.
  const json = JSON.stringify(verifyPageProfile(profile)).replace(/</g, '\\u003c');
  return html
    .replace('<html lang="ru">', `<html lang="${profile.defaultLanguage}">`)
    .replace(
      '</head>',
      `<script id="${VERIFY_PROFILE_ID}" type="application/json">${json}</script>\n  </head>`,
    );
}
