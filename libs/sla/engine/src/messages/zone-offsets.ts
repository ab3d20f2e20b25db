import { EngineError } from '../engine-error';

const HOUR_MS = 3_600_000;
/** Bound on remembered hours: a year of one zone; past it the cache starts over. */
const MAX_HOURS = 10_000;

const numeric = new Map<string, Intl.DateTimeFormat>();
const offsetsByHour = new Map<string, number>();
const abbreviations = new Map<string, string>();

function numericFormat(zone: string): Intl.DateTimeFormat {
  let format = numeric.get(zone);
  if (format === undefined) {
    try {
      const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', ...fields });
    } catch {
      throw new EngineError('TIME.INVALID', `no time zone "${zone}"`);
    }
    numeric.set(zone, format);
  }
  return format;
}

/** The zone's offset from UTC at `ms` (ms), read from ICU's rules: local wall time minus UTC. */
function offsetFromIcu(zone: string, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of numericFormat(zone).formatToParts(ms)) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The zone's offset at `ms`. Asking ICU costs tens of microseconds, and messages are written on
 * the timer's firing path (50,000 in a catch-up), so offsets are remembered per UTC hour: an hour
 * whose two ends have the same offset has it throughout (zones change at most once in an hour);
 * the hour of a change is asked instant by instant.
 */
export function zoneOffset(zone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS) * HOUR_MS;
  const key = `${zone}|${hour}`;
  const known = offsetsByHour.get(key);
  if (known !== undefined) return known;
  const start = offsetFromIcu(zone, hour);
  if (start !== offsetFromIcu(zone, hour + HOUR_MS - 1)) return offsetFromIcu(zone, ms);
  if (offsetsByHour.size >= MAX_HOURS) offsetsByHour.clear();
  offsetsByHour.set(key, start);
  return start;
}

/** The zone's short name at `ms` in a locale (`HNE`/`HAE` in fr-CA, `EST`/`EDT` in en-US), per offset. */
export function zoneAbbreviation(zone: string, locale: string, ms: number, offset: number): string {
  const key = `${zone}|${locale}|${offset}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(ms);
    name = parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
    abbreviations.set(key, name);
  }
  return name;
}
