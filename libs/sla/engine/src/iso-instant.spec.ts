import { isoInstant } from './iso-instant';

describe('an instant as UTC ISO text, as toISOString writes it', () => {
  it('given instants within a second, across seconds, before 1970 and past 9999, then the text is toISOString\'s', () => {
    const instants = [0, 1, 999, 1000, Date.parse('2026-12-07T15:00:00.000Z'), Date.parse('2026-12-07T15:00:00.050Z'), Date.parse('2026-12-07T14:59:59.999Z'), -1, -1001, 253402300800123, Date.parse('2026-12-07T15:00:00.007Z')];
    for (const ms of instants) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  it('given a non-finite instant, then it throws as toISOString does, and the next instant is still right', () => {
    expect(() => isoInstant(NaN)).toThrow(RangeError);
    expect(isoInstant(86_400_000)).toBe('1970-01-02T00:00:00.000Z');
  });
});
