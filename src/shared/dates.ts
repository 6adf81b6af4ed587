// Calendar dates as 'YYYY-MM-DD' strings, with no library: profiles and pages use them too.

/** The service's clock (UTC+6, no daylight saving): dates and deadlines are shown in it. */
export const SERVICE_TIME_ZONE = 'Asia/Bishkek';

/** Today's date as 'YYYY-MM-DD' in UTC+6 (Bishkek), the service's calendar. */
export function todayIso(now = new Date()): string {
  return new Date(now.getTime() + 6 * 3600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' moved by `days` (negative: back). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from one 'YYYY-MM-DD' to another. */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function yearsBetween(fromIso: string, toIso: string): number {
  const [fy, fm, fd] = fromIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = toIso.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}
