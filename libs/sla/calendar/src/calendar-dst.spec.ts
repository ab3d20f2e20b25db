import type { BusinessCalendarSpec } from './calendar';
import { createCalendar } from './index';
import { at, HOUR, iso, MINUTE } from './testing/instants';

const sundayNights: BusinessCalendarSpec = {
  kind: 'business',
  id: 'sunday-nights',
  timeZone: 'America/Toronto',
  week: { sun: [{ from: '00:00', to: '06:00' }] },
};

const roundTheClock: BusinessCalendarSpec = {
  kind: 'business',
  id: 'round-the-clock',
  timeZone: 'America/Toronto',
  week: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [day, [{ from: '00:00', to: '24:00' }]]),
  ),
};

describe('DST in America/Toronto: spring forward on 2026-03-08 (02:00 EST -> 03:00 EDT)', () => {
  const calendar = createCalendar(sundayNights);

  it('given a Sunday 00:00-06:00 opening, then the spring-forward night holds 5 real hours', () => {
    expect(calendar.businessTimeBetween(at('2026-03-07T00:00-05:00'), at('2026-03-09T00:00-04:00'))).toBe(5 * HOUR);
  });

  it('given that opening, when 5h are added at 00:00, then it is due at 06:00 EDT', () => {
    expect(iso(calendar.addBusinessTime(at('2026-03-08T00:00-05:00'), 5 * HOUR))).toBe('2026-03-08T10:00:00.000Z');
  });

  it('given that opening, when 2h are added at 01:30 EST, then the skipped hour does not count', () => {
    expect(iso(calendar.addBusinessTime(at('2026-03-08T01:30-05:00'), 2 * HOUR))).toBe('2026-03-08T08:30:00.000Z');
  });

  it('given a 24h calendar, when the PLUS P1 targets of example 2 are added, then they match real elapsed time', () => {
    const opened = at('2026-03-08T00:30-05:00');
    const calendar24h = createCalendar(roundTheClock);
    expect(iso(calendar24h.addBusinessTime(opened, 30 * MINUTE))).toBe('2026-03-08T06:00:00.000Z');
    expect(iso(calendar24h.addBusinessTime(opened, 4 * HOUR))).toBe('2026-03-08T09:30:00.000Z');
  });

  it('given an opening that starts inside the skipped hour, then it starts when luxon moves it (02:30 -> 03:30 EDT)', () => {
    const gap = createCalendar({ ...sundayNights, week: { sun: [{ from: '02:30', to: '05:00' }] } });
    expect(gap.segments(at('2026-03-08T00:00-05:00'), at('2026-03-08T06:00-04:00'))).toEqual([
      { from: at('2026-03-08T00:00-05:00'), to: at('2026-03-08T03:30-04:00'), kind: 'closed' },
      { from: at('2026-03-08T03:30-04:00'), to: at('2026-03-08T05:00-04:00'), kind: 'open' },
      { from: at('2026-03-08T05:00-04:00'), to: at('2026-03-08T06:00-04:00'), kind: 'closed' },
    ]);
  });

  it('given ranges that luxon reorders around the gap, then they are joined, never counted twice', () => {
    const reordered = createCalendar({ ...sundayNights, week: { sun: [{ from: '01:00', to: '02:30' }, { from: '03:00', to: '04:00' }] } });
    // 01:00 EST (06:00Z) .. 02:30 -> 03:30 EDT (07:30Z), and 03:00 EDT (07:00Z) .. 04:00 EDT (08:00Z): one 2h stretch.
    expect(reordered.businessTimeBetween(at('2026-03-08T00:00-05:00'), at('2026-03-09T00:00-04:00'))).toBe(2 * HOUR);
  });
});

describe('DST in America/Toronto: fall back on 2026-11-01 (02:00 EDT -> 01:00 EST)', () => {
  const calendar = createCalendar(sundayNights);

  it('given a Sunday 00:00-06:00 opening, then the fall-back night holds 7 real hours', () => {
    expect(calendar.businessTimeBetween(at('2026-10-31T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(7 * HOUR);
  });

  it('given that opening, when 2h are added at 01:00 EDT, then it is due 02:00 EST, two real hours for one hour of wall clock', () => {
    expect(iso(calendar.addBusinessTime(at('2026-11-01T01:00-04:00'), 2 * HOUR))).toBe('2026-11-01T07:00:00.000Z');
  });

  it('given a 24h calendar, then the fall-back day lasts 25 hours and a day is 24 real hours', () => {
    const calendar24h = createCalendar(roundTheClock);
    expect(calendar24h.businessTimeBetween(at('2026-11-01T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(25 * HOUR);
    expect(iso(calendar24h.addBusinessTime(at('2026-10-31T12:00-04:00'), 24 * HOUR))).toBe('2026-11-01T16:00:00.000Z');
  });

  it('given the 24x7 calendar, then elapsed time is real time across both changes', () => {
    const always = createCalendar({ kind: '24x7', id: '24x7' });
    expect(always.businessTimeBetween(at('2026-11-01T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(25 * HOUR);
    expect(always.businessTimeBetween(at('2026-03-08T00:00-05:00'), at('2026-03-09T00:00-04:00'))).toBe(23 * HOUR);
  });
});

describe('DST on a Monday and Friday 08:30-16:30 week', () => {
  const business = createCalendar({ ...roundTheClock, week: { mon: [{ from: '08:30', to: '16:30' }], fri: [{ from: '08:30', to: '16:30' }] } });

  it('given a Friday before the spring change, when 8h are added at 12:30 EST, then Monday is counted in EDT', () => {
    expect(iso(business.addBusinessTime(at('2026-03-06T12:30-05:00'), 8 * HOUR))).toBe('2026-03-09T16:30:00.000Z');
  });

  it('given a Friday before the fall change, when 8h are added at 12:30 EDT, then Monday is counted in EST', () => {
    expect(iso(business.addBusinessTime(at('2026-10-30T12:30-04:00'), 8 * HOUR))).toBe('2026-11-02T17:30:00.000Z');
  });
});
