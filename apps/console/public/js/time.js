import { currentLang, t } from './i18n.js';

// Instants are formatted in the establishment's zone, which the server sends with the data
// (the policy decides it), never in the zone of the browser.

const LOCALES = { fr: 'fr-CA', en: 'en-CA' };
const formats = new Map();

function format(zone, options) {
  const key = `${currentLang()}|${zone}|${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(LOCALES[currentLang()], { timeZone: zone, ...options }));
  return formats.get(key);
}

/** `23 juin 2026, 15 h 10 min 03 s HAE`-like: date, time with seconds, zone abbreviation. */
export function instant(iso, zone) {
  if (!iso) return '—';
  return format(zone, { dateStyle: 'medium', timeStyle: 'long' }).format(new Date(iso));
}

function parts(iso, zone, options) {
  return Object.fromEntries(format(zone, options).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

/** `04:33:07`: time of day with seconds, for the feed, where the date is mostly today. */
export function timeOfDay(iso, zone) {
  if (!iso) return '—';
  const p = parts(iso, zone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** `29 nov. 04:34`: day and time without seconds, for axes and compact cells. */
export function shortInstant(iso, zone) {
  if (!iso) return '—';
  const p = parts(iso, zone, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return currentLang() === 'fr' ? `${p.day} ${p.month} ${p.hour}:${p.minute}` : `${p.month} ${p.day} ${p.hour}:${p.minute}`;
}

/** The zone's short name at that instant (`HAE`, `EDT`). */
export function zoneName(zone, at = new Date()) {
  return format(zone, { timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** `2 h 15 min`, `3 j 4 h`, `45 s`: two units at most, for durations of business time. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  const sign = ms < 0 ? '−' : '';
  let rest = Math.round(Math.abs(ms) / 1000);
  const parts = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['min', 60], ['s', 1]]) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (unit === 's' && parts.length === 0)) parts.push(t(`duration.${unit}`, { n }));
    if (parts.length === 2) break;
  }
  return sign + parts.join(' ');
}
