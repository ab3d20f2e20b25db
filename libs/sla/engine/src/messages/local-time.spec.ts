import { localTime, localTimes } from './local-time';

const TORONTO = 'America/Toronto';

describe('an instant as a person of the establishment reads it', () => {
  it('given a winter evening in UTC, then each language writes the local day before, with HNE/EST', () => {
    expect(localTimes('2026-11-29T03:37:52.000Z', TORONTO)).toEqual({
      fr: '28 nov. 2026 à 22 h 37 HNE',
      en: 'Nov 28, 2026, 10:37 PM EST',
    });
  });

  it('given a summer instant, then the daylight abbreviation (HAE/EDT) says which hour it is', () => {
    expect(localTime(Date.parse('2026-06-16T13:05:00Z'), TORONTO, 'fr')).toBe('16 juin 2026 à 9 h 05 HAE');
    expect(localTime(Date.parse('2026-06-16T13:05:00Z'), TORONTO, 'en')).toBe('Jun 16, 2026, 9:05 AM EDT');
  });

  it('given the hour repeated when the clocks fall back, then the two 01:30 differ by their zone', () => {
    expect(localTime('2026-11-01T05:30:00Z', TORONTO, 'en', 'table')).toBe('2026-11-01 01:30 EDT');
    expect(localTime('2026-11-01T06:30:00Z', TORONTO, 'en', 'table')).toBe('2026-11-01 01:30 EST');
  });

  it('given the table and seconds styles, then columns are fixed-width with the local abbreviation', () => {
    expect(localTime('2026-06-25T19:10:00Z', TORONTO, 'en', 'table')).toBe('2026-06-25 15:10 EDT');
    expect(localTime('2026-06-25T19:10:00Z', TORONTO, 'fr', 'table')).toBe('2026-06-25 15:10 HAE');
    expect(localTime('2026-06-25T19:10:07Z', TORONTO, 'fr', 'seconds')).toBe('2026-06-25 15:10:07 HAE');
  });

  it('given an unknown zone or a bad instant, then it refuses with TIME.INVALID rather than printing "Invalid DateTime"', () => {
    expect(() => localTime(0, 'Mars/Olympus', 'fr')).toThrow(expect.objectContaining({ code: 'TIME.INVALID' }));
    expect(() => localTime('yesterday', TORONTO, 'en')).toThrow(expect.objectContaining({ code: 'TIME.INVALID' }));
    expect(() => localTimes('yesterday', TORONTO)).toThrow(expect.objectContaining({ code: 'TIME.INVALID' }));
    expect(() => localTimes('yesterday', TORONTO)).toThrow(expect.objectContaining({ code: 'TIME.INVALID' })); // nothing kept from the first
  });

  it('given instants of one minute, then both languages read the same; the next minute, another zone, or across the fall-back hour, they differ', () => {
    const first = localTimes('2026-11-01T05:30:00.000Z', TORONTO);
    expect(localTimes('2026-11-01T05:30:59.999Z', TORONTO)).toEqual(first);
    expect(localTimes('2026-11-01T05:31:00.000Z', TORONTO).en).toBe('Nov 1, 2026, 1:31 AM EDT');
    expect(localTimes('2026-11-01T06:30:00.000Z', TORONTO).en).toBe('Nov 1, 2026, 1:30 AM EST');
    expect(localTimes('2026-11-01T05:30:00.000Z', 'America/Vancouver').en).toBe('Oct 31, 2026, 10:30 PM PDT');
  });
});
