import type { BusinessCalendarSpec, CalendarSpec } from './calendar';
import { CalendarError, createCalendar, stagePlusBusinessCalendarSpec } from './index';
import { at, HOUR } from './testing/instants';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarError) return error.code;
    throw error;
  }
  return undefined;
}

const base = stagePlusBusinessCalendarSpec;
const withWeek = (week: BusinessCalendarSpec['week']): CalendarSpec => ({ ...base, week });

describe('createCalendar rejects invalid specs with stable codes', () => {
  it.each<[string, CalendarSpec, string]>([
    ['an unknown zone', { ...base, timeZone: 'America/Montréal' }, 'CALENDAR.INVALID_ZONE'],
    ['a bad HH:mm', withWeek({ mon: [{ from: '8:30', to: '16:30' }] }), 'CALENDAR.INVALID_TIME'],
    ['minutes over 59', withWeek({ mon: [{ from: '08:60', to: '16:30' }] }), 'CALENDAR.INVALID_TIME'],
    ['24:00 as a start', withWeek({ mon: [{ from: '24:00', to: '24:00' }] }), 'CALENDAR.INVALID_TIME'],
    ['from after to', withWeek({ mon: [{ from: '16:30', to: '08:30' }] }), 'CALENDAR.INVALID_RANGE'],
    ['from equal to to', withWeek({ mon: [{ from: '08:30', to: '08:30' }] }), 'CALENDAR.INVALID_RANGE'],
    ['overlapping ranges', withWeek({ mon: [{ from: '08:30', to: '12:00' }, { from: '11:00', to: '16:30' }] }), 'CALENDAR.OVERLAPPING_RANGES'],
    ['an unknown weekday', withWeek({ monday: [{ from: '08:30', to: '16:30' }] } as never), 'CALENDAR.INVALID_WEEKDAY'],
    ['an empty week', withWeek({ sat: [] }), 'CALENDAR.NEVER_OPEN'],
    ['a closure that is not a date', { ...base, closures: [{ date: '2026-02-30', name: 'x' }] }, 'CALENDAR.INVALID_CLOSURE'],
    ['a closure without a name', { ...base, closures: [{ date: '2026-04-06', name: ' ' }] }, 'CALENDAR.INVALID_CLOSURE'],
    ['an unknown region', { ...base, holidays: { country: 'CA', region: 'ZZ' } }, 'CALENDAR.INVALID_HOLIDAY_SOURCE'],
    ['an unknown country', { ...base, holidays: { country: 'XX' } }, 'CALENDAR.INVALID_HOLIDAY_SOURCE'],
    ['an unknown holiday type', { ...base, holidays: { country: 'CA', types: ['national'] } }, 'CALENDAR.INVALID_HOLIDAY_SOURCE'],
    ['an empty id', { kind: '24x7', id: '' }, 'CALENDAR.INVALID_ID'],
    ['an unknown kind', { kind: '9to5', id: 'x' } as never, 'CALENDAR.INVALID_KIND'],
  ])('given %s, then it throws', (_, spec, code) => {
    expect(codeOf(() => createCalendar(spec))).toBe(code);
  });

  it('given touching ranges, then they are accepted and count as one stretch', () => {
    const calendar = createCalendar(withWeek({ mon: [{ from: '12:00', to: '16:30' }, { from: '08:30', to: '12:00' }] }));
    expect(calendar.businessTimeBetween(at('2026-06-22T00:00-04:00'), at('2026-06-23T00:00-04:00'))).toBe(8 * HOUR);
  });

  it('given a CalendarError, then it is an Error with its code in the message', () => {
    const error = new CalendarError('CALENDAR.INVALID_ZONE', 'bad');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('CALENDAR.INVALID_ZONE: bad');
  });
});

describe('calendar calls reject invalid arguments', () => {
  const calendar = createCalendar(base);
  const start = at('2026-06-22T09:00-04:00');

  it.each<[string, () => unknown, string]>([
    ['a negative duration', () => calendar.addBusinessTime(start, -1), 'CALENDAR.INVALID_ARGUMENT'],
    ['a NaN start', () => calendar.addBusinessTime(NaN, HOUR), 'CALENDAR.INVALID_ARGUMENT'],
    ['an infinite duration', () => calendar.addBusinessTime(start, Infinity), 'CALENDAR.INVALID_ARGUMENT'],
    ['an infinite end', () => calendar.businessTimeBetween(start, Infinity), 'CALENDAR.INVALID_ARGUMENT'],
    ['unsorted pauses', () => calendar.addBusinessTime(start, HOUR, [{ from: start + 2 * HOUR, to: start + 3 * HOUR }, { from: start, to: start + HOUR }]), 'CALENDAR.INVALID_PAUSES'],
    ['a reversed pause', () => calendar.businessTimeBetween(start, start + HOUR, [{ from: start + HOUR, to: start }]), 'CALENDAR.INVALID_PAUSES'],
    ['a deadline past the supported years', () => calendar.addBusinessTime(at('2200-12-30T09:00-05:00'), 100 * HOUR), 'CALENDAR.OUT_OF_RANGE'],
    ['an instant past the supported years', () => calendar.businessTimeBetween(at('2201-01-02T00:00Z'), at('2201-01-03T00:00Z')), 'CALENDAR.OUT_OF_RANGE'],
  ])('given %s, then it throws', (_, call, code) => {
    expect(codeOf(call)).toBe(code);
  });
});
