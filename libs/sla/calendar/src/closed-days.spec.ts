import Holidays from 'date-holidays';
import { createClosedDays } from './closed-days';
import { createCalendar, stagePlusBusinessCalendarSpec } from './index';
import { plainDate } from './local-dates';
import { at, HOUR, iso } from './testing/instants';

const quebec = { country: 'CA', region: 'QC', types: ['public'], quebecSundaySubstitutions: true } as const;
const closedDays = createClosedDays(quebec, [], 'America/Toronto');

const GOOD_FRIDAYS: Record<number, string> = {
  2026: '04-03', 2027: '03-26', 2028: '04-14', 2029: '03-30', 2030: '04-19', 2031: '04-11',
  2032: '03-26', 2033: '04-15', 2034: '04-07', 2035: '03-23', 2036: '04-11',
};

/** The n-th `weekday` (0 = Sunday) on or after `year-month-firstDay`, as `YYYY-MM-DD`. */
function nthWeekdayFrom(year: number, month: number, firstDay: number, weekday: number, n: number): string {
  const first = plainDate(year, month, firstDay);
  return plainDate(year, month, firstDay, ((weekday - first.weekday + 7) % 7) + 7 * (n - 1)).iso;
}

/** Quebec public holidays by the rules of law, written independently of date-holidays. */
function expectedQuebecHolidays(year: number): string[] {
  const onSunday = (monthDay: string) => plainDate(year, Number(monthDay.slice(0, 2)), Number(monthDay.slice(3))).weekday === 0;
  const dates = [
    `${year}-01-01`,
    `${year}-${GOOD_FRIDAYS[year]}`,
    nthWeekdayFrom(year, 5, 18, 1, 1), // Journée nationale des patriotes: the Monday before May 25
    `${year}-06-24`,
    ...(onSunday('06-24') ? [`${year}-06-25`] : []),
    `${year}-07-01`,
    ...(onSunday('07-01') ? [`${year}-07-02`] : []),
    nthWeekdayFrom(year, 9, 1, 1, 1), // Labour Day: first Monday of September
    nthWeekdayFrom(year, 10, 1, 1, 2), // Thanksgiving: second Monday of October
    `${year}-12-25`,
  ];
  return dates.sort();
}

describe('Quebec public holidays from date-holidays', () => {
  it('given 2026, then the closed days are Jan 1, Apr 3, May 18, Jun 24, Jul 1, Sep 7, Oct 12, Dec 25', () => {
    expect([...closedDays(2026).keys()].sort()).toEqual([
      '2026-01-01', '2026-04-03', '2026-05-18', '2026-06-24', '2026-07-01', '2026-09-07', '2026-10-12', '2026-12-25',
    ]);
  });

  it.each(Object.keys(GOOD_FRIDAYS).map(Number))('given %i, then the closed days follow the rules of Quebec law', (year) => {
    expect([...closedDays(year).keys()].sort()).toEqual(expectedQuebecHolidays(year));
  });

  it('given 2029 and 2035 (June 24 and July 1 on Sundays), then June 25 and July 2 are closed too', () => {
    for (const year of [2029, 2035]) {
      expect(closedDays(year).get(`${year}-06-25`)).toEqual({ fr: 'Fête nationale du Québec (congé reporté)', en: 'National Holiday (observed)' });
      expect(closedDays(year).get(`${year}-07-02`)).toEqual({ fr: 'Fête du Canada (congé reporté)', en: 'Canada Day (observed)' });
      expect(closedDays(year).has(`${year}-06-24`)).toBe(true);
    }
  });

  it('given date-holidays itself, then it lists the Sunday and no substitute (why the substitution exists)', () => {
    const listed = new Holidays('CA', 'QC', { types: ['public'], timezone: 'America/Toronto' }).getHolidays(2029);
    expect(listed.map((h) => h.date.slice(0, 10))).toEqual(expect.arrayContaining(['2029-06-24', '2029-07-01']));
    expect(listed.map((h) => h.date.slice(0, 10))).not.toEqual(expect.arrayContaining(['2029-06-25']));
    expect(listed.map((h) => h.date.slice(0, 10))).not.toEqual(expect.arrayContaining(['2029-07-02']));
  });

  it('given substitutions are off, then the Sunday holidays are not moved', () => {
    const plain = createClosedDays({ ...quebec, quebecSundaySubstitutions: false }, [], 'America/Toronto');
    expect(plain(2029).has('2029-06-25')).toBe(false);
    expect(plain(2029).has('2029-07-02')).toBe(false);
  });

  it('given date-holidays without a timezone, then CA/QC instants are in America/Blanc-Sablon, one hour off in winter', () => {
    const [newYear] = new Holidays('CA', 'QC', { types: ['public'] }).getHolidays(2026);
    expect(newYear.start.toISOString()).toBe('2026-01-01T04:00:00.000Z');
  });

  it('given the STAGE+ calendar, then New Year 2026 closes the whole Toronto local day', () => {
    const calendar = createCalendar(stagePlusBusinessCalendarSpec);
    const segments = calendar.segments(at('2026-01-01T00:00-05:00'), at('2026-01-02T00:00-05:00'));
    expect(segments).toEqual([{ from: at('2026-01-01T00:00-05:00'), to: at('2026-01-02T00:00-05:00'), kind: 'holiday', label: 'Nouvel An', labels: { fr: 'Nouvel An', en: "New Year's Day" } }]);
  });

  it('given Monday July 2 2029 closed by substitution, when 1h is added Friday June 29 16:00, then it is due Tuesday July 3', () => {
    const calendar = createCalendar(stagePlusBusinessCalendarSpec);
    expect(iso(calendar.addBusinessTime(at('2029-06-29T16:00-04:00'), HOUR))).toBe('2029-07-03T13:00:00.000Z');
  });
});

describe('configured closures', () => {
  const withClosures = createCalendar({
    ...stagePlusBusinessCalendarSpec,
    closures: [
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-12-26', name: 'Lendemain de Noël' },
      { date: '2026-12-25', name: 'Noël (établissement)' },
    ],
  });

  it('given Easter Monday configured, when 1h is added Thursday before Easter at 16:00, then Friday and Monday are skipped', () => {
    expect(iso(withClosures.addBusinessTime(at('2026-04-02T16:00-04:00'), HOUR))).toBe('2026-04-07T13:00:00.000Z');
  });

  it('given a closure on a Saturday, then segments label it as a holiday', () => {
    const [segment] = withClosures.segments(at('2026-12-26T10:00-05:00'), at('2026-12-26T11:00-05:00'));
    expect(segment).toEqual({ from: at('2026-12-26T10:00-05:00'), to: at('2026-12-26T11:00-05:00'), kind: 'holiday', label: 'Lendemain de Noël', labels: { fr: 'Lendemain de Noël', en: 'Lendemain de Noël' } });
  });

  it('given a closure on a holiday, then both names label the day', () => {
    const [segment] = withClosures.segments(at('2026-12-25T12:00-05:00'), at('2026-12-25T13:00-05:00'));
    expect(segment.labels).toEqual({ fr: 'Noël / Noël (établissement)', en: 'Christmas Day / Noël (établissement)' });
  });
});
