import { createCalendar, stagePlusBusinessCalendarSpec } from './index';
import { at, HOUR, iso, MINUTE } from './testing/instants';

const calendar = createCalendar(stagePlusBusinessCalendarSpec);

describe('STAGE+ business calendar: worked examples of the SLA semantics', () => {
  const tuesdayAfternoon = at('2026-06-23T15:10-04:00');

  it('given example 1 opened Tue 15:10 before the Fête nationale, when 8h are added, then it is due Thu 15:10', () => {
    expect(iso(calendar.addBusinessTime(tuesdayAfternoon, 8 * HOUR))).toBe('2026-06-25T19:10:00.000Z');
  });

  it('given example 1, when the 4j (32h) resolution is added, then it is due the next Tuesday 15:10', () => {
    expect(iso(calendar.addBusinessTime(tuesdayAfternoon, 32 * HOUR))).toBe('2026-06-30T19:10:00.000Z');
  });

  const fridayBeforeClosing = at('2026-11-27T16:00-05:00');
  const mondayPause = [{ from: at('2026-11-30T09:00-05:00'), to: at('2026-11-30T10:00-05:00') }];

  it('given example 3 opened Fri 16:00, when the 1h response is added, then it is due Mon 09:00', () => {
    expect(iso(calendar.addBusinessTime(fridayBeforeClosing, HOUR))).toBe('2026-11-30T14:00:00.000Z');
  });

  it('given example 3, when its 50 % threshold (30 min) is added, then it falls exactly at Friday closing', () => {
    expect(iso(calendar.addBusinessTime(fridayBeforeClosing, 30 * MINUTE))).toBe('2026-11-27T21:30:00.000Z');
  });

  it('given example 3 paused Mon 09:00-10:00, when the 8h resolution is added, then it is due Tue 09:00', () => {
    expect(iso(calendar.addBusinessTime(fridayBeforeClosing, 8 * HOUR, mondayPause))).toBe('2026-12-01T14:00:00.000Z');
    expect(calendar.businessTimeBetween(fridayBeforeClosing, at('2026-12-01T09:00-05:00'), mondayPause)).toBe(8 * HOUR);
  });
});

describe('STAGE+ business calendar: the deadline rule', () => {
  it('given a ticket opened on Saturday, when 1h is added, then counting starts at Monday 08:30', () => {
    expect(iso(calendar.addBusinessTime(at('2026-06-27T11:00-04:00'), HOUR))).toBe('2026-06-29T13:30:00.000Z');
  });

  it('given a ticket opened at 07:00, when 30 min are added, then it is due 09:00 the same day', () => {
    expect(iso(calendar.addBusinessTime(at('2026-06-22T07:00-04:00'), 30 * MINUTE))).toBe('2026-06-22T13:00:00.000Z');
  });

  it('given a ticket opened after closing, when 1 ms is added, then it is due 1 ms after the next opening', () => {
    expect(iso(calendar.addBusinessTime(at('2026-06-22T18:00-04:00'), 1))).toBe('2026-06-23T12:30:00.001Z');
  });

  it('given a ticket opened exactly at closing, when 8h are added, then it is due at the next day closing', () => {
    expect(iso(calendar.addBusinessTime(at('2026-06-22T16:30-04:00'), 8 * HOUR))).toBe('2026-06-23T20:30:00.000Z');
  });

  it('given a deadline reached exactly at closing, then it is that closing instant, not the next morning', () => {
    expect(iso(calendar.addBusinessTime(at('2026-06-22T08:30-04:00'), 8 * HOUR))).toBe('2026-06-22T20:30:00.000Z');
  });

  it('given a zero target, then the deadline is the start, even outside business hours', () => {
    const sunday = at('2026-06-28T03:00-04:00');
    expect(calendar.addBusinessTime(sunday, 0)).toBe(sunday);
  });

  it('given the eve of the Fête nationale, when 2h are added at 15:30, then the holiday is skipped', () => {
    expect(iso(calendar.addBusinessTime(at('2026-06-23T15:30-04:00'), 2 * HOUR))).toBe('2026-06-25T13:30:00.000Z');
  });

  it('given the eve of Christmas 2026 (Thursday), when 1h is added at 16:00, then it is due Monday Dec 28 09:00', () => {
    expect(iso(calendar.addBusinessTime(at('2026-12-24T16:00-05:00'), HOUR))).toBe('2026-12-28T14:00:00.000Z');
  });

  it('given New Year eve across the year boundary, when 8h are added, then both years are spent', () => {
    expect(iso(calendar.addBusinessTime(at('2026-12-31T12:30-05:00'), 8 * HOUR))).toBe('2027-01-04T17:30:00.000Z');
    expect(calendar.businessTimeBetween(at('2026-12-31T12:30-05:00'), at('2027-01-04T12:30-05:00'))).toBe(8 * HOUR);
  });
});

describe('STAGE+ business calendar: business time and pauses', () => {
  it('given a full week, then it holds 40 business hours', () => {
    expect(calendar.businessTimeBetween(at('2026-06-08T00:00-04:00'), at('2026-06-15T00:00-04:00'))).toBe(40 * HOUR);
  });

  it('given to <= from, then the business time is 0', () => {
    const t = at('2026-06-22T12:00-04:00');
    expect(calendar.businessTimeBetween(t, t)).toBe(0);
    expect(calendar.businessTimeBetween(t, t - HOUR)).toBe(0);
  });

  it('given a pause from Friday 15:00 to Monday 10:00, when 4h are added Fri 14:00, then only the open time outside it counts', () => {
    const pause = [{ from: at('2026-06-26T15:00-04:00'), to: at('2026-06-29T10:00-04:00') }];
    expect(iso(calendar.addBusinessTime(at('2026-06-26T14:00-04:00'), 4 * HOUR, pause))).toBe('2026-06-29T17:00:00.000Z');
    expect(calendar.businessTimeBetween(at('2026-06-26T14:00-04:00'), at('2026-06-29T13:00-04:00'), pause)).toBe(4 * HOUR);
  });

  it('given a pause over the weekend only, then it changes nothing', () => {
    const pause = [{ from: at('2026-06-26T17:00-04:00'), to: at('2026-06-29T08:00-04:00') }];
    const start = at('2026-06-26T14:00-04:00');
    expect(calendar.addBusinessTime(start, 4 * HOUR, pause)).toBe(calendar.addBusinessTime(start, 4 * HOUR));
  });

  it('given an open-ended pause before the target is reached, then the deadline is never (Infinity)', () => {
    const pause = [{ from: at('2026-06-22T10:00-04:00'), to: Infinity }];
    expect(calendar.addBusinessTime(at('2026-06-22T09:00-04:00'), 2 * HOUR, pause)).toBe(Infinity);
    expect(calendar.businessTimeBetween(at('2026-06-22T09:00-04:00'), at('2026-06-30T00:00-04:00'), pause)).toBe(HOUR);
  });

  it('given a start inside a pause, then counting starts when the pause ends', () => {
    const pause = [{ from: at('2026-06-22T08:00-04:00'), to: at('2026-06-22T12:00-04:00') }];
    expect(iso(calendar.addBusinessTime(at('2026-06-22T09:00-04:00'), HOUR, pause))).toBe('2026-06-22T17:00:00.000Z');
  });

  it('given a target of many years, then the deadline is found year after year', () => {
    const start = at('2026-01-05T08:30-05:00');
    const due = calendar.addBusinessTime(start, 10_000 * HOUR);
    expect(calendar.businessTimeBetween(start, due)).toBe(10_000 * HOUR);
    expect(new Date(due).getUTCFullYear()).toBe(2030);
  });
});
