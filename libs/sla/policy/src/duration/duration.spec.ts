import { PolicyError } from '../policy-error';
import { formatDuration, parseDuration } from './duration';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BUSINESS_DAY = 8 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['30min', 30 * MIN],
    ['1h', HOUR],
    ['8h', 8 * HOUR],
    ['16h', 16 * HOUR],
    ['2j', 2 * BUSINESS_DAY],
    ['10j', 10 * BUSINESS_DAY],
    ['1h30min', 90 * MIN],
    ['1j 4h', BUSINESS_DAY + 4 * HOUR],
    ['2d', 2 * BUSINESS_DAY],
    ['30 min', 30 * MIN],
    ['8H', 8 * HOUR],
  ])('reads the contract notation %s', (text, expected) => {
    expect(parseDuration(text, BUSINESS_DAY)).toBe(expected);
  });

  it.each([
    ['PT30M', 30 * MIN],
    ['PT8H', 8 * HOUR],
    ['P2D', 2 * BUSINESS_DAY],
    ['P1DT4H', BUSINESS_DAY + 4 * HOUR],
    ['PT1H30M', 90 * MIN],
    ['PT90S', 90_000],
  ])('reads the ISO-8601 duration %s', (text, expected) => {
    expect(parseDuration(text, BUSINESS_DAY)).toBe(expected);
  });

  it('counts a day as one business day of the given length, not 24 hours', () => {
    expect(parseDuration('1j', 7.5 * HOUR)).toBe(7.5 * HOUR);
    expect(parseDuration('P1D', 7.5 * HOUR)).toBe(7.5 * HOUR);
  });

  it.each(['', '8', '1.5h', '30m', '-1h', 'h', 'PT', 'P1DT', '30min1h', '2 days', 'P1M', 'P1W', 'P1Y', 'PT0.5H', '4 heures'])(
    'refuses %j with POLICY.INVALID_DURATION',
    (text) => {
      expect(() => parseDuration(text, BUSINESS_DAY)).toThrow(expect.objectContaining({ code: 'POLICY.INVALID_DURATION' }));
    },
  );

  it('explains that years, months and weeks have no business length', () => {
    expect(() => parseDuration('P1M', BUSINESS_DAY)).toThrow(/no fixed business length/);
  });

  it('throws a PolicyError that lists the accepted notations', () => {
    try {
      parseDuration('2 days', BUSINESS_DAY);
      throw new Error('expected a PolicyError');
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).message).toMatch(/30min, 8h, 2j, 1h30min, or ISO-8601/);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [30 * MIN, '30min'],
    [32 * HOUR, '32h'],
    [90 * MIN, '1h30min'],
    [0, '0min'],
  ])('writes %d ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
