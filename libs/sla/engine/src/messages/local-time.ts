import { EngineError } from '../engine-error';
import { BoundedMemo } from '../bounded-memo';
import { zoneAbbreviation, zoneOffset } from './zone-offsets';

/** The two languages of the contract's support, hence of every message and rendering. */
export type Language = 'fr' | 'en';

export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/**
 * How an instant is written for a person:
 * - `sentence`: inside a message, in each language's own way
 *   (fr `28 nov. 2026 à 22 h 37 HNE`, en `Nov 28, 2026, 10:37 PM EST`);
 * - `table`: aligned columns in a terminal (`2026-11-28 22:37 HNE` / `… EST`);
 * - `seconds`: as `table`, to the second (`sla watch`, where events arrive seconds apart).
 */
export type LocalTimeStyle = 'sentence' | 'table' | 'seconds';

const LOCALES: Record<Language, string> = { fr: 'fr-CA', en: 'en-US' };

/** Short month names as each locale writes them in a date (`nov.`, `Nov`), from ICU once. */
const MONTHS: Record<Language, readonly string[]> = {
  fr: monthNames(LOCALES.fr),
  en: monthNames(LOCALES.en),
};

function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  return Array.from({ length: 12 }, (_, m) => format.formatToParts(Date.UTC(2026, m, 15)).find((p) => p.type === 'month')?.value ?? '');
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock fields of `ms` in `zone`: UTC getters on the instant moved by the zone's offset. */
function wallClock(ms: number, zone: string) {
  const offset = zoneOffset(zone, ms);
  const wall = new Date(ms + offset);
  return {
    offset,
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth(),
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: two(wall.getUTCMinutes()),
    second: two(wall.getUTCSeconds()),
  };
}

/**
 * An instant (epoch ms or ISO string) as a person of the establishment reads it, in `zone`
 * (from `tenantTimeZone`). Pure: the same inputs always give the same text. Quebec French writes
 * `22 h 37` (OQLF); the zone's abbreviation (HNE/HAE, EST/EDT) keeps the instant unambiguous on
 * the night the clocks fall back.
 *
 * @throws EngineError `TIME.INVALID` for an unknown zone or an unparsable instant, rather than
 *   "Invalid Date" in a message.
 */
export function localTime(instant: number | string, zone: string, lang: Language, style: LocalTimeStyle = 'sentence'): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new EngineError('TIME.INVALID', `${String(instant)} is not an instant`);
  const t = wallClock(ms, zone);
  const abbreviation = zoneAbbreviation(zone, LOCALES[lang], ms, t.offset);
  if (style !== 'sentence') {
    const seconds = style === 'seconds' ? `:${t.second}` : '';
    return `${t.year}-${two(t.month + 1)}-${two(t.day)} ${two(t.hour)}:${t.minute}${seconds} ${abbreviation}`;
  }
  const month = MONTHS[lang][t.month];
  if (lang === 'fr') return `${t.day} ${month} ${t.year} à ${t.hour} h ${t.minute} ${abbreviation}`;
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  return `${month} ${t.day}, ${t.year}, ${hour12}:${t.minute} ${t.hour < 12 ? 'AM' : 'PM'} ${abbreviation}`;
}

/**
 * Both languages' sentences per zone and minute: the style shows no seconds, and zones change
 * offset on whole minutes, so every instant of a minute reads the same. Thresholds fall in
 * crowds (a catch-up, tickets opened over a weekend all counting from Monday 08:30), and each
 * sentence costs an offset, an abbreviation and two strings.
 */
const sentences = new BoundedMemo<string, Readonly<Record<Language, string>>>(10_000);
const MINUTE_MS = 60_000;

/** An instant in both languages, in the `sentence` style: what bilingual messages embed. */
export function localTimes(instant: number | string, zone: string): Readonly<Record<Language, string>> {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  // Throws on a bad instant or zone (TIME.INVALID), keeping nothing.
  return sentences.get(`${zone} ${Math.floor(ms / MINUTE_MS)}`, () => ({ fr: localTime(ms, zone, 'fr'), en: localTime(ms, zone, 'en') }));
}
