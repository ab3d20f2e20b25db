import fc from 'fast-check';
import type { BusinessCalendarSpec, Calendar, Interval } from './calendar';
import { createCalendar, stagePlusBusinessCalendarSpec } from './index';
import { DAY, HOUR } from './testing/instants';
import { referenceCalendar, type ReferenceCalendar } from './testing/reference-calendar';

const allDay = [{ from: '00:00', to: '24:00' }];

/** Night and weekend hours around both Toronto DST changes, ranges that luxon reorders, closures. */
const nightShift: BusinessCalendarSpec = {
  kind: 'business',
  id: 'night-shift',
  timeZone: 'America/Toronto',
  week: {
    mon: [{ from: '08:30', to: '16:30' }],
    tue: [{ from: '00:00', to: '06:00' }, { from: '22:00', to: '24:00' }],
    wed: allDay,
    thu: [{ from: '08:30', to: '12:00' }, { from: '12:00', to: '16:30' }],
    sat: [{ from: '22:00', to: '24:00' }],
    sun: [{ from: '00:00', to: '01:45' }, { from: '02:00', to: '02:45' }, { from: '03:00', to: '06:00' }],
  },
  holidays: { country: 'CA', region: 'QC', quebecSundaySubstitutions: true },
  closures: [{ date: '2026-12-26', name: 'Boxing Day' }, { date: '2031-04-14', name: 'Easter Monday' }],
};

/** A half-hour DST zone on the other side of the world, with its own holidays. */
const lordHowe: BusinessCalendarSpec = {
  kind: 'business',
  id: 'lord-howe',
  timeZone: 'Australia/Lord_Howe',
  week: { mon: [{ from: '09:00', to: '17:00' }], fri: [{ from: '09:00', to: '17:00' }], sun: [{ from: '01:00', to: '03:00' }] },
  holidays: { country: 'AU', region: 'NSW' },
};

/** A UTC calendar open all the time: the reference model of the 24x7 calendar. */
const alwaysOpenModel: BusinessCalendarSpec = {
  kind: 'business',
  id: 'utc-always',
  timeZone: 'UTC',
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2037, 0, 1) });
const target = fc.oneof(
  fc.integer({ min: 0, max: 300 * HOUR }),
  fc.constantFrom(0, 1, 30 * 60_000, HOUR, 8 * HOUR, 16 * HOUR, 32 * HOUR, 80 * HOUR),
);

/** Sorted, non-overlapping pauses around `start`, the last one sometimes open-ended. */
function pausesAround(start: number): fc.Arbitrary<Interval[]> {
  const gapAndLength = fc.tuple(fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 4 * DAY }));
  return fc.tuple(fc.array(gapAndLength, { maxLength: 4 }), fc.boolean()).map(([pieces, openEnded]) => {
    let cursor = start - 3 * DAY;
    const pauses = pieces.map(([gap, length]) => {
      const from = cursor + gap;
      cursor = from + length;
      return { from, to: cursor };
    });
    if (openEnded && pauses.length > 0) pauses[pauses.length - 1] = { ...pauses[pauses.length - 1], to: Infinity };
    return pauses;
  });
}

const startAndPauses = instant.chain((start) => fc.tuple(fc.constant(start), pausesAround(start)));

const cases: [string, Calendar, ReferenceCalendar][] = [
  ['STAGE+ business', createCalendar(stagePlusBusinessCalendarSpec), referenceCalendar(stagePlusBusinessCalendarSpec)],
  ['night shift', createCalendar(nightShift), referenceCalendar(nightShift)],
  ['Lord Howe', createCalendar(lordHowe), referenceCalendar(lordHowe)],
  ['24x7', createCalendar({ kind: '24x7', id: '24x7' }), referenceCalendar(alwaysOpenModel)],
];

describe.each(cases)('%s calendar against the day-by-day reference', (_, calendar, reference) => {
  const runs = { numRuns: 150 };

  it('given random instants and pauses, then businessTimeBetween equals the reference', () => {
    const span = fc.integer({ min: 0, max: 60 * DAY });
    fc.assert(
      fc.property(startAndPauses, span, ([from, pauses], length) => {
        expect(calendar.businessTimeBetween(from, from + length, pauses)).toBe(reference.between(from, from + length, pauses));
      }),
      runs,
    );
  });

  it('given random starts, targets and pauses, then addBusinessTime equals the reference', () => {
    fc.assert(
      fc.property(startAndPauses, target, ([start, pauses], duration) => {
        expect(calendar.addBusinessTime(start, duration, pauses)).toBe(reference.add(start, duration, pauses));
      }),
      runs,
    );
  });

  it('given a deadline, then the business time up to it is the target, and 1 ms earlier it is less', () => {
    fc.assert(
      fc.property(startAndPauses, target, ([start, pauses], duration) => {
        const due = calendar.addBusinessTime(start, duration, pauses);
        fc.pre(Number.isFinite(due));
        expect(calendar.businessTimeBetween(start, due, pauses)).toBe(duration);
        if (duration > 0) expect(calendar.businessTimeBetween(start, due - 1, pauses)).toBeLessThan(duration);
      }),
      { numRuns: 300 },
    );
  });

  it('given two targets or two starts in order, then the deadlines are in the same order', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10 * DAY }), target, target, (start, later, d1, d2) => {
        const [small, large] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(calendar.addBusinessTime(start, small)).toBeLessThanOrEqual(calendar.addBusinessTime(start, large));
        expect(calendar.addBusinessTime(start, small)).toBeLessThanOrEqual(calendar.addBusinessTime(start + later, small));
      }),
      { numRuns: 300 },
    );
  });

  it('given three instants in order, then business time is additive', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 3, maxLength: 3 }), (instants) => {
        const [a, b, c] = [...instants].sort((x, y) => x - y);
        expect(calendar.businessTimeBetween(a, b) + calendar.businessTimeBetween(b, c)).toBe(calendar.businessTimeBetween(a, c));
      }),
      { numRuns: 300 },
    );
  });
});
