// Money as Konok writes it in every language, on its pages and on the acquirer's: the amount, then
// the currency's code — «103,00 KGS» in Russian and Kyrgyz, «103.00 KGS» in English. No ICU: its
// Kyrgyz data and its currency signs differ between Node and browsers.

/** An amount in minor units (tyiyn, kopeks) with its currency's code. */
export function formatMoney(
  amountMinor: number,
  currency: string,
  language: string,
  options: { wholeOnly?: boolean } = {},
): string {
  const english = language === 'en';
  const whole = Math.trunc(Math.abs(amountMinor) / 100);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, english ? ',' : '\u202f');
  const cents = String(Math.abs(amountMinor) % 100).padStart(2, '0');
  const sign = amountMinor < 0 ? '−' : '';
  const amount = options.wholeOnly ? grouped : `${grouped}${english ? '.' : ','}${cents}`;
  return `${sign}${amount} ${currency}`;
}
