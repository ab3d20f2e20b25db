import { createCalendar } from './index';
import { at, HOUR, iso, MINUTE } from './testing/instants';

const calendar = createCalendar({ kind: '24x7', id: '24x7' });

describe('24x7 calendar', () => {
  const opened = at('2026-03-08T00:30-05:00');

  it('given example 2 (PLUS P1 opened the spring-forward night), when 30 min are added, then it is due 06:00Z', () => {
    expect(iso(calendar.addBusinessTime(opened, 30 * MINUTE))).toBe('2026-03-08T06:00:00.000Z');
  });

  it('given example 2, when the 4h resolution is added, then it is due 09:30Z (05:30 EDT), 4 real hours', () => {
    expect(iso(calendar.addBusinessTime(opened, 4 * HOUR))).toBe('2026-03-08T09:30:00.000Z');
  });

  it('given a pause of 1h, when 4h are added, then the deadline moves by the pause', () => {
    const pause = [{ from: opened + HOUR, to: opened + 2 * HOUR }];
    expect(calendar.addBusinessTime(opened, 4 * HOUR, pause)).toBe(opened + 5 * HOUR);
    expect(calendar.businessTimeBetween(opened, opened + 5 * HOUR, pause)).toBe(4 * HOUR);
  });

  it('given a pause reaching exactly the deadline, then the deadline is the end of the pause', () => {
    const pause = [{ from: opened + HOUR, to: opened + 2 * HOUR }];
    expect(calendar.addBusinessTime(opened, HOUR, pause)).toBe(opened + HOUR);
  });

  it('given an open-ended pause, then the deadline is never and business time stops at the pause', () => {
    const pause = [{ from: opened + HOUR, to: Infinity }];
    expect(calendar.addBusinessTime(opened, 2 * HOUR, pause)).toBe(Infinity);
    expect(calendar.businessTimeBetween(opened, opened + 10 * HOUR, pause)).toBe(HOUR);
  });

  it('given any range, then segments is one open segment', () => {
    expect(calendar.segments(opened, opened + HOUR)).toEqual([{ from: opened, to: opened + HOUR, kind: 'open' }]);
    expect(calendar.segments(opened, opened)).toEqual([]);
  });
});
