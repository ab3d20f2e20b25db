import { createCalendar, stagePlusBusinessCalendarSpec } from './index';
import { at } from './testing/instants';

const calendar = createCalendar(stagePlusBusinessCalendarSpec);

describe('segments of the STAGE+ business calendar', () => {
  it('given Tuesday to Thursday around the Fête nationale, then open, closed and holiday pieces alternate', () => {
    expect(calendar.segments(at('2026-06-23T15:10-04:00'), at('2026-06-25T10:00-04:00'))).toEqual([
      { from: at('2026-06-23T15:10-04:00'), to: at('2026-06-23T16:30-04:00'), kind: 'open' },
      { from: at('2026-06-23T16:30-04:00'), to: at('2026-06-24T00:00-04:00'), kind: 'closed' },
      { from: at('2026-06-24T00:00-04:00'), to: at('2026-06-25T00:00-04:00'), kind: 'holiday', label: 'Fête nationale du Québec', labels: { fr: 'Fête nationale du Québec', en: 'National Holiday' } },
      { from: at('2026-06-25T00:00-04:00'), to: at('2026-06-25T08:30-04:00'), kind: 'closed' },
      { from: at('2026-06-25T08:30-04:00'), to: at('2026-06-25T10:00-04:00'), kind: 'open' },
    ]);
  });

  it('given a weekend, then Friday evening to Monday morning is one closed segment', () => {
    expect(calendar.segments(at('2026-06-26T16:00-04:00'), at('2026-06-29T09:00-04:00'))).toEqual([
      { from: at('2026-06-26T16:00-04:00'), to: at('2026-06-26T16:30-04:00'), kind: 'open' },
      { from: at('2026-06-26T16:30-04:00'), to: at('2026-06-29T08:30-04:00'), kind: 'closed' },
      { from: at('2026-06-29T08:30-04:00'), to: at('2026-06-29T09:00-04:00'), kind: 'open' },
    ]);
  });

  it('given a range across New Year, then the segments continue over the year boundary', () => {
    expect(calendar.segments(at('2026-12-31T16:00-05:00'), at('2027-01-04T09:00-05:00'))).toEqual([
      { from: at('2026-12-31T16:00-05:00'), to: at('2026-12-31T16:30-05:00'), kind: 'open' },
      { from: at('2026-12-31T16:30-05:00'), to: at('2027-01-01T00:00-05:00'), kind: 'closed' },
      { from: at('2027-01-01T00:00-05:00'), to: at('2027-01-02T00:00-05:00'), kind: 'holiday', label: 'Nouvel An', labels: { fr: 'Nouvel An', en: "New Year's Day" } },
      { from: at('2027-01-02T00:00-05:00'), to: at('2027-01-04T08:30-05:00'), kind: 'closed' },
      { from: at('2027-01-04T08:30-05:00'), to: at('2027-01-04T09:00-05:00'), kind: 'open' },
    ]);
  });

  it('given an empty or reversed range, then there are no segments', () => {
    expect(calendar.segments(at('2026-06-26T16:00-04:00'), at('2026-06-26T16:00-04:00'))).toEqual([]);
    expect(calendar.segments(at('2026-06-26T16:00-04:00'), at('2026-06-26T15:00-04:00'))).toEqual([]);
  });

  it('given a range, then the open segments sum to the business time', () => {
    const from = at('2026-06-01T00:00-04:00');
    const to = at('2026-08-01T00:00-04:00');
    const open = calendar.segments(from, to).filter((s) => s.kind === 'open').reduce((sum, s) => sum + s.to - s.from, 0);
    expect(open).toBe(calendar.businessTimeBetween(from, to));
  });
});
