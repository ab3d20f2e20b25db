import fc from 'fast-check';
import { DateTime } from 'luxon';
import { localTime, type Language } from './local-time';

const ZONES = ['America/Toronto', 'America/Vancouver', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/Paris', 'UTC'];
const LOCALES: Record<Language, string> = { fr: 'fr-CA', en: 'en-US' };
const LUXON_FORMATS = {
  sentence: { fr: "d LLL yyyy 'à' H 'h' mm ZZZZ", en: 'LLL d, yyyy, h:mm a ZZZZ' },
  table: { fr: 'yyyy-LL-dd HH:mm ZZZZ', en: 'yyyy-LL-dd HH:mm ZZZZ' },
  seconds: { fr: 'yyyy-LL-dd HH:mm:ss ZZZZ', en: 'yyyy-LL-dd HH:mm:ss ZZZZ' },
} as const;

/** The slow reference: luxon, which asks ICU afresh for every instant. */
const reference = (ms: number, zone: string, lang: Language, style: keyof typeof LUXON_FORMATS) =>
  DateTime.fromMillis(ms, { zone, locale: LOCALES[lang] }).toFormat(LUXON_FORMATS[style][lang]);

const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
/** The hours of 2026 in which each zone changes its offset (DST), found with luxon day by day, then hour by hour. */
const CHANGES: (readonly [string, number])[] = ZONES.flatMap((zone) => {
  const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const days = Array.from({ length: 366 }, (_, d) => Date.UTC(2026, 0, 1) + d * 86_400_000);
  return days
    .filter((day, i) => i > 0 && offset(day) !== offset(days[i - 1]))
    .map((day) => Array.from({ length: 25 }, (_, h) => day - (24 - h) * 3_600_000).find((hour) => offset(hour) !== offset(hour - 3_600_000)) ?? day)
    .map((hour) => [zone, hour] as const);
});
/** Instants within an hour of a change, where a cached offset would go wrong. */
const nearChanges = fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3_600_000, max: 3_600_000 })).map(([[zone, hour], delta]) => [zone, hour + delta] as const);

describe('local time, the fast way, agrees with luxon everywhere', () => {
  it.each(['sentence', 'table', 'seconds'] as const)('given any instant and zone, then the %s style is luxon\'s text', (style) => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), fc.constantFrom<Language>('fr', 'en'), (ms, zone, lang) => {
        expect(localTime(ms, zone, lang, style)).toBe(reference(ms, zone, lang, style));
      }),
      { numRuns: 400 },
    );
  });

  it('given instants around the DST changes (30-minute ones too), then the offset and abbreviation are right to the millisecond', () => {
    expect(CHANGES.length).toBeGreaterThanOrEqual(8);
    fc.assert(
      fc.property(nearChanges, fc.constantFrom<Language>('fr', 'en'), ([zone, ms], lang) => {
        expect(localTime(ms, zone, lang, 'seconds')).toBe(reference(ms, zone, lang, 'seconds'));
      }),
      { numRuns: 600 },
    );
  });
});
