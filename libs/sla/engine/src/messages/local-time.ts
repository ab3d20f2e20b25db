import { DateTime } from 'luxon';
import { EngineError } from '../engine-error';

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

// Quebec French writes `22 h 37` (OQLF); the zone abbreviation (HNE/HAE, EST/EDT) keeps the
// instant unambiguous on the night the clocks fall back.
const FORMATS: Record<LocalTimeStyle, Record<Language, string>> = {
  sentence: { fr: "d LLL yyyy 'à' H 'h' mm ZZZZ", en: 'LLL d, yyyy, h:mm a ZZZZ' },
  table: { fr: 'yyyy-LL-dd HH:mm ZZZZ', en: 'yyyy-LL-dd HH:mm ZZZZ' },
  seconds: { fr: 'yyyy-LL-dd HH:mm:ss ZZZZ', en: 'yyyy-LL-dd HH:mm:ss ZZZZ' },
};

const LOCALES: Record<Language, string> = { fr: 'fr-CA', en: 'en-US' };

/**
 * An instant (epoch ms or ISO string) as a person of the establishment reads it, in `zone`
 * (from `tenantTimeZone`). Pure: the same inputs always give the same text.
 *
 * @throws EngineError `TIME.INVALID` for an unknown zone or an unparsable instant, rather than
 *   luxon's "Invalid DateTime" text in a message.
 */
export function localTime(instant: number | string, zone: string, lang: Language, style: LocalTimeStyle = 'sentence'): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const at = DateTime.fromMillis(ms, { zone, locale: LOCALES[lang] });
  if (!at.isValid) throw new EngineError('TIME.INVALID', `cannot write ${String(instant)} in zone "${zone}": ${at.invalidExplanation ?? at.invalidReason}`);
  return at.toFormat(FORMATS[style][lang]);
}

/** An instant in both languages, in the `sentence` style: what bilingual messages embed. */
export function localTimes(instant: number | string, zone: string): Record<Language, string> {
  return { fr: localTime(instant, zone, 'fr'), en: localTime(instant, zone, 'en') };
}
