import { PolicyError } from '../policy-error';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A duration split into business days (whose length the policy decides) and fixed time. */
export interface DurationParts {
  readonly days: number;
  readonly ms: number;
}

export type DurationReading =
  | { readonly ok: true; readonly parts: DurationParts }
  | { readonly ok: false; readonly reason: string };

const ACCEPTED = 'write it as 30min, 8h, 2j, 1h30min, or ISO-8601 (PT30M, PT8H, P2D, P1DT4H)';

/** Contract notation: integer amounts, units in decreasing order, each at most once. */
const CONTRACT = /^(?:(\d+)\s*[jd]\s*)?(?:(\d+)\s*h\s*)?(?:(\d+)\s*min)?$/i;
/** ISO-8601 durations limited to what has a fixed business length: days, hours, minutes, seconds. */
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/**
 * Reads a duration without throwing, for validation that collects every problem.
 * `j` (French "jour"), `d` and ISO `D` are business days; their length is applied later.
 */
export function readDuration(text: string): DurationReading {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: `an empty text is not a duration: ${ACCEPTED}` };
  const contract = CONTRACT.exec(trimmed);
  if (contract) return toParts(contract[1], contract[2], contract[3], undefined);
  const iso = ISO.exec(trimmed);
  if (iso && /\d/.test(trimmed) && !/T$/i.test(trimmed)) return toParts(iso[1], iso[2], iso[3], iso[4]);
  if (/^P(?:\d+[YMWD])*\d+[YMW]/i.test(trimmed)) {
    return { ok: false, reason: `"${trimmed}" uses years, months or weeks, which have no fixed business length: ${ACCEPTED}` };
  }
  return { ok: false, reason: `"${trimmed}" is not a duration: ${ACCEPTED}` };
}

function toParts(days?: string, hours?: string, minutes?: string, seconds?: string): DurationReading {
  const n = (s?: string): number => (s === undefined ? 0 : Number(s));
  const ms = n(hours) * HOUR_MS + n(minutes) * MINUTE_MS + n(seconds) * 1000;
  return { ok: true, parts: { days: n(days), ms } };
}

/**
 * A policy duration in milliseconds of calendar time.
 *
 * Accepts the contract's notations (`30min`, `8h`, `2j`, combined as `1h30min` or `1j 4h`;
 * `d` is accepted for "day") and ISO-8601 durations (`PT30M`, `PT8H`, `P2D`, `P1DT4H`).
 * A day (`j`, `d`, ISO `D`) is always a *business* day of `businessDayMs`, even on a 24x7
 * target: the contract counts days of work, and a 24x7 "1j" meaning 24h would make the same
 * word mean three times more depending on the calendar. Write `24h` for a real day.
 *
 * @throws PolicyError `POLICY.INVALID_DURATION` for anything else (units `m`, years, months,
 * weeks, decimals, negative values, units out of order).
 */
export function parseDuration(text: string, businessDayMs: number): number {
  const reading = readDuration(text);
  if (!reading.ok) throw new PolicyError('POLICY.INVALID_DURATION', reading.reason);
  return reading.parts.days * businessDayMs + reading.parts.ms;
}

/** Milliseconds in the contract's notation, hours and minutes only (`32h`, `1h30min`, `0min`). */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.round(ms / MINUTE_MS);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes}min`;
  return minutes === 0 ? `${hours}h` : `${hours}h${minutes}min`;
}
