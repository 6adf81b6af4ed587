/** A tree of texts, as the i18n JSON files hold them. */
export type Texts = { [key: string]: Texts | string | string[] };

/**
 * The texts a page, a message or a card is written in: the country-neutral dictionary of the
 * language, with the profile's own words laid over it (the state, its ministry and department,
 * its laws, its phone numbers). What names a country lives only in its profile's file, so a
 * second country is a new overlay, never an edit of the first's words.
 */
export function mergeTexts(base: Texts, overlay: Texts): Texts {
  const merged: Texts = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const under = merged[key];
    merged[key] =
      typeof value === 'object' && !Array.isArray(value) && typeof under === 'object' && !Array.isArray(under)
        ? mergeTexts(under, value)
        : value;
  }
  return merged;
}
