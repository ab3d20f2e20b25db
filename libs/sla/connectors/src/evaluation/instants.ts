import { DateTime } from 'luxon';

/** Epoch values below this are seconds (until 5138), above it milliseconds (after 1973). */
const SECONDS_BELOW = 1e11;
const LOCAL_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm'];
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const NUMERIC = /^\d+(?:\.\d+)?$/;

/**
 * An instant as the sources write it, as ISO-8601 with an offset (milliseconds dropped when zero),
 * or null when it is none: epoch ms or s (Jira's `timestamp`), ISO with an offset (`Z`,
 * `-05:00`, Jira's `-0500`), or local time without an offset (GLPI's `Y-m-d H:i:s`, RT's in UTC)
 * read in `zone`. An offset the source wrote is kept, so that people read the local time it meant.
 */
export function readInstant(value: string | number | boolean, zone: string): string | null {
  if (typeof value === 'boolean') return null;
  if (typeof value === 'number' || NUMERIC.test(value)) return fromEpoch(Number(value), zone);
  const text = value.trim();
  const parsed = HAS_OFFSET.test(text) ? DateTime.fromISO(text, { setZone: true }) : local(text, zone);
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : null;
}

function fromEpoch(epoch: number, zone: string): string | null {
  const ms = epoch < SECONDS_BELOW ? epoch * 1_000 : epoch;
  const parsed = DateTime.fromMillis(ms, { zone });
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : null;
}

function local(text: string, zone: string): DateTime {
  for (const format of LOCAL_FORMATS) {
    const parsed = DateTime.fromFormat(text, format, { zone });
    if (parsed.isValid) return parsed;
  }
  return DateTime.fromISO(text, { zone });
}
