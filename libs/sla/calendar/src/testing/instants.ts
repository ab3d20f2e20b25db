/** Spec helpers: instants from ISO strings with an explicit offset, durations in ms. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch ms of an ISO 8601 string with an explicit offset, e.g. `2026-06-23T15:10-04:00`. */
export function at(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || !/(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`not an ISO instant with offset: ${iso}`);
  return t;
}

/** ISO string in UTC, for readable expectations. */
export function iso(t: number): string {
  return new Date(t).toISOString();
}
